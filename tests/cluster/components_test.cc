#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "holodet/cluster/dark_spots.h"
#include "holodet/cluster/plane_detection.h"
#include "holodet/core/error.h"

namespace holodet::cluster {
namespace {

// A disk reads round, a 3:1 ellipse tilted by 30° reads 3, and a block of one pixel is no
// needle: what splits droplets from ice in the size distributions.
TEST(PlaneDetection, ComponentsCarryTheirMasksAspectRatio) {
  const std::size_t n = 120;
  std::vector<std::uint8_t> mask(n * n, 0);
  const double angle = std::numbers::pi / 6;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double di = static_cast<double>(i) - 30, dj = static_cast<double>(j) - 30;
      if (std::hypot(di, dj) <= 12) {
        mask[i * n + j] = 1;  // disk, radius 12 px, around (30, 30)
      }
      const double ei = static_cast<double>(i) - 80, ej = static_cast<double>(j) - 80;
      const double u = ei * std::cos(angle) + ej * std::sin(angle);
      const double v = -ei * std::sin(angle) + ej * std::cos(angle);
      if ((u / 30) * (u / 30) + (v / 10) * (v / 10) <= 1) {
        mask[i * n + j] = 1;  // ellipse, semi-axes 30 and 10 px, around (80, 80)
      }
    }
  }
  mask[5 * n + 110] = 1;  // one pixel
  const PixelGrid grid{n, n, 2.96, 2.96};
  const auto detections =
      detect_components({std::span<const std::uint8_t>(mask), n, n}, {}, grid, 0, 30000, 1);
  ASSERT_EQ(detections.size(), 3u);
  for (const PlaneDetection& detection : detections) {
    if (detection.area_px == 1) {
      EXPECT_DOUBLE_EQ(detection.aspect_ratio, 1);
    } else if (detection.area_px < 600) {
      EXPECT_NEAR(detection.aspect_ratio, 1, 0.03);
    } else {
      EXPECT_NEAR(detection.aspect_ratio, 3, 0.1);
    }
  }
}

TEST(PlaneDetection, ComponentsGiveCentroidsInMicronsAndAreaDiameters) {
  // 60 × 40 frame (not square); a 5 × 5 block centred on pixel (10, 30) and a 3 × 3 one on
  // (50, 5).
  const std::size_t nx = 60, ny = 40;
  std::vector<std::uint8_t> mask(nx * ny, 0);
  std::vector<float> score(nx * ny, 0.5f);
  for (std::size_t i = 8; i <= 12; ++i) {
    for (std::size_t j = 28; j <= 32; ++j) {
      mask[i * ny + j] = 1;
      score[i * ny + j] = 0.9f;
    }
  }
  for (std::size_t i = 49; i <= 51; ++i) {
    for (std::size_t j = 4; j <= 6; ++j) {
      mask[i * ny + j] = 1;
    }
  }
  mask[0] = 1;  // a lone pixel: below min_area
  const PixelGrid grid{nx, ny, 2.0, 3.0};
  const auto detections =
      detect_components({std::span<const std::uint8_t>(mask), nx, ny},
                        {std::span<const float>(score), nx, ny}, grid, 7, 12345, 2);
  ASSERT_EQ(detections.size(), 2u);
  const PlaneDetection& big =
      detections[0].area_px > detections[1].area_px ? detections[0] : detections[1];
  EXPECT_DOUBLE_EQ(big.x_um, (10 - 30.0) * 2.0);  // (i − Nx/2)·dx
  EXPECT_DOUBLE_EQ(big.y_um, (30 - 20.0) * 3.0);
  EXPECT_DOUBLE_EQ(big.area_px, 25);
  EXPECT_NEAR(big.d_um, 2 * std::sqrt(25 * 6.0 / std::numbers::pi), 1e-9);
  EXPECT_NEAR(big.score, 0.9, 1e-6);
  EXPECT_EQ(big.plane, 7u);
  EXPECT_DOUBLE_EQ(big.z_um, 12345);
  std::vector<std::uint8_t> wrong(10);
  EXPECT_THROW(detect_components({std::span<const std::uint8_t>(wrong), 5, 2}, {}, grid, 0, 0, 1),
               Error);
}

TEST(DarkSpots, FindsDarkSpotsAgainstAVaryingBackgroundAndFlagsTheBorder) {
  const std::size_t nx = 200, ny = 150;
  std::vector<float> projection(nx * ny);
  std::mt19937 generator(4);
  std::normal_distribution<float> noise(0.0f, 0.01f);
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      // A background sloping from 0.8 to 1.0 with noise; two dark disks, one at the border.
      float value = 0.8f + 0.2f * static_cast<float>(i) / nx + noise(generator);
      if (std::hypot(i - 60.0, j - 70.0) < 6) {
        value -= 0.5f;
      }
      if (std::hypot(i - 199.0, j - 20.0) < 4) {
        value -= 0.5f;
      }
      projection[i * ny + j] = value;
    }
  }
  const DarkSpots found =
      find_dark_spots({std::span<const float>(projection), nx, ny}, DarkSpotSettings{});
  EXPECT_FALSE(found.crowded);  // two spots in 0.03 megapixels
  const std::vector<DarkSpot>& spots = found.spots;
  ASSERT_EQ(spots.size(), 2u);
  const DarkSpot& inside = spots[0].touches_border ? spots[1] : spots[0];
  const DarkSpot& edge = spots[0].touches_border ? spots[0] : spots[1];
  EXPECT_FALSE(inside.touches_border);
  EXPECT_TRUE(edge.touches_border);
  EXPECT_NEAR(static_cast<double>(inside.pixels.size()), std::numbers::pi * 36, 20);
  EXPECT_LE(inside.i_begin, 55u);
  EXPECT_GE(inside.i_end, 66u);
  EXPECT_GT(inside.depth, 20);  // 0.5 deep against a 0.01 noise
}

// A projection of 1 with Gaussian noise of `spread` (0.05 unless said), [x][y].
std::vector<float> flat_noisy_frame(std::size_t nx, std::size_t ny, unsigned seed,
                                    float spread = 0.05f) {
  std::vector<float> projection(nx * ny);
  std::mt19937 generator(seed);
  std::normal_distribution<float> noise(0.0f, spread);
  for (float& value : projection) {
    value = 1.0f + noise(generator);
  }
  return projection;
}

// Lowers the pixels within `radius` of (ci, cj) by `depth`: a particle's shadow.
void darken_disk(std::vector<float>& projection, std::size_t ny, double ci, double cj,
                 double radius, float depth) {
  const std::size_t nx = projection.size() / ny;
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      if (std::hypot(i - ci, j - cj) < radius) {
        projection[i * ny + j] -= depth;
      }
    }
  }
}

// A large shadow only a few noise sigmas deep per pixel (a 100 µm droplet far off in a crowded
// frame: its own shadow lowers its box background, and the frame's fringes raise the noise) is
// a candidate with the crowded frame's settings (the wide background mask, the smoothed
// scale), not with the sparse frame's. A small deep spot beside it is found either way; the
// frame's density chooses.
TEST(DarkSpots, ACrowdedFrameFindsLargeShallowShadowsThroughTheSmoothedScale) {
  const std::size_t nx = 256, ny = 256;
  std::vector<float> projection = flat_noisy_frame(nx, ny, 7);
  darken_disk(projection, ny, 90, 100, 17, 0.2f);    // 4 sigma deep: a third of the background box
  darken_disk(projection, ny, 190, 180, 2.5, 0.6f);  // a small particle, 12 sigma deep
  const auto covers = [&](const std::vector<DarkSpot>& spots, std::size_t i, std::size_t j,
                          std::size_t least_pixels) {
    return std::ranges::any_of(spots, [&](const DarkSpot& spot) {
      return spot.pixels.size() >= least_pixels &&
             std::ranges::find(spot.pixels, i * ny + j) != spot.pixels.end();
    });
  };
  DarkSpotSettings sparse;
  sparse.crowded_per_mpx = 1e9;
  DarkSpotSettings crowded;
  crowded.crowded_per_mpx = 0;
  crowded.crowded_least_mpx = 0;
  const DarkSpots before = find_dark_spots({std::span<const float>(projection), nx, ny}, sparse);
  const DarkSpots after = find_dark_spots({std::span<const float>(projection), nx, ny}, crowded);
  EXPECT_FALSE(before.crowded);
  EXPECT_TRUE(after.crowded);
  const std::size_t half_disk = 450;  // of its 908 pixels
  EXPECT_FALSE(covers(before.spots, 90, 100, half_disk));
  EXPECT_TRUE(covers(after.spots, 90, 100, half_disk));
  EXPECT_TRUE(covers(before.spots, 190, 180, 3));
  EXPECT_TRUE(covers(after.spots, 190, 180, 3));
  // At the defaults this frame is sparse: it has fewer than 80 spots per megapixel (5.2 here),
  // and a frame under 1 megapixel is never crowded.
  EXPECT_FALSE(find_dark_spots({std::span<const float>(projection), nx, ny}, {}).crowded);
  crowded.crowded_least_mpx = 1;
  EXPECT_FALSE(find_dark_spots({std::span<const float>(projection), nx, ny}, crowded).crowded);
}

// Whether a frame is crowded does not depend on the detector's own threshold: the bar counts
// the spots at crowded_count_sigma. Ten shallow spots (about 6.5 sigmas) and two deep ones
// (about 12): counted at 4 sigmas the frame crosses a bar of 6 spots, at 9 it does not,
// whatever the threshold its spots are found at.
TEST(DarkSpots, TheCrowdedBarCountsAtItsOwnThreshold) {
  const std::size_t nx = 256, ny = 256;
  std::vector<float> projection = flat_noisy_frame(nx, ny, 11);
  for (std::size_t k = 0; k < 12; ++k) {
    darken_disk(projection, ny, 30.0 + 50.0 * static_cast<double>(k % 4),
                40.0 + 80.0 * static_cast<double>(k / 4), 3, k < 10 ? 0.325f : 0.6f);
  }
  const FrameView<const float> frame{std::span<const float>(projection), nx, ny};
  DarkSpotSettings settings;
  settings.crowded_least_mpx = 0;
  settings.crowded_per_mpx = 6 / (static_cast<double>(nx * ny) * 1e-6);
  settings.threshold_sigma = 4;
  settings.crowded_count_sigma = 4;
  const DarkSpots low_count = find_dark_spots(frame, settings);
  EXPECT_TRUE(low_count.crowded);
  settings.crowded_count_sigma = 9;
  const DarkSpots high_count = find_dark_spots(frame, settings);
  EXPECT_FALSE(high_count.crowded);
  EXPECT_EQ(high_count.spots.size(), 12u);  // found at threshold_sigma, 4
  // And the other way: a detector at 9 sigmas sees two spots, but the frame counted at 4 is
  // crowded (whose smoothed scale then finds the shallow spots too).
  settings.threshold_sigma = 9;
  settings.crowded_count_sigma = 9;
  EXPECT_EQ(find_dark_spots(frame, settings).spots.size(), 2u);
  settings.crowded_count_sigma = 4;
  EXPECT_TRUE(find_dark_spots(frame, settings).crowded);
}

// The densest scenes are crowded by the residual's spread, not by their count: there the
// spread is the clutter of many particles' fringe minima, a threshold in sigmas rises with it,
// and the few spots left stay under the bar. A spread of 0.1 of the median with two spots is
// crowded; 0.05 (a sparse crop's is 0.02-0.05) is not, nor is 0.1 with the clutter bar off.
TEST(DarkSpots, AFrameWhoseResidualSpreadIsClutterIsCrowdedWhateverItsCount) {
  const std::size_t nx = 256, ny = 256;
  DarkSpotSettings settings;
  settings.crowded_least_mpx = 0;
  settings.crowded_per_mpx = 1e9;  // no count reaches the bar
  for (const float spread : {0.05f, 0.1f}) {
    std::vector<float> projection = flat_noisy_frame(nx, ny, 13, spread);
    darken_disk(projection, ny, 60, 60, 3, 12 * spread);
    darken_disk(projection, ny, 180, 190, 3, 12 * spread);
    const FrameView<const float> frame{std::span<const float>(projection), nx, ny};
    settings.crowded_clutter = 0.08;
    const DarkSpots found = find_dark_spots(frame, settings);
    EXPECT_EQ(found.crowded, spread > 0.08f) << spread;
    EXPECT_GE(found.spots.size(), 2u) << spread;
    settings.crowded_clutter = 0;
    EXPECT_FALSE(find_dark_spots(frame, settings).crowded) << spread;
  }
}

}  // namespace
}  // namespace holodet::cluster
