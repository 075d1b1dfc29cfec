#pragma once
// What a batch run's results depend on, as one checksum: a journal or results file records it,
// and --resume continues only a run with the same one.

#include <filesystem>
#include <string>

#include "holodet/config/config.h"

namespace holodet::pipeline {

// The method, the model file's label, the configuration that decides results (not runtime.*
// nor products.*: devices, threads and workers do not change results, and products are remade
// without re-detecting) and the input's name, size and fingerprint.
std::string run_identity(const std::string& method, const std::string& model_checksum,
                         const config::Config& config, const std::filesystem::path& input);

}  // namespace holodet::pipeline
