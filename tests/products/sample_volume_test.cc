#include "holodet/products/sample_volume.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace holodet::products {
namespace {

// HOLODEC's frame: 4872 x 3248 px of 2.96 µm over 14–158 mm.
SampleFrame holodec_frame() {
  return {4872, 3248, 2.96, 2.96, 14000, 158000};
}

TEST(SampleVolume, TheWholeFrameIsAboutTwentyCubicCentimetres) {
  const SampleVolume volume = sample_volume(holodec_frame(), 0, {});
  // 14.42 mm × 9.61 mm × 144 mm.
  EXPECT_NEAR(volume.frame_cm3, 4872 * 2.96e-4 * 3248 * 2.96e-4 * 14.4, 1e-9);
  EXPECT_NEAR(volume.frame_cm3, 19.96, 0.01);
  EXPECT_DOUBLE_EQ(volume.volume_cm3, volume.frame_cm3);
  EXPECT_DOUBLE_EQ(volume.margin_cm3, 0);
}

TEST(SampleVolume, TheMarginComesOffEverySide) {
  const SampleFrame frame = holodec_frame();
  const SampleVolume volume = sample_volume(frame, 100, {});
  const double width_cm = (4872 * 2.96 - 200) * 1e-4, height_cm = (3248 * 2.96 - 200) * 1e-4;
  EXPECT_NEAR(volume.volume_cm3, width_cm * height_cm * 14.4, 1e-9);
  EXPECT_NEAR(volume.margin_cm3, volume.frame_cm3 - volume.volume_cm3, 1e-12);
  const UsableArea area = usable_area(frame, 100);
  // Pixel 0's centre is at -Nx/2·dx; its outer edge half a pixel further.
  EXPECT_NEAR(area.x_min, -2436.5 * 2.96 + 100, 1e-9);
  EXPECT_NEAR(area.x_max, 2435.5 * 2.96 - 100, 1e-9);
}

TEST(SampleVolume, FootprintsAreCountedOnceAndOnlyInsideTheArea) {
  const UsableArea area{-1000, 1000, -1000, 1000};
  const double disk = std::numbers::pi * 50 * 50;
  const Footprint one[] = {{0, 0, 50}};
  EXPECT_NEAR(footprint_area_um2(area, one), disk, disk * 1e-3);
  const Footprint same_twice[] = {{0, 0, 50}, {0, 0, 50}};
  EXPECT_NEAR(footprint_area_um2(area, same_twice), disk, disk * 1e-3);
  const Footprint apart[] = {{-500, 0, 50}, {500, 0, 50}};
  EXPECT_NEAR(footprint_area_um2(area, apart), 2 * disk, 2 * disk * 1e-3);
  const Footprint on_the_edge[] = {{1000, 0, 50}};  // half of it outside
  EXPECT_NEAR(footprint_area_um2(area, on_the_edge), disk / 2, disk * 2e-3);
  const SampleFrame frame{1000, 1000, 2, 2, 10000, 20000};
  const Footprint centre[] = {{0, 0, 50}};
  const SampleVolume volume = sample_volume(frame, 0, centre);
  EXPECT_NEAR(volume.artefact_cm3, disk * 10000 / 1e12, disk * 10000 / 1e12 * 1e-3);
  EXPECT_NEAR(volume.volume_cm3, volume.frame_cm3 - volume.artefact_cm3, 1e-15);
}

}  // namespace
}  // namespace holodet::products
