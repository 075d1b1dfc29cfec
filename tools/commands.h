#pragma once
// Each subcommand registers its options on the app and returns what runs it (giving the exit
// code) once the command line is parsed.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "global_options.h"

namespace holodet::tools {

using CommandRunner = std::function<int()>;
using Command = std::pair<CLI::App*, CommandRunner>;

// `holodet info FILE`: what an archive or image holds, and which devices this build can use.
Command add_info_command(CLI::App& app, const GlobalOptions& global);

// `holodet reconstruct FILE ...`: planes as images, the minimum projection and depth map.
Command add_reconstruct_command(CLI::App& app, const GlobalOptions& global,
                                const std::string& command_line);

// `holodet synth --out FILE.nc ...`: simulated holograms with known particles.
Command add_synth_command(CLI::App& app, const GlobalOptions& global);

// `holodet detect FILE ...`: particles of one or all holograms.
Command add_detect_command(CLI::App& app, const GlobalOptions& global,
                           const std::string& command_line);

// `holodet evaluate --truth FILE --pred FILE [--pred FILE2] ...`: scores against known particles.
Command add_evaluate_command(CLI::App& app, const GlobalOptions& global);

// `holodet bench [FILE | --synthetic NXxNY] ...`: throughput of the real pipeline.
Command add_bench_command(CLI::App& app, const GlobalOptions& global);

// `holodet train --data FILES --out MODEL.h5 ...`: a U-Net from synthetic archives.
Command add_train_command(CLI::App& app, const GlobalOptions& global,
                          const std::string& command_line);

// `holodet batch FILES --out DIR ...`: whole archives, resumably, one results file each.
Command add_batch_command(CLI::App& app, const GlobalOptions& global,
                          const std::string& command_line);

// `holodet stats RESULTS.nc --out PSD.nc ...`: the microphysics products remade.
Command add_stats_command(CLI::App& app, const GlobalOptions& global,
                          const std::string& command_line);

}  // namespace holodet::tools
