#include <cstdio>
#include <memory>

#include "commands.h"
#include "holodet/pipeline/stats_job.h"
#include "holodet/products/hologram_times.h"

namespace holodet::tools {
namespace {

struct StatsOptions {
  std::string results;
  std::string out;
  std::string interval;  // empty: the run's (per hologram unless it said otherwise)
  std::string bins;
};

int run_stats(const StatsOptions& options, const GlobalOptions& global,
              const std::string& command_line) {
  std::string interval_s;
  if (!options.interval.empty()) {
    interval_s =
        options.interval == "hologram"
            ? "0"
            : std::to_string(products::parse_duration_seconds(options.interval, "--interval"));
  }
  const config::Config config =
      build_config(global, {{"products.interval_s", interval_s, "--interval"},
                            {"products.size_bins_um", options.bins, "--bins"}});
  pipeline::StatsRequest request;
  request.results = options.results;
  request.out = options.out;
  request.command_line = command_line;
  const products::Products made = pipeline::run_stats(request, config);
  if (!global.quiet) {
    std::fprintf(stderr, "%s: %s\n", request.out.string().c_str(),
                 pipeline::describe_products(made).c_str());
  }
  return 0;
}

}  // namespace

Command add_stats_command(CLI::App& app, const GlobalOptions& global,
                          const std::string& command_line) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* command = app.add_subcommand(
      "stats",
      "Remake the microphysics products of a batch results file (size distributions, "
      "concentrations, LWC, flags, sample volume: docs/PRODUCTS.md) with other settings, "
      "without detecting again. Settings not given stay as the run made them");
  command->add_option("RESULTS", options->results, "A holodet batch results file (.particles.nc)")
      ->required();
  command->add_option("--out", options->out, "Output .nc: the results with the products remade")
      ->required();
  command->add_option("--interval", options->interval,
                      "Sum the distributions over intervals of this length (1s, 10s, 1min) "
                      "when the run has hologram times, or 'hologram' for one row per hologram");
  command->add_option("--bins", options->bins,
                      "Size bin edges in um: edges and ranges first:last:step, e.g. "
                      "10:100:10,125,150,200 (products.size_bins_um)");
  return {command,
          [options, &global, command_line] { return run_stats(*options, global, command_line); }};
}

}  // namespace holodet::tools
