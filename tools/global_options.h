#pragma once
// Options every subcommand accepts: --config, --set, --print-config, --threads, --device.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "holodet/pipeline/config.h"

namespace holodet::tools {

struct GlobalOptions {
  std::string config_file;
  std::vector<std::string> overrides;  // key=value
  bool print_config = false;
  std::string threads;  // kept as text so "unset" differs from 0
  std::string device;
  bool quiet = false;
};

void add_global_options(CLI::App& app, GlobalOptions& options);

// Defaults, then the YAML file, then --set, then the dedicated flags; validated and its
// process-wide settings (threads) applied.
pipeline::Config build_config(const GlobalOptions& options);

}  // namespace holodet::tools
