#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/io/hologram_input.h"
#include "holodet/pipeline/reconstruct_job.h"
#include "holodet/propagate/plane_set.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct ReconstructOptions {
  std::string file;
  std::string hologram = "1";
  bool overwrite = false;
  std::vector<double> z_um;
  int planes = 0;
  std::string out;
  std::string what = "amplitude";
  std::string format = "tiff";
};

int run_reconstruct(const ReconstructOptions& options, const GlobalOptions& global,
                    const std::string& command_line) {
  const config::Config config = build_config(
      global, {{"reconstruction.planes", options.planes > 0 ? std::to_string(options.planes) : "",
                "--planes"}});
  pipeline::ReconstructRequest request;
  request.input = options.file;
  request.hids = parse_hologram_ids(options.hologram, "--hologram").value_or(std::vector<int>{});
  request.overwrite = options.overwrite;
  request.command_line = command_line;
  request.out_dir = options.out;
  request.amplitude = options.what != "phase";
  request.phase = options.what != "amplitude";
  request.format = options.format == "png"  ? pipeline::PlaneImageFormat::kPng
                   : options.format == "nc" ? pipeline::PlaneImageFormat::kNetcdf
                                            : pipeline::PlaneImageFormat::kTiff;
  request.quiet = global.quiet;
  if (!options.z_um.empty()) {
    for (double z : options.z_um) {
      request.z_m.push_back(z * 1e-6);
    }
  } else {
    // HOLODEC bins over the file's depth range (or the configured one).
    const io::HologramInput input(options.file, config.requested_optics());
    const Optics& optics = input.description().optics;
    request.z_m = propagate::holodec_planes(static_cast<std::size_t>(config.reconstruction.planes),
                                            optics.z_min_m, optics.z_max_m);
  }
  const pipeline::ReconstructSummary summary = pipeline::run_reconstruct(request, config);
  if (!global.quiet) {
    if (summary.replaced > 0) {
      std::fprintf(stderr, "reconstruct: replaced %s of an earlier reconstruction in %s\n",
                   counted(summary.replaced, "file").c_str(), options.out.c_str());
    }
    std::fprintf(stderr, "reconstruct: %s of %s, %s in %s (%.2f s, %s)\n",
                 counted(summary.planes, "plane").c_str(),
                 counted(summary.holograms, "hologram").c_str(),
                 counted(summary.files, "file").c_str(), options.out.c_str(), summary.seconds,
                 summary.device.c_str());
  }
  return 0;
}

}  // namespace

Command add_reconstruct_command(CLI::App& app, const GlobalOptions& global,
                                const std::string& command_line) {
  auto options = std::make_shared<ReconstructOptions>();
  CLI::App* command = app.add_subcommand(
      "reconstruct",
      "Write reconstructed planes as images, plus the minimum-amplitude projection over them "
      "and the depth map of where each pixel's minimum occurred, and index.csv (file, kind, "
      "depth, offset, scale). Image axes follow the PNG convention: rows = y, columns = x.");
  command->add_option("FILE", options->file, "Archive (.nc) or hologram image (PNG/TIFF)")
      ->required();
  command->add_option("--hologram", options->hologram,
                      "Hologram ids (1-based): 3, 1,3-5 or all (default 1)");
  auto* z_list =
      command->add_option("--z-um", options->z_um, "Plane depths in um, e.g. 20000,35000")
          ->delimiter(',');
  auto* planes = command->add_option(
      "--planes", options->planes,
      "N planes at the bin centres of N bins over the depth range (default: the configured "
      "reconstruction.planes)");
  planes->check(at_least(1));
  z_list->excludes(planes);
  command->add_option("--out", options->out, "Output folder (created if missing)")->required();
  command->add_flag("--overwrite", options->overwrite,
                    "Replace an earlier reconstruction in --out (the files its index.csv lists)");
  command->add_option("--what", options->what, "amplitude | phase | both (default amplitude)")
      ->check(CLI::IsMember({"amplitude", "phase", "both"}));
  command
      ->add_option("--format", options->format,
                   "tiff (float32, exact, a file per plane) | png (16-bit, one scale for the "
                   "run's amplitude: see index.csv) | nc (one NetCDF4 volume per hologram, "
                   "amplitude(z, x, y) with coordinates in um); default tiff")
      ->check(CLI::IsMember({"tiff", "png", "nc"}));
  return {command, [options, &global, command_line] {
            return run_reconstruct(*options, global, command_line);
          }};
}

}  // namespace holodet::tools
