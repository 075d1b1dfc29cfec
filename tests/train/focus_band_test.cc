#include "holodet/train/focus_band.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "holodet/simulate/focus_mask.h"

namespace holodet::train {
namespace {

config::TrainConfig with_fraction(double fraction) {
  config::TrainConfig train;
  train.depth_band_um = 300;
  train.band_depth_of_field_fraction = fraction;
  return train;
}

TEST(FocusBand, IsTheFixedBandUnlessAskedToFollowTheDepthOfField) {
  const FocusBand fixed(with_fraction(0), Optics{}, 1024, 1024);
  EXPECT_EQ(fixed(20000), 300);
  EXPECT_EQ(fixed(150000), 300);
}

// A 1024² crop of 2.96 µm pixels is 3.03 mm wide: NA at 150 mm is 1.516 / 150, and the depth of
// field λ / NA² = 0.355 µm × (150000 / 1515.5)² = 3.48 mm; a quarter of it is 870 µm. At 50 mm
// a quarter is 97 µm, under the fixed band.
TEST(FocusBand, WidensForFarParticlesInANarrowFrame) {
  const FocusBand band(with_fraction(0.25), Optics{}, 1024, 1024);
  EXPECT_NEAR(band(150000), 869.5, 1.0);
  EXPECT_EQ(band(50000), 300);
  EXPECT_NEAR(band(150000) / band(120000), (150.0 * 150.0) / (120.0 * 120.0), 1e-9);
}

// The full frame's smaller side (3 248 px, 9.6 mm) resolves depth to 0.35 mm at 150 mm: its
// band stays the fixed one over the whole sample volume.
TEST(FocusBand, AFullFrameKeepsTheFixedBand) {
  const FocusBand band(with_fraction(0.25), Optics{}, 4872, 3248);
  EXPECT_EQ(band(158000), 300);
}

TEST(FocusBand, LabelsAFarParticleInFocusWithinItsOwnBand) {
  const PixelGrid grid{64, 64, 2.96, 2.96};
  simulate::SimParticle far;
  far.x_um = 0;
  far.y_um = 0;
  far.z_um = 150000;
  far.d_um = 40;
  const FocusBand band(with_fraction(0.25), Optics{}, 1024, 1024);
  const auto labelled = [&](double z_um) {
    const std::vector<std::uint8_t> mask = simulate::focus_mask({far}, grid, z_um, std::cref(band));
    return std::count(mask.begin(), mask.end(), 1);
  };
  EXPECT_GT(labelled(150600), 100);  // 0.6 mm off: inside 870 µm
  EXPECT_EQ(labelled(151000), 0);
  EXPECT_EQ(std::ranges::count(simulate::focus_mask({far}, grid, 150600, 300.0), 1), 0);
}

}  // namespace
}  // namespace holodet::train
