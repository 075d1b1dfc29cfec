#include "holodet/pipeline/detect_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "holodet/core/error.h"
#include "holodet/io/particle_files.h"
#include "holodet/pipeline/hologram_input.h"
#include "holodet/pipeline/model_files.h"
#include "holodet/pipeline/output_paths.h"
#include "holodet/pipeline/preview.h"
#include "holodet/pipeline/progress.h"
#include "holodet/pipeline/reconstruction.h"
#include "holodet/pipeline/results_metadata.h"
#include "holodet/pipeline/unet_detector.h"
#include "holodet/pipeline/volume_guard.h"
#include "holodet/propagate/plane_set.h"

namespace holodet::pipeline {
DepthRefinementSettings depth_refinement_settings(const Config& config) {
  DepthRefinementSettings settings;
  settings.enabled = config.depth.refine;
  settings.step_um = config.depth.step_um;
  settings.span_planes = config.depth.span_planes;
  settings.anchor_step_um = config.depth.anchor_step_um;
  settings.threads = static_cast<std::size_t>(std::max(0, config.runtime.threads));
  settings.fft_planning = config.reconstruction.fft_planning == "deterministic"
                              ? propagate::FftPlanning::kDeterministic
                              : propagate::FftPlanning::kMeasure;
  return settings;
}

ClassicSettings classic_settings(const Config& config) {
  ClassicSettings settings;
  settings.spots.threshold_sigma = config.classic.threshold_sigma;
  settings.spots.background_radius_px = config.classic.background_radius_px;
  settings.spots.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  settings.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  settings.min_contrast = config.classic.min_contrast;
  settings.batch_planes = static_cast<std::size_t>(config.reconstruction.batch_planes);
  settings.window_guard_step_um = config.reconstruction.window_guard_step_um;
  settings.depth = depth_refinement_settings(config);
  return settings;
}

std::string resolve_method(const std::string& method, const Config& config) {
  if (method != "auto") {
    return method;
  }
  if (!config.unet.model.empty()) {
    return "unet";
  }
  try {
    default_model_path();
    return "unet";
  } catch (const Error&) {
    return "classic";
  }
}

// The model marks particles within info.depth_band_um of a plane; planes further apart than
// twice that leave particles between the bands unseen.
std::string plane_spacing_note(const segment::ModelInfo& info, const Config& config,
                               const Optics& optics, const std::filesystem::path& model) {
  const double range_um = (optics.z_max_m - optics.z_min_m) * 1e6;
  const auto planes = static_cast<double>(config.reconstruction.planes);
  const double spacing_um = range_um / planes;
  if (info.depth_band_um <= 0 || spacing_um <= 2 * info.depth_band_um) {
    return "";
  }
  const auto enough = static_cast<long>(std::ceil(range_um / (2 * info.depth_band_um)));
  char text[400];
  std::snprintf(text, sizeof text,
                "holodet: note: %ld planes are %.0f um apart, but %s marks particles within "
                "%.0f um of a plane: particles between the bands are missed; use at least %ld "
                "planes (--planes) for this depth range",
                static_cast<long>(planes), spacing_um, model.filename().string().c_str(),
                info.depth_band_um, enough);
  return text;
}

UnetRun prepare_unet(const Config& config, const Optics& optics, const DeviceChoice& devices) {
  const std::filesystem::path path =
      config.unet.model.empty() ? default_model_path() : std::filesystem::path(config.unet.model);
  segment::SegmenterOptions options;
  if (devices.backend == Backend::kCuda) {
    options.device = "cuda:" + std::to_string(devices.cuda_indices.front());
  }
  UnetRun run{load_segmenter(path, options), {}, "", path, ""};
  const segment::ModelInfo& info = run.segmenter.info();
  segment::check_model_matches_run(info,
                                   {config.reconstruction.field, optics.wavelength_m,
                                    optics.pixel_pitch_x_m, optics.pixel_pitch_y_m},
                                   path.string());
  UnetSettings& s = run.settings;
  s.dense = config.unet.work_items == "dense";
  s.dense_when_cheaper = config.unet.work_items == "auto";
  s.window_px = static_cast<std::size_t>(config.unet.window_px);
  s.depth_window_um = config.unet.depth_window_mm * 1000;
  s.spots.threshold_sigma = config.unet.candidate_sigma;
  s.spots.background_radius_px = config.classic.background_radius_px;
  s.spots.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  s.tile_size = static_cast<std::size_t>(config.tiling.tile_size);
  s.tile_step = static_cast<std::size_t>(config.tiling.step);
  s.threshold = config.unet.threshold > 0 ? config.unet.threshold : info.threshold;
  s.min_area_px = static_cast<std::size_t>(config.unet.min_area_px);
  s.batch_tiles = static_cast<std::size_t>(config.unet.batch_tiles);
  s.batch_planes = static_cast<std::size_t>(config.reconstruction.batch_planes);
  s.cluster = {config.unet.cluster_xy_um, config.unet.cluster_z_um,
               cluster::DepthEstimate::kScoreWeighted};
  s.shadow_margin_um = config.unet.shadow_margin_um;
  s.min_score = config.unet.min_score;
  s.window_guard_step_um = config.reconstruction.window_guard_step_um;
  s.depth = depth_refinement_settings(config);
  if (info.architecture == "unet") {
    const std::size_t multiple = std::size_t{1} << info.unet.depth;
    // auto may run either plan: both sizes must suit the network.
    const std::pair<bool, std::pair<const char*, std::size_t>> sizes[] = {
        {s.dense || s.dense_when_cheaper, {"tiling.tile_size", s.tile_size}},
        {!s.dense, {"unet.window_px", s.window_px}}};
    for (const auto& [used, named] : sizes) {
      if (used && named.second % multiple != 0) {
        throw bad_input(path.string() + ": the network needs tiles that are multiples of " +
                        std::to_string(multiple) + " px; " + named.first + " = " +
                        std::to_string(named.second));
      }
    }
  }
  run.model = path.filename().string() + " (" + file_checksum(path) + ", " +
              run.segmenter.description() + ")";
  run.depth_note = plane_spacing_note(info, config, optics, path);
  return run;
}

PlaneWorkers make_run_workers(std::size_t size_x, std::size_t size_y, const Config& config,
                              const Optics& optics, const DeviceChoice& devices,
                              const UnetRun* unet) {
  std::function<std::unique_ptr<segment::Segmenter>(const std::string&)> load_model;
  if (unet != nullptr) {
    load_model = [unet](const std::string& device) {
      segment::SegmenterOptions options;
      options.device = device;
      return std::make_unique<segment::Segmenter>(load_segmenter(unet->path, options));
    };
  }
  return make_plane_workers(size_x, size_y, config, optics, devices, load_model);
}

std::size_t plane_steps_per_hologram(std::size_t planes, const Optics& optics, const Config& config,
                                     bool dense) {
  if (dense) {
    return planes;
  }
  const std::vector<double> z_m = propagate::holodec_planes(planes, optics.z_min_m, optics.z_max_m);
  return 2 * planes + guard_planes(optics, config.reconstruction.window_guard_step_um, z_m).size();
}

DetectSummary run_detect(const DetectRequest& request, const Config& config) {
  const auto start = std::chrono::steady_clock::now();
  const std::string method = resolve_method(request.method, config);
  if (method != "classic" && method != "unet") {
    throw bad_input("--method " + method + ": expected unet, classic or auto");
  }
  // Every output is checked before the first plane (and never the input itself).
  const std::filesystem::path inputs[] = {request.input};
  if (!request.out.empty()) {
    check_output_file(request.out, "--out", {".csv", ".nc", ".nc4", ".h5"}, inputs);
  }
  if (!request.preview.empty()) {
    check_output_file(request.preview, "--preview", {".png"}, inputs);
  }
  const HologramInput input(request.input, config);
  const InputDescription& description = input.description();
  const std::vector<int> hids = input.checked_ids(request.hids);
  const std::vector<double> z_m =
      propagate::holodec_planes(static_cast<std::size_t>(config.reconstruction.planes),
                                description.optics.z_min_m, description.optics.z_max_m);
  const DeviceChoice devices = choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet) {
    std::fprintf(stderr, "%s\n", devices.fallback_note.c_str());
  }
  const ClassicSettings settings = classic_settings(config);
  std::optional<UnetRun> unet;
  if (method == "unet") {
    unet.emplace(prepare_unet(config, description.optics, devices));
    if (!unet->depth_note.empty() && !request.quiet) {
      std::fprintf(stderr, "%s\n", unet->depth_note.c_str());
    }
  }
  PlaneWorkers workers = make_run_workers(description.size_x, description.size_y, config,
                                          description.optics, devices, unet ? &*unet : nullptr);

  DetectSummary summary;
  summary.method = method;
  summary.planes = z_m.size();
  summary.device = workers.propagator(0).description();
  if (workers.size() > 1) {
    summary.device += ", " + std::to_string(workers.size()) + " plane workers";
  }
  if (unet) {
    summary.model = unet->model;
  }
  Progress progress("detect " + request.input.filename().string(),
                    hids.size() * plane_steps_per_hologram(z_m.size(), description.optics, config,
                                                           unet && unet->settings.dense),
                    "planes", request.quiet);
  for (int hid : hids) {
    const io::Hologram hologram = input.read(hid);
    if (unet) {
      const UnetResult result = detect_unet(hologram, description.optics, z_m, workers,
                                            unet->settings, [&progress] { progress.advance(); });
      summary.particles.append_rows(result.particles);
      summary.propagation_seconds += result.spectrum_seconds + result.propagation_seconds;
      summary.network_seconds += result.network_seconds;
      summary.analysis_seconds += result.analysis_seconds;
      summary.candidates += result.candidates;
      summary.work_items += result.work_items;
      summary.dense_holograms += result.dense ? 1 : 0;
      summary.depth_refined += result.depth.refined;
      summary.depth_kept_coarse += result.depth.kept_coarse;
      summary.depth_seconds += result.depth.seconds;
      if (!request.preview.empty() && hid == hids.front()) {
        write_detection_preview(request.preview, hologram, result.particles, description.optics);
      }
      ++summary.holograms;
      continue;
    }
    const ClassicResult result = detect_classic(hologram, description.optics, z_m, workers,
                                                settings, [&progress] { progress.advance(); });
    summary.particles.append_rows(result.particles);
    summary.propagation_seconds += result.propagation_seconds;
    summary.analysis_seconds += result.analysis_seconds;
    summary.candidates += result.candidates;
    summary.rejected.border += result.rejected.border;
    summary.rejected.outside_volume += result.rejected.outside_volume;
    summary.rejected.depth_range += result.rejected.depth_range;
    summary.rejected.too_small += result.rejected.too_small;
    summary.rejected.faint += result.rejected.faint;
    summary.depth_refined += result.depth.refined;
    summary.depth_kept_coarse += result.depth.kept_coarse;
    summary.depth_seconds += result.depth.seconds;
    if (!request.preview.empty() && hid == hids.front()) {
      write_detection_preview(request.preview, hologram, result.particles, description.optics);
    }
    ++summary.holograms;
  }
  progress.finish();
  summary.particles.holograms = hids;
  if (!request.out.empty()) {
    RunDescription run{description.optics, method, summary.model, request.command_line,
                       request.input.string()};
    io::write_particles(request.out, summary.particles, results_attributes(run));
  }
  summary.total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace holodet::pipeline
