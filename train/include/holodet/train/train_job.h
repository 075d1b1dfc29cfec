#pragma once
// `holodet train`: a U-Net trained on synthetic archives, written as our HDF5 weight file.
// A checkpoint (<out>.checkpoint.h5 and <out>.optimizer.pt) is written every
// train.checkpoint_every steps; with `resume` the run continues from it. On success the model
// is written to `out` and the checkpoint files are removed.

#include <filesystem>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/segment/trainer.h"

namespace holodet::train {

struct TrainRequest {
  std::vector<std::filesystem::path> data;
  std::filesystem::path out;
  bool resume = false;
  std::string command_line;
  bool quiet = false;
};

struct TrainSummary {
  std::size_t train_tiles = 0;
  std::size_t validation_tiles = 0;
  std::size_t holograms = 0;
  std::size_t particles = 0;
  double data_seconds = 0;
  double train_seconds = 0;
  int first_step = 0;  // 0, or the checkpoint's step when resumed
  double first_loss = 0;
  double last_loss = 0;
  std::vector<segment::ValidationFigures> validations;
  std::int64_t parameters = 0;
  std::int64_t multiply_adds_per_512_tile = 0;
  std::string device;
};

TrainSummary run_train(const TrainRequest& request, const config::Config& config);

std::filesystem::path checkpoint_path(const std::filesystem::path& out);
std::filesystem::path optimizer_state_path(const std::filesystem::path& out);

}  // namespace holodet::train
