#include "global_options.h"

#include <iostream>

#include "holodet/config/config.h"
#include "holodet/core/error.h"
#include "holodet/pipeline/runtime_settings.h"

namespace holodet::tools {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--config", options.config_file, "YAML configuration file")
      ->check(CLI::ExistingFile);
  app.add_option("--set", options.overrides,
                 "Override a configuration key, e.g. --set optics.z_min_m=0.02 (repeatable)");
  app.add_flag("--print-config", options.print_config,
               "Print the effective configuration as YAML before running");
  app.add_option("--threads", options.threads, "CPU threads (default 0: all cores)");
  app.add_option("--device", options.device, "auto | cpu | cuda | cuda:N | N,M (default auto)");
  app.add_flag("-q,--quiet", options.quiet, "No progress output");
}

config::Config build_config(const GlobalOptions& options,
                            const std::vector<CommandOverride>& command_overrides) {
  config::Config config;
  if (!options.config_file.empty()) {
    config::apply_yaml_file(config, options.config_file);
  }
  for (const std::string& entry : options.overrides) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw bad_input("--set " + entry + ": expected key=value");
    }
    config::apply_override(config, entry.substr(0, equals), entry.substr(equals + 1), "--set");
  }
  if (!options.threads.empty()) {
    config::apply_override(config, "runtime.threads", options.threads, "--threads");
  }
  if (!options.device.empty()) {
    config::apply_override(config, "runtime.device", options.device, "--device");
  }
  for (const CommandOverride& override : command_overrides) {
    if (!override.value.empty()) {
      config::apply_override(config, override.key, override.value, override.origin);
    }
  }
  config::validate(config);
  if (options.print_config) {
    std::cout << config::to_yaml(config);
  }
  pipeline::apply_runtime_settings(config);
  return config;
}

}  // namespace holodet::tools
