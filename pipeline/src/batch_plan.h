#pragma once
// Planning a batch run: every archive is looked at before any work (its lock taken, leftovers
// of a killed run removed, journal and results checked against --resume, this rank's pending
// holograms listed), so bad usage stops the run before it starts.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/optics.h"
#include "holodet/io/run_lock.h"
#include "holodet/pipeline/batch_job.h"

namespace holodet::pipeline {

struct ArchivePlan {
  std::shared_ptr<io::RunLock> lock;  // held from planning to the end of the run
  std::filesystem::path input;
  std::filesystem::path results;
  std::string identity;
  std::string open_error;  // the archive cannot be opened: reported, the others go on
  bool complete_already = false;
  std::size_t holograms = 0;
  std::size_t size_x = 0, size_y = 0;
  Optics optics;
  std::vector<int> pending;  // this rank's hids without a final record
  std::size_t resumed = 0;
};

// Throws bad_input for bad usage (two inputs with the same results name, results or journals
// present without --resume, a journal of another archive); an archive that cannot be opened is
// planned with its open_error, and the others go on.
std::vector<ArchivePlan> plan_archives(const BatchRequest& request, const config::Config& config,
                                       const std::string& method, const std::string& model);

}  // namespace holodet::pipeline
