#include <gtest/gtest.h>

#include <random>

#include "holodet/segment/losses.h"
#include "holodet/segment/trainer.h"

namespace holodet::segment {
namespace {

TEST(Losses, DiceIsZeroForAPerfectMaskAndNearOneForItsOpposite) {
  const torch::Tensor labels = (torch::rand({2, 1, 16, 16}) > 0.7).to(torch::kFloat32);
  const torch::Tensor sure = (labels * 2 - 1) * 50;  // logits ±50
  EXPECT_LT(dice_loss(sure, labels).item<double>(), 0.01);
  EXPECT_GT(dice_loss(-sure, labels).item<double>(), 0.95);
  // Focal Tversky with α > 0.5 punishes a miss more than a false alarm of the same size.
  const torch::Tensor one = torch::zeros({1, 1, 4, 4});
  torch::Tensor label = one.clone();
  label[0][0][0][0] = 1;
  label[0][0][0][1] = 1;
  torch::Tensor miss = label.clone() * 100 - 50;
  miss[0][0][0][1] = -50;  // one of two particle pixels missed
  torch::Tensor extra = label.clone() * 100 - 50;
  extra[0][0][3][3] = 50;  // both found, one pixel extra
  EXPECT_GT(focal_tversky_loss(miss, label, 0.7, 0.75).item<double>(),
            focal_tversky_loss(extra, label, 0.7, 0.75).item<double>());
}

// Dark disks on a bright, noisy background; the label is the disk.
TileSet disk_tiles(std::size_t count, std::size_t size, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> noise(0, 0.05);
  TileSet set;
  set.size = size;
  for (std::size_t t = 0; t < count; ++t) {
    const bool has_disk = t % 4 != 3;
    const double cx = 6 + unit(random) * (static_cast<double>(size) - 12);
    const double cy = 6 + unit(random) * (static_cast<double>(size) - 12);
    const double r = 2 + unit(random) * 4;
    for (std::size_t i = 0; i < size; ++i) {
      for (std::size_t j = 0; j < size; ++j) {
        const double di = static_cast<double>(i) - cx, dj = static_cast<double>(j) - cy;
        const bool inside = has_disk && di * di + dj * dj <= r * r;
        const double amplitude = (inside ? 0.3 : 1.0) + noise(random);
        set.inputs.push_back(static_cast<float>((amplitude - 1.0) * 2.0));
        set.labels.push_back(inside ? 1 : 0);
      }
    }
    set.kinds.push_back(has_disk ? TileKind::kPositive : TileKind::kFarNegative);
  }
  return set;
}

TEST(Training, DrivesTheDiceLossDownByAtLeastHalf) {
  UNetOptions options;
  options.depth = 2;
  options.base_width = 4;
  TrainSettings settings;
  settings.steps = 300;
  settings.batch = 8;
  settings.learning_rate = 1e-2;
  settings.validate_every = 300;
  settings.checkpoint_every = 0;
  int checkpoints = 0;
  TrainCallbacks callbacks;
  callbacks.on_checkpoint = [&](int, const std::vector<NamedArray>&) { ++checkpoints; };
  const TrainResult result =
      train_unet(options, disk_tiles(64, 32, 1), disk_tiles(16, 32, 2), settings, callbacks);
  EXPECT_LE(result.last_loss, 0.5 * result.first_loss)
      << "first " << result.first_loss << " last " << result.last_loss;
  ASSERT_EQ(result.validations.size(), 1u);
  EXPECT_GT(result.validations[0].dice, 0.5);
  EXPECT_GT(result.validations[0].positive_found, 0.8);
  EXPECT_EQ(checkpoints, 0);
}

TEST(Training, ResumesFromACheckpointWithItsOptimizerState) {
  UNetOptions options;
  options.depth = 1;
  options.base_width = 2;
  TrainSettings settings;
  settings.steps = 6;
  settings.batch = 2;
  settings.validate_every = 0;
  settings.checkpoint_every = 3;
  settings.optimizer_state = std::filesystem::temp_directory_path() /
                             ("holodet_train_opt_" + std::to_string(::getpid()) + ".pt");
  std::vector<int> steps;
  std::vector<NamedArray> at_three;
  TrainCallbacks callbacks;
  callbacks.on_checkpoint = [&](int step, const std::vector<NamedArray>& state) {
    steps.push_back(step);
    if (step == 3) {
      at_three = state;
    }
  };
  const TileSet tiles = disk_tiles(8, 16, 3);
  train_unet(options, tiles, {}, settings, callbacks);
  EXPECT_EQ(steps, (std::vector<int>{3, 6}));
  ASSERT_TRUE(std::filesystem::exists(settings.optimizer_state));
  steps.clear();
  const TrainResult resumed = train_unet(options, tiles, {}, settings, callbacks, at_three, 3);
  EXPECT_EQ(steps, (std::vector<int>{6}));
  EXPECT_FALSE(resumed.state.empty());
  std::filesystem::remove(settings.optimizer_state);
}

}  // namespace
}  // namespace holodet::segment
