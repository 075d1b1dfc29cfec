#include "holodet/pipeline/detect_job.h"

#include <chrono>
#include <cstdio>

#include "holodet/core/error.h"
#include "holodet/io/particle_files.h"
#include "holodet/pipeline/hologram_input.h"
#include "holodet/pipeline/preview.h"
#include "holodet/pipeline/progress.h"
#include "holodet/pipeline/reconstruction.h"
#include "holodet/pipeline/results_metadata.h"
#include "holodet/propagate/plane_set.h"

namespace holodet::pipeline {
ClassicSettings classic_settings(const Config& config) {
  ClassicSettings settings;
  settings.spots.threshold_sigma = config.classic.threshold_sigma;
  settings.spots.background_radius_px = config.classic.background_radius_px;
  settings.spots.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  settings.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  settings.min_contrast = config.classic.min_contrast;
  settings.batch_planes = static_cast<std::size_t>(config.reconstruction.batch_planes);
  return settings;
}

DetectSummary run_detect(const DetectRequest& request, const Config& config) {
  const auto start = std::chrono::steady_clock::now();
  if (request.method != "classic") {
    throw bad_input("--method " + request.method +
                    ": not built yet in this version (the U-Net arrives with its model); use "
                    "--method classic");
  }
  const HologramInput input(request.input, config);
  const InputDescription& description = input.description();
  std::vector<int> hids = request.hids;
  if (hids.empty()) {
    for (std::size_t k = 1; k <= description.hologram_count; ++k) {
      hids.push_back(static_cast<int>(k));
    }
  }
  const std::vector<double> z_m =
      propagate::holodec_planes(static_cast<std::size_t>(config.reconstruction.planes),
                                description.optics.z_min_m, description.optics.z_max_m);
  const DeviceChoice devices = choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet) {
    std::fprintf(stderr, "%s\n", devices.fallback_note.c_str());
  }
  auto propagator = make_run_propagator(description.size_x, description.size_y, config,
                                        description.optics, devices);
  const ClassicSettings settings = classic_settings(config);

  DetectSummary summary;
  summary.planes = z_m.size();
  summary.device = propagator->description();
  Progress progress("detect " + request.input.filename().string(), hids.size() * 2 * z_m.size(),
                    "planes", request.quiet);
  for (int hid : hids) {
    const io::Hologram hologram = input.read(hid);
    const ClassicResult result = detect_classic(hologram, description.optics, z_m, *propagator,
                                                settings, [&progress] { progress.advance(); });
    summary.particles.append_rows(result.particles);
    summary.propagation_seconds += result.propagation_seconds;
    summary.analysis_seconds += result.analysis_seconds;
    summary.candidates += result.candidates;
    summary.rejected.border += result.rejected.border;
    summary.rejected.depth_range += result.rejected.depth_range;
    summary.rejected.too_small += result.rejected.too_small;
    summary.rejected.faint += result.rejected.faint;
    if (!request.preview.empty() && hid == hids.front()) {
      write_detection_preview(request.preview, hologram, result.particles, description.optics);
    }
    ++summary.holograms;
  }
  progress.finish();
  if (!request.out.empty()) {
    RunDescription run{description.optics, request.method, "", request.command_line,
                       request.input.string()};
    io::write_particles(request.out, summary.particles, results_attributes(run));
  }
  summary.total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace holodet::pipeline
