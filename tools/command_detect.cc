#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/io/particle_files.h"
#include "holodet/pipeline/detect_job.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct DetectOptions {
  std::string file;
  std::string hologram = "all";
  std::string method = "auto";
  int planes = 0;
  std::string model;
  std::string out;
  std::string preview;
};

int run_detect(const DetectOptions& options, const GlobalOptions& global,
               const std::string& command_line) {
  const pipeline::Config config =
      build_config(global, {{"reconstruction.planes",
                             options.planes > 0 ? std::to_string(options.planes) : "", "--planes"},
                            {"unet.model", options.model, "--model"}});
  pipeline::DetectRequest request;
  request.input = options.file;
  request.hids = parse_hologram_ids(options.hologram, "--hologram").value_or(std::vector<int>{});
  request.method = options.method;
  request.out = options.out;
  request.preview = options.preview;
  request.command_line = command_line;
  request.quiet = global.quiet;
  const pipeline::DetectSummary summary = pipeline::run_detect(request, config);
  if (options.out.empty()) {
    // The very table --out x.csv writes, so what is piped and what is saved agree.
    io::write_particles_csv(std::cout, summary.particles);
    std::cout << std::flush;
  }
  if (!global.quiet && summary.method == "unet") {
    std::fprintf(stderr,
                 "detect: %s in %s, %s each, %s, %s (%s)\n"
                 "time: %.2f s propagation, %.2f s network, %.2f s clustering and analysis, "
                 "%.2f s in all (%s)\n",
                 counted(summary.particles.size(), "particle").c_str(),
                 counted(static_cast<std::size_t>(summary.holograms), "hologram").c_str(),
                 counted(summary.planes, "plane").c_str(),
                 counted(summary.candidates, "candidate").c_str(),
                 counted(summary.work_items, "network pass", "network passes").c_str(),
                 summary.model.c_str(), summary.propagation_seconds, summary.network_seconds,
                 summary.analysis_seconds, summary.total_seconds, summary.device.c_str());
  } else if (!global.quiet) {
    std::fprintf(stderr,
                 "detect: %s in %s, %s each (%s; "
                 "rejected: %zu at the border, %zu focused outside the sample volume, %zu at "
                 "the depth range's ends, %zu too "
                 "small, %zu faint)\n"
                 "time: %.2f s propagation, %.2f s analysis, %.2f s in all (%s)\n",
                 counted(summary.particles.size(), "particle").c_str(),
                 counted(static_cast<std::size_t>(summary.holograms), "hologram").c_str(),
                 counted(summary.planes, "plane").c_str(),
                 counted(summary.candidates, "candidate").c_str(), summary.rejected.border,
                 summary.rejected.outside_volume, summary.rejected.depth_range,
                 summary.rejected.too_small, summary.rejected.faint, summary.propagation_seconds,
                 summary.analysis_seconds, summary.total_seconds, summary.device.c_str());
  }
  if (!global.quiet && summary.dense_holograms > 0) {
    std::fprintf(stderr, "detect: %s crowded enough for dense tiles (unet.work_items=auto)\n",
                 counted(summary.dense_holograms, "hologram").c_str());
  }
  if (!global.quiet && summary.depth_refined + summary.depth_kept_coarse > 0) {
    std::fprintf(
        stderr,
        "depth: %s refined below the plane spacing (column z_err), %zu kept at the "
        "planes' depth (no focus found, or beyond the frame's depth resolution), in %.2f s\n",
        counted(summary.depth_refined, "particle").c_str(), summary.depth_kept_coarse,
        summary.depth_seconds);
  }
  return 0;
}

}  // namespace

Command add_detect_command(CLI::App& app, const GlobalOptions& global,
                           const std::string& command_line) {
  auto options = std::make_shared<DetectOptions>();
  CLI::App* command = app.add_subcommand(
      "detect",
      "Find the particles (x, y in um from the image centre, z in um from the sensor, "
      "d in um) in one or all holograms of a file");
  command->add_option("FILE", options->file, "Archive (.nc) or hologram image (PNG/TIFF)")
      ->required();
  command->add_option("--hologram", options->hologram,
                      "Hologram ids (1-based): 3, 1,3-5 or all (default)");
  command
      ->add_option("--method", options->method,
                   "unet (the network) | classic (physics-based) | auto (default: unet when a "
                   "model is there)")
      ->check(CLI::IsMember({"unet", "classic", "auto"}));
  command
      ->add_option("--planes", options->planes,
                   "Planes over the depth range (default: reconstruction.planes, 1000)")
      ->check(at_least(1));
  command->add_option("--model", options->model,
                      "Model for --method unet: our .h5 weight file or a TorchScript .pt "
                      "(default: the shipped samples/models/holodet-unet-v1.h5)");
  command->add_option("--out", options->out,
                      "Particle table: .csv or .nc (NetCDF4); default: CSV on stdout");
  command->add_option("--preview", options->preview,
                      "PNG of the first hologram with the detections circled");
  return {command,
          [options, &global, command_line] { return run_detect(*options, global, command_line); }};
}

}  // namespace holodet::tools
