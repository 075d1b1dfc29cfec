#include "holodet/detect/detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "holodet/detect/classic_detector.h"
#include "holodet/detect/method_settings.h"
#include "holodet/detect/model_files.h"
#include "holodet/detect/unet_detector.h"
#include "holodet/detect/volume_guard.h"
#include "holodet/propagate/plane_set.h"

namespace holodet::detect {
namespace {

// Both passes, pass 1 with its guard planes.
std::size_t two_pass_steps(std::span<const double> z_m, const Optics& optics,
                           double window_guard_step_um) {
  const std::vector<double> planes(z_m.begin(), z_m.end());
  return 2 * z_m.size() + guard_planes(optics, window_guard_step_um, planes).size();
}

void add_depth(const DepthRefinementStats& depth, Detection& detection) {
  detection.seconds.depth = depth.seconds;
  detection.counts.depth_refined = depth.refined;
  detection.counts.depth_kept_coarse = depth.kept_coarse;
}

class Classic final : public Detector {
 public:
  Classic(PlaneWorkers workers, const Optics& optics, const ClassicSettings& settings)
      : Detector(std::move(workers), optics), settings_(settings) {}

  Method method() const override { return Method::kClassic; }

  std::size_t plane_steps(std::span<const double> z_m) const override {
    return two_pass_steps(z_m, optics_, settings_.window_guard_step_um);
  }

  Detection detect(const io::Hologram& hologram, std::span<const double> z_m,
                   const std::function<void()>& on_plane) override {
    ClassicResult result = detect_classic(hologram, optics_, z_m, workers_, settings_, on_plane);
    Detection detection;
    detection.particles = std::move(result.particles);
    detection.seconds.spectrum = result.spectrum_seconds;
    detection.seconds.propagation = result.propagation_seconds;
    detection.seconds.analysis = result.analysis_seconds;
    DetectionCounts& counts = detection.counts;
    counts.candidates = result.candidates;
    counts.crowded_holograms = result.crowded ? 1 : 0;
    counts.outside_volume = result.rejected.outside_volume;
    counts.border = result.rejected.border;
    counts.depth_range = result.rejected.depth_range;
    counts.too_small = result.rejected.too_small;
    counts.faint = result.rejected.faint;
    counts.planes_propagated = plane_steps(z_m);
    add_depth(result.depth, detection);
    return detection;
  }

 private:
  ClassicSettings settings_;
};

class Unet final : public Detector {
 public:
  Unet(PlaneWorkers workers, const Optics& optics, const UnetSettings& settings,
       const segment::ModelInfo& info, std::string model, std::string note)
      : Detector(std::move(workers), optics),
        settings_(settings),
        info_(info),
        model_(std::move(model)),
        note_(std::move(note)) {}

  Method method() const override { return Method::kUnet; }
  std::string model() const override { return model_; }
  const segment::ModelInfo* model_info() const override { return &info_; }
  std::string note() const override { return note_; }

  std::size_t plane_steps(std::span<const double> z_m) const override {
    // Dense runs the planes once; candidates (and auto, which decides after pass 1) two passes.
    return settings_.dense ? z_m.size()
                           : two_pass_steps(z_m, optics_, settings_.window_guard_step_um);
  }

  Detection detect(const io::Hologram& hologram, std::span<const double> z_m,
                   const std::function<void()>& on_plane) override {
    UnetResult result = detect_unet(hologram, optics_, z_m, workers_, settings_, on_plane);
    Detection detection;
    detection.particles = std::move(result.particles);
    detection.seconds.spectrum = result.spectrum_seconds;
    detection.seconds.propagation = result.propagation_seconds;
    detection.seconds.network = result.network_seconds;
    detection.seconds.analysis = result.analysis_seconds;
    DetectionCounts& counts = detection.counts;
    counts.candidates = result.candidates;
    counts.outside_volume = result.outside_volume;
    counts.work_items = result.work_items;
    counts.tile_pixels = result.tile_pixels;
    counts.detections = result.detections;
    counts.mask_pixels = result.mask_pixels;
    counts.dense_holograms = result.dense ? 1 : 0;
    counts.crowded_holograms = result.crowded ? 1 : 0;
    counts.planes_propagated = result.planes_propagated;
    add_depth(result.depth, detection);
    return detection;
  }

 private:
  UnetSettings settings_;
  segment::ModelInfo info_;
  std::string model_;
  std::string note_;
};

// The model marks particles within info.depth_band_um of a plane; planes further apart than
// twice that leave particles between the bands unseen.
std::string plane_spacing_note(const segment::ModelInfo& info, const config::Config& config,
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
                "%ld planes are %.0f um apart, but %s marks particles within %.0f um of a plane: "
                "particles between the bands are missed; use at least %ld planes (--planes) for "
                "this depth range",
                static_cast<long>(planes), spacing_um, model.filename().string().c_str(),
                info.depth_band_um, enough);
  return text;
}

std::unique_ptr<Detector> make_unet(const config::Config& config, const Optics& optics,
                                    std::size_t size_x, std::size_t size_y,
                                    const DeviceChoice& devices) {
  const std::filesystem::path path =
      config.unet.model.empty() ? default_model_path() : std::filesystem::path(config.unet.model);
  segment::SegmenterOptions options;
  if (devices.backend == Backend::kCuda) {
    options.device = "cuda:" + std::to_string(devices.cuda_indices.front());
  }
  // Loaded on the first device and checked before any worker is made; that copy then serves the
  // first worker on that device, the others load their own replicas.
  auto first = std::make_unique<segment::Segmenter>(load_segmenter(path, options));
  const segment::ModelInfo info = first->info();
  segment::check_model_matches_run(
      info,
      {std::string(config::name_of(config.reconstruction.field)), optics.wavelength_m,
       optics.pixel_pitch_x_m, optics.pixel_pitch_y_m},
      path.string());
  const UnetSettings settings = unet_settings(config, info, path.string());
  std::string model =
      path.filename().string() + " (" + file_checksum(path) + ", " + first->description() + ")";
  const std::string first_device = options.device;
  PlaneWorkers workers = make_plane_workers(
      size_x, size_y, config, optics, devices,
      [&](const std::string& device) -> std::unique_ptr<segment::Segmenter> {
        if (first && device == first_device) {
          return std::move(first);
        }
        segment::SegmenterOptions replica;
        replica.device = device;
        return std::make_unique<segment::Segmenter>(load_segmenter(path, replica));
      });
  return std::make_unique<Unet>(std::move(workers), optics, settings, info, std::move(model),
                                plane_spacing_note(info, config, optics, path));
}

}  // namespace

StageSeconds& StageSeconds::operator+=(const StageSeconds& other) {
  spectrum += other.spectrum;
  propagation += other.propagation;
  network += other.network;
  analysis += other.analysis;
  depth += other.depth;
  return *this;
}

DetectionCounts& DetectionCounts::operator+=(const DetectionCounts& other) {
  candidates += other.candidates;
  crowded_holograms += other.crowded_holograms;
  outside_volume += other.outside_volume;
  border += other.border;
  depth_range += other.depth_range;
  too_small += other.too_small;
  faint += other.faint;
  work_items += other.work_items;
  tile_pixels = std::max(tile_pixels, other.tile_pixels);
  detections += other.detections;
  mask_pixels += other.mask_pixels;
  dense_holograms += other.dense_holograms;
  planes_propagated += other.planes_propagated;
  depth_refined += other.depth_refined;
  depth_kept_coarse += other.depth_kept_coarse;
  return *this;
}

std::string Detector::device() const {
  std::string text = workers_.propagator(0).description();
  if (workers_.size() > 1) {
    text += ", " + std::to_string(workers_.size()) + " plane workers";
  }
  return text;
}

std::unique_ptr<Detector> make_detector(Method method, const config::Config& config,
                                        const Optics& optics, std::size_t size_x,
                                        std::size_t size_y, const DeviceChoice& devices) {
  if (method == Method::kUnet) {
    return make_unet(config, optics, size_x, size_y, devices);
  }
  return std::make_unique<Classic>(make_plane_workers(size_x, size_y, config, optics, devices, {}),
                                   optics, classic_settings(config));
}

std::vector<double> run_depths(const config::Config& config, const Optics& optics) {
  return propagate::holodec_planes(static_cast<std::size_t>(config.reconstruction.planes),
                                   optics.z_min_m, optics.z_max_m);
}

}  // namespace holodet::detect
