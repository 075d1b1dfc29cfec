#include "holodet/train/training_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::train {
namespace {

std::size_t labelled_pixels(const segment::TileSet& set, std::size_t tile) {
  const std::size_t area = set.size * set.size;
  return static_cast<std::size_t>(
      std::count(set.labels.begin() + tile * area, set.labels.begin() + (tile + 1) * area, 1));
}

TEST(TrainingData, SamplesPositiveAndNegativeTilesWithLabelsAndAHeldOutHologram) {
  config::Config config;
  config::apply_override(config, "train.window_px", "64", "test");
  config::apply_override(config, "train.validation_fraction", "0.3", "test");
  config::apply_override(config, "train.far_negatives_per_hologram", "5", "test");
  const TrainingData data = make_training_data({test::samples_dir() / "holodec_fixture_512x384.nc"},
                                               config, segment::ModelInfo{}, true);
  EXPECT_EQ(data.holograms, 3u);
  EXPECT_EQ(data.particles, 36u);
  // 12 particles × (2 positives + 2 near negatives) + 5 far negatives per hologram; one of
  // the three holograms held out.
  EXPECT_EQ(data.train.count(), 2u * (12 * 4 + 5));
  EXPECT_EQ(data.validation.count(), 12u * 4 + 5);
  EXPECT_EQ(data.train.inputs.size(), data.train.count() * 64 * 64);
  std::size_t positives = 0, labelled_positives = 0, near = 0, labelled_near = 0;
  for (std::size_t t = 0; t < data.train.count(); ++t) {
    if (data.train.kinds[t] == segment::TileKind::kPositive) {
      ++positives;
      labelled_positives += labelled_pixels(data.train, t) > 0 ? 1 : 0;
    } else if (data.train.kinds[t] == segment::TileKind::kNearNegative) {
      ++near;
      labelled_near += labelled_pixels(data.train, t) > 0 ? 1 : 0;
    }
  }
  EXPECT_EQ(labelled_positives, positives);  // every positive shows its particle
  EXPECT_LT(labelled_near, near / 4);        // near negatives show one only by coincidence
  // Inputs are normalised amplitudes: ≈ 0 away from particles, negative in their shadows.
  std::vector<float> sorted = data.train.inputs;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  EXPECT_NEAR(sorted[sorted.size() / 2], 0.0f, 0.15f);
}

TEST(TrainingData, ShadowNegativesSitOnTheParticleFarFromItsFocusAndShowNoParticle) {
  config::Config config;
  config::apply_override(config, "train.window_px", "64", "test");
  config::apply_override(config, "train.validation_fraction", "0", "test");
  config::apply_override(config, "train.positives_per_particle", "0", "test");
  config::apply_override(config, "train.near_negatives_per_particle", "0", "test");
  config::apply_override(config, "train.far_negatives_per_hologram", "0", "test");
  config::apply_override(config, "train.shadow_negatives_per_particle", "3", "test");
  const TrainingData data = make_training_data({test::samples_dir() / "holodec_fixture_512x384.nc"},
                                               config, segment::ModelInfo{}, true);
  ASSERT_EQ(data.train.count(), 3u * 12 * 3);
  std::size_t labelled = 0;
  for (std::size_t t = 0; t < data.train.count(); ++t) {
    EXPECT_EQ(data.train.kinds[t], segment::TileKind::kNearNegative);
    labelled += labelled_pixels(data.train, t) > 0 ? 1 : 0;
  }
  // Beyond 6 bands of its own focus a particle is never labelled; another one only by
  // coincidence.
  EXPECT_LT(labelled, data.train.count() / 4);
}

TEST(TrainingData, RefusesArchivesWithoutParticlesOrTooSmall) {
  config::Config config;
  config::apply_override(config, "train.window_px", "1024", "test");
  EXPECT_THROW(make_training_data({test::samples_dir() / "holodec_fixture_512x384.nc"}, config,
                                  segment::ModelInfo{}, true),
               Error);
}

}  // namespace
}  // namespace holodet::train

namespace holodet::train {
namespace {

TEST(TrainingData, StacksThePhaseAsASecondChannel) {
  config::Config config;
  config::apply_override(config, "train.window_px", "32", "test");
  config::apply_override(config, "train.validation_fraction", "0", "test");
  config::apply_override(config, "train.positives_per_particle", "1", "test");
  config::apply_override(config, "train.near_negatives_per_particle", "0", "test");
  config::apply_override(config, "train.far_negatives_per_hologram", "0", "test");
  segment::ModelInfo model;
  model.channels = {"amplitude", "phase"};
  model.unet.in_channels = 2;
  const TrainingData data =
      make_training_data({test::samples_dir() / "holodec_fixture_512x384.nc"}, config, model, true);
  ASSERT_EQ(data.train.count(), 36u);
  EXPECT_EQ(data.train.channels, 2u);
  ASSERT_EQ(data.train.inputs.size(), 36u * 2 * 32 * 32);
  // The phase channel is φ/π: inside [−1, 1], and not a copy of the amplitude channel.
  bool differs = false;
  for (std::size_t t = 0; t < data.train.count(); ++t) {
    const float* tile = data.train.inputs.data() + t * 2 * 32 * 32;
    for (std::size_t k = 0; k < 32 * 32; ++k) {
      ASSERT_LE(std::abs(tile[32 * 32 + k]), 1.0f + 1e-6f);
      differs = differs || tile[32 * 32 + k] != tile[k];
    }
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace holodet::train
