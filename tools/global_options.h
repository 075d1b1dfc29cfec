#pragma once
// Options every subcommand accepts: --config, --set, --print-config, --threads, --device.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "holodet/config/config.h"

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

// A subcommand's own option that sets a configuration key (e.g. --planes).
struct CommandOverride {
  std::string key;
  std::string value;  // empty: the option was not given
  std::string origin;
};

// Defaults, then the YAML file, then --set, then the dedicated flags, then the subcommand's
// own options; validated, printed when --print-config asks, and its process-wide settings
// (threads) applied.
config::Config build_config(const GlobalOptions& options,
                            const std::vector<CommandOverride>& command_overrides = {});

}  // namespace holodet::tools
