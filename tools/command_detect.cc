#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/detect/detector.h"
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
  const config::Config config =
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
  if (global.quiet) {
    return 0;
  }
  const detect::StageSeconds& seconds = summary.seconds;
  const detect::DetectionCounts& counts = summary.counts;
  // The forward transform is propagation work too: one figure for both.
  const double propagation_seconds = seconds.spectrum + seconds.propagation;
  if (summary.method == detect::Method::kUnet) {
    std::fprintf(stderr,
                 "detect: %s in %s, %s each, %s, %s (%s)\n"
                 "time: %.2f s propagation, %.2f s network, %.2f s clustering and analysis, "
                 "%.2f s in all (%s)\n",
                 counted(summary.particles.size(), "particle").c_str(),
                 counted(static_cast<std::size_t>(summary.holograms), "hologram").c_str(),
                 counted(summary.planes, "plane").c_str(),
                 counted(counts.candidates, "candidate").c_str(),
                 counted(counts.work_items, "network pass", "network passes").c_str(),
                 summary.model.c_str(), propagation_seconds, seconds.network, seconds.analysis,
                 summary.total_seconds, summary.device.c_str());
  } else {
    std::fprintf(
        stderr,
        "detect: %s in %s, %s each (%s; "
        "rejected: %zu at the border, %zu focused outside the sample volume, %zu at "
        "the depth range's ends, %zu too small, %zu faint)\n"
        "time: %.2f s propagation, %.2f s analysis, %.2f s in all (%s)\n",
        counted(summary.particles.size(), "particle").c_str(),
        counted(static_cast<std::size_t>(summary.holograms), "hologram").c_str(),
        counted(summary.planes, "plane").c_str(), counted(counts.candidates, "candidate").c_str(),
        counts.border, counts.outside_volume, counts.depth_range, counts.too_small, counts.faint,
        propagation_seconds, seconds.analysis, summary.total_seconds, summary.device.c_str());
  }
  if (counts.crowded_holograms > 0) {
    std::fprintf(stderr,
                 "detect: %s crowded enough for candidates at two scales "
                 "(classic.crowded_candidates_per_mpx, classic.crowded_clutter)\n",
                 counted(counts.crowded_holograms, "hologram").c_str());
  }
  if (counts.dense_holograms > 0) {
    std::fprintf(stderr, "detect: %s crowded enough for dense tiles (unet.work_items=auto)\n",
                 counted(counts.dense_holograms, "hologram").c_str());
  }
  if (counts.depth_refined + counts.depth_kept_coarse > 0) {
    std::fprintf(
        stderr,
        "depth: %s refined below the plane spacing (column z_err), %zu kept at the "
        "planes' depth (no focus found, or beyond the frame's depth resolution), in %.2f s\n",
        counted(counts.depth_refined, "particle").c_str(), counts.depth_kept_coarse, seconds.depth);
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
                      "Model for --method unet: our .h5 weight file, a TorchScript .pt or an "
                      "AOTInductor .pt2, for every frame (default: the shipped "
                      "samples/models/holodet-unet-v4.h5, and holodet-unet-v1.h5 for crowded "
                      "frames; unet.crowded_model)");
  command->add_option("--out", options->out,
                      "Particle table: .csv or .nc (NetCDF4); default: CSV on stdout");
  command->add_option("--preview", options->preview,
                      "PNG of the first hologram with the detections circled");
  return {command,
          [options, &global, command_line] { return run_detect(*options, global, command_line); }};
}

}  // namespace holodet::tools
