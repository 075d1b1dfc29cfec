#pragma once
// Applies the process-wide settings of a configuration (CPU thread count for LibTorch and,
// later, the FFT library) once, before a command does any work.

#include "holodet/config/config.h"

namespace holodet::pipeline {

// Returns the number of CPU threads in effect.
int apply_runtime_settings(const config::Config& config);

}  // namespace holodet::pipeline
