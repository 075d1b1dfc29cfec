#pragma once
// The MPI world of a batch started by mpirun or srun. Built without MPI, or run without a
// launcher, the batch is one process: rank 0 of 1. Under a launcher without MPI in the build,
// the processes would all be rank 0 and overwrite each other: that is refused.

#include <string>

#include "holodet/pipeline/batch_job.h"

namespace holodet::tools {

class MpiWorld {
 public:
  MpiWorld();   // initialises MPI when a launcher started this process
  ~MpiWorld();  // finalises it
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  pipeline::BatchRanks ranks() const;
  // Ends every rank with `code` (after an error on one rank, the others would wait forever).
  [[noreturn]] void abort(int code) const;

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

// What this build says about MPI, for --version and the docs.
std::string mpi_description();

}  // namespace holodet::tools
