#include "holodet/detect/detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "holodet/core/error.h"
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

// The crowded frames' model runs on the same tiles as the other: the same channels,
// normalisation and field, and (unless unet.threshold sets one for both) the same threshold.
void check_crowded_model_fits(const segment::ModelInfo& model, const segment::ModelInfo& crowded,
                              const config::Config& config, const std::filesystem::path& path,
                              const std::filesystem::path& model_path) {
  std::string differs;
  if (crowded.channels != model.channels) {
    differs = "channels " + segment::join_channels(crowded.channels) + " against " +
              segment::join_channels(model.channels);
  } else if (crowded.input_offset != model.input_offset ||
             crowded.input_scale != model.input_scale) {
    differs = "input normalisation";
  } else if (crowded.field != model.field) {
    differs = "field " + crowded.field + " against " + model.field;
  } else if (config.unet.threshold <= 0 && crowded.threshold != model.threshold) {
    differs = "threshold " + std::to_string(crowded.threshold) + " against " +
              std::to_string(model.threshold) + " (unet.threshold sets one for both)";
  }
  if (!differs.empty()) {
    throw bad_input(path.string() + ": unet.crowded_model does not take the inputs of " +
                    model_path.filename().string() + ": " + differs);
  }
}

// One model file on every worker: loaded on the first device and checked against the run
// before any worker is made; that copy serves the first worker on that device, the others
// load their own replicas.
class ModelReplicas {
 public:
  ModelReplicas(std::filesystem::path path, const config::Config& config, const Optics& optics,
                const DeviceChoice& devices)
      : path_(std::move(path)) {
    if (devices.backend == Backend::kCuda) {
      first_device_ = "cuda:" + std::to_string(devices.cuda_indices.front());
    }
    segment::SegmenterOptions options;
    options.device = first_device_;
    first_ = std::make_unique<segment::Segmenter>(load_segmenter(path_, options));
    info_ = first_->info();
    segment::check_model_matches_run(
        info_,
        {std::string(config::name_of(config.reconstruction.field)), optics.wavelength_m,
         optics.pixel_pitch_x_m, optics.pixel_pitch_y_m},
        path_.string());
    label_ = path_.filename().string() + " (" + file_checksum(path_) + ", " +
             first_->description() + ")";
  }

  const segment::ModelInfo& info() const { return info_; }
  const std::string& label() const { return label_; }

  ModelLoader loader() {
    return [this](const std::string& device) -> std::unique_ptr<segment::Segmenter> {
      if (first_ && device == first_device_) {
        return std::move(first_);
      }
      segment::SegmenterOptions replica;
      replica.device = device;
      return std::make_unique<segment::Segmenter>(load_segmenter(path_, replica));
    };
  }

 private:
  std::filesystem::path path_;
  std::string first_device_ = "cpu";
  std::unique_ptr<segment::Segmenter> first_;
  segment::ModelInfo info_;
  std::string label_;
};

std::unique_ptr<Detector> make_unet(const config::Config& config, const Optics& optics,
                                    std::size_t size_x, std::size_t size_y,
                                    const DeviceChoice& devices) {
  const ConfiguredModels paths = configured_models(config);
  ModelReplicas model(paths.model, config, optics, devices);
  const UnetSettings settings = unet_settings(config, model.info(), paths.model.string());
  std::string label = model.label();
  std::unique_ptr<ModelReplicas> crowded;
  if (!paths.one_model()) {
    crowded = std::make_unique<ModelReplicas>(paths.crowded, config, optics, devices);
    check_crowded_model_fits(model.info(), crowded->info(), config, paths.crowded, paths.model);
    unet_settings(config, crowded->info(), paths.crowded.string());  // its tile sizes
    label += "; crowded frames: " + crowded->label();
  }
  PlaneWorkers workers = make_plane_workers(size_x, size_y, config, optics, devices, model.loader(),
                                            crowded ? crowded->loader() : ModelLoader{});
  return std::make_unique<Unet>(std::move(workers), optics, settings, model.info(),
                                std::move(label),
                                plane_spacing_note(model.info(), config, optics, paths.model));
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
