#include "mpi_ranks.h"

#include <cstdlib>

#include "holodet/core/error.h"

#ifdef HOLODET_WITH_MPI
// The C interface only: OpenMPI's and MPICH's headers otherwise pull in their C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace holodet::tools {
namespace {

// The world size a launcher announces (OpenMPI, MPICH/PMI, Slurm's srun); 0 when none did.
int launcher_world_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* value = std::getenv(name); value != nullptr) {
      return std::atoi(value);
    }
  }
  return 0;
}

}  // namespace

MpiWorld::MpiWorld() {
  const int announced = launcher_world_size();
  if (announced == 0) {
    return;
  }
#ifdef HOLODET_WITH_MPI
  int provided = 0;
  // Only the main thread calls MPI; worker threads do not.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  active_ = true;
#else
  if (announced > 1) {
    throw bad_input("batch: started by an MPI launcher with " + std::to_string(announced) +
                    " processes, but this holodet was built without MPI (install "
                    "libopenmpi-dev and rebuild; docs/BATCH.md)");
  }
#endif
}

MpiWorld::~MpiWorld() {
#ifdef HOLODET_WITH_MPI
  if (active_) {
    MPI_Finalize();
  }
#endif
}

pipeline::BatchRanks MpiWorld::ranks() const {
  pipeline::BatchRanks ranks;
  ranks.rank = rank_;
  ranks.size = size_;
#ifdef HOLODET_WITH_MPI
  if (active_) {
    ranks.barrier = [] { MPI_Barrier(MPI_COMM_WORLD); };
    ranks.max_over_ranks = [](int value) {
      int result = value;
      MPI_Allreduce(&value, &result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
      return result;
    };
    ranks.broadcast_from_rank0 = [](const std::string& text) {
      unsigned long long length = text.size();
      MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
      std::string received = text;
      received.resize(length);
      MPI_Bcast(received.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD);
      return received;
    };
  }
#endif
  return ranks;
}

void MpiWorld::abort(int code) const {
#ifdef HOLODET_WITH_MPI
  if (active_ && size_ > 1) {
    MPI_Abort(MPI_COMM_WORLD, code);
  }
#endif
  std::exit(code);
}

std::string mpi_description() {
#ifdef HOLODET_WITH_MPI
  return "MPI on";
#else
  return "MPI off";
#endif
}

}  // namespace holodet::tools
