#pragma once
// The end of an archive in a batch run: its results file, written atomically from every rank's
// journal with the products beside the particles, and the journals removed.

#include <string>

#include "batch_plan.h"
#include "holodet/config/config.h"
#include "holodet/pipeline/batch_job.h"

namespace holodet::pipeline {

// Writes the results of an archive whose holograms all have a record, from every rank's
// journal, and removes the journals. Returns false (and leaves everything) when some are
// missing.
bool finish_archive(const BatchRequest& request, const ArchivePlan& plan,
                    const config::Config& config, const std::string& method,
                    const std::string& model);

}  // namespace holodet::pipeline
