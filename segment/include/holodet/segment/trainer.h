#pragma once
// Training our U-Net on tiles already cut and labelled (train/training_data.h makes them
// from synthetic archives). AdamW with a cosine learning-rate decay; augmentation on the fly
// (flips and transposes, brightness, noise, blur); Dice or focal-Tversky loss; validation on
// a held-out set; checkpoints through a callback, and resuming from one. CPU float32, or CUDA
// with bfloat16 autocast. No LibTorch types here.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "holodet/core/named_array.h"
#include "holodet/segment/unet_options.h"

namespace holodet::segment {

// Square tiles with their labels. inputs: [tile][channel][x][y], normalised; labels: [tile][x][y]
// 0/1. kind says how the tile was drawn, for the validation figures.
enum class TileKind : std::uint8_t {
  kPositive = 0,      // a particle in focus in the tile
  kNearNegative = 1,  // a particle's window away from its focus, near or far in depth
  kFarNegative = 2,   // anywhere else
};

struct TileSet {
  std::size_t size = 0;  // tile side, px
  std::size_t channels = 1;
  std::vector<float> inputs;
  std::vector<std::uint8_t> labels;
  std::vector<TileKind> kinds;

  std::size_t count() const { return kinds.size(); }
};

struct TrainSettings {
  int steps = 2000;  // total, counting the steps of a resumed checkpoint
  int batch = 16;
  double learning_rate = 2e-3;
  double weight_decay = 1e-4;
  std::string loss = "dice";  // dice | focal_tversky
  double tversky_alpha = 0.7;
  double tversky_gamma = 0.75;
  bool augment = true;
  double noise_max = 0.05;  // std of added noise, at most, in input units before scaling
  int validate_every = 250;
  int checkpoint_every = 250;
  std::string device = "cpu";
  std::uint64_t seed = 1;
  // Where the optimizer state of a checkpoint goes (and is read from when resuming).
  std::filesystem::path optimizer_state;
};

struct ValidationFigures {
  int step = 0;
  double dice = 0;            // over all validation tiles at probability 0.5
  double positive_found = 0;  // share of positive tiles whose particle pixels are found
  double negative_clean = 0;  // share of negative tiles with no pixel above 0.5
  double loss = 0;
};

struct TrainProgress {
  int step = 0;
  double loss = 0;  // running mean of the last steps
  double tiles_per_second = 0;
};

struct TrainCallbacks {
  std::function<void(const TrainProgress&)> on_step;
  std::function<void(const ValidationFigures&)> on_validation;
  // The state (unet_state) at a checkpoint step and at the end.
  std::function<void(int step, const std::vector<NamedArray>& state)> on_checkpoint;
};

struct TrainResult {
  std::vector<NamedArray> state;
  std::vector<ValidationFigures> validations;
  double first_loss = 0;  // mean over the first steps run
  double last_loss = 0;   // mean over the last steps run
  double seconds = 0;
};

// `resume_state` empty starts from a fresh network; otherwise the run continues at
// `start_step` with the optimizer state read from settings.optimizer_state when it exists.
TrainResult train_unet(const UNetOptions& options, const TileSet& train, const TileSet& validation,
                       const TrainSettings& settings, const TrainCallbacks& callbacks,
                       const std::vector<NamedArray>& resume_state = {}, int start_step = 0);

}  // namespace holodet::segment
