#include "holodet/train/train_job.h"

#include <chrono>
#include <cstdio>
#include <sstream>

#include "holodet/core/diagnostics.h"
#include "holodet/core/error.h"
#include "holodet/detect/model_files.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/hologram_input.h"
#include "holodet/io/output_paths.h"
#include "holodet/train/training_data.h"

namespace holodet::train {
namespace {

using Clock = std::chrono::steady_clock;

segment::ModelInfo model_to_train(const TrainRequest& request, const config::Config& config) {
  segment::ModelInfo info;
  info.channels = segment::split_channels(config.train.channels);
  for (const std::string& channel : info.channels) {
    segment::parse_channel(channel);  // refuses unknown names before any work
  }
  info.unet.depth = config.train.depth;
  info.unet.base_width = config.train.base_width;
  info.unet.in_channels = static_cast<int>(info.channels.size());
  segment::check_unet_options(info.unet);
  if (config.train.window_px % (1 << info.unet.depth) != 0) {
    throw bad_input(
        "configuration: train.window_px = " + std::to_string(config.train.window_px) +
        " must be a multiple of 2^train.depth = " + std::to_string(1 << info.unet.depth));
  }
  info.field = std::string(config::name_of(config.reconstruction.field));
  const Optics optics =
      io::HologramInput(request.data.front(), config.requested_optics()).description().optics;
  info.wavelength_m = optics.wavelength_m;
  info.pixel_pitch_x_m = optics.pixel_pitch_x_m;
  info.pixel_pitch_y_m = optics.pixel_pitch_y_m;
  info.depth_band_um = config.train.depth_band_um;
  std::string files;
  for (const auto& path : request.data) {
    if (!files.empty()) {
      files += ' ';
    }
    files += path.filename().string();
  }
  info.trained_on =
      files + "; " + std::to_string(config.train.steps) + " steps; " + request.command_line;
  return info;
}

bool is_buffer(const std::string& name) {
  const auto ends_with = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("running_mean") || ends_with("running_var") || ends_with("num_batches_tracked");
}

segment::TrainSettings train_settings(const config::Config& config,
                                      const std::filesystem::path& out) {
  const config::TrainConfig& t = config.train;
  segment::TrainSettings settings;
  settings.steps = t.steps;
  settings.batch = t.batch;
  settings.learning_rate = t.learning_rate;
  settings.weight_decay = t.weight_decay;
  settings.loss = std::string(config::name_of(t.loss));
  settings.augment = t.augment;
  settings.validate_every = t.validate_every;
  settings.checkpoint_every = t.checkpoint_every;
  settings.seed = static_cast<std::uint64_t>(t.seed);
  settings.optimizer_state = optimizer_state_path(out);
  const DeviceChoice devices = detect::choose_run_devices(config);
  settings.device = devices.backend == Backend::kCuda
                        ? "cuda:" + std::to_string(devices.cuda_indices.front())
                        : "cpu";
  return settings;
}

}  // namespace

std::filesystem::path checkpoint_path(const std::filesystem::path& out) {
  return out.string() + ".checkpoint.h5";
}

std::filesystem::path optimizer_state_path(const std::filesystem::path& out) {
  return out.string() + ".optimizer.pt";
}

TrainSummary run_train(const TrainRequest& request, const config::Config& config) {
  if (request.data.empty()) {
    throw bad_input("train: no --data archives given");
  }
  // The model (and its checkpoints beside it) is checked before the first step, and is never
  // one of the training archives.
  io::check_output_file(request.out, "--out", {".h5"}, request.data);
  const segment::ModelInfo info = model_to_train(request, config);
  detect::ModelFile resumed;
  if (request.resume) {
    if (!std::filesystem::exists(checkpoint_path(request.out))) {
      throw bad_input("--resume: no checkpoint " + checkpoint_path(request.out).string());
    }
    resumed = detect::read_model_file(checkpoint_path(request.out));
    if (resumed.info.unet.depth != info.unet.depth ||
        resumed.info.unet.base_width != info.unet.base_width ||
        resumed.info.channels != info.channels) {
      throw bad_input(checkpoint_path(request.out).string() +
                      ": checkpoint of another architecture than train.depth/base_width/channels");
    }
  }
  TrainSummary summary;
  const TrainingData data = make_training_data(request.data, config, info, request.quiet);
  summary.train_tiles = data.train.count();
  summary.validation_tiles = data.validation.count();
  summary.holograms = data.holograms;
  summary.particles = data.particles;
  summary.data_seconds = data.seconds;
  const segment::TrainSettings settings = train_settings(config, request.out);
  summary.device = settings.device;
  summary.first_step = resumed.step;
  if (!request.quiet) {
    char line[320];
    std::snprintf(line, sizeof line,
                  "train: %zu training and %zu validation tiles of %d px from %zu holograms "
                  "(%zu particles) in %.1f s; U-Net depth %d width %d on %s",
                  summary.train_tiles, summary.validation_tiles, config.train.window_px,
                  summary.holograms, summary.particles, summary.data_seconds, info.unet.depth,
                  info.unet.base_width, settings.device.c_str());
    say(Said::kInfo, line);
  }

  segment::TrainCallbacks callbacks;
  auto last_print = Clock::now();
  callbacks.on_step = [&](const segment::TrainProgress& progress) {
    const double since = std::chrono::duration<double>(Clock::now() - last_print).count();
    if (request.quiet || (since < 10 && progress.step != settings.steps)) {
      return;
    }
    last_print = Clock::now();
    const double eta = (settings.steps - progress.step) * settings.batch /
                       std::max(progress.tiles_per_second, 1e-9);
    char line[160];
    std::snprintf(line, sizeof line, "train  step %d/%d  loss %.4f  %.1f tiles/s  ETA %d:%02d",
                  progress.step, settings.steps, progress.loss, progress.tiles_per_second,
                  static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    say(Said::kInfo, line);
  };
  callbacks.on_validation = [&](const segment::ValidationFigures& figures) {
    if (!request.quiet) {
      char line[200];
      std::snprintf(line, sizeof line,
                    "validation  step %d  loss %.4f  Dice %.3f  positives found %.1f %%  "
                    "negatives clean %.1f %%",
                    figures.step, figures.loss, figures.dice, 100 * figures.positive_found,
                    100 * figures.negative_clean);
      say(Said::kInfo, line);
    }
  };
  callbacks.on_checkpoint = [&](int step, const std::vector<NamedArray>& state) {
    detect::write_model_file(checkpoint_path(request.out), {info, state, step});
  };
  const segment::TrainResult result = segment::train_unet(
      info.unet, data.train, data.validation, settings, callbacks, resumed.state, resumed.step);
  detect::write_model_file(request.out, {info, result.state, settings.steps});
  std::filesystem::remove(checkpoint_path(request.out));
  std::filesystem::remove(optimizer_state_path(request.out));

  summary.train_seconds = result.seconds;
  summary.first_loss = result.first_loss;
  summary.last_loss = result.last_loss;
  summary.validations = result.validations;
  for (const NamedArray& array : result.state) {
    if (!is_buffer(array.name)) {
      summary.parameters += array.element_count();
    }
  }
  summary.multiply_adds_per_512_tile = segment::unet_multiply_adds(info.unet, 512, 512);
  return summary;
}

}  // namespace holodet::train
