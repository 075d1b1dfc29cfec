#include "holodet/detect/volume_guard.h"

#include <gtest/gtest.h>

#include "holodet/propagate/plane_set.h"

namespace holodet::detect {
namespace {

Optics holodec_optics() {
  Optics optics;
  optics.z_min_m = 0.014;
  optics.z_max_m = 0.158;
  return optics;
}

// The guard planes lie on the windows' side of the volume, never nearer it than the run's
// own plane spacing: a particle inside always has a plane of the run nearer its focus.
TEST(VolumeGuard, GuardPlanesStayClearOfTheVolumeByTheRunsSpacing) {
  const Optics optics = holodec_optics();
  for (const std::size_t planes : {1000u, 150u, 40u}) {
    const std::vector<double> z_m = propagate::holodec_planes(planes, 0.014, 0.158);
    const double spacing = (0.158 - 0.014) / static_cast<double>(planes);
    const double margin = std::max(250e-6, spacing);
    const std::vector<double> guard = guard_planes(optics, 500, z_m);
    ASSERT_FALSE(guard.empty()) << planes;
    EXPECT_NEAR(guard.front(), kNearestGuardM, 1e-12);
    for (double z : guard) {
      EXPECT_TRUE(z <= 0.014 - margin + 1e-12 || z >= 0.158 + margin - 1e-12) << planes << " " << z;
      EXPECT_LE(z, 0.158 + kFarGuardM + 1e-12);
    }
    const std::vector<double> pass1 = with_guard(z_m, guard);
    EXPECT_EQ(pass1.size(), z_m.size() + guard.size());
    EXPECT_TRUE(std::is_sorted(pass1.begin(), pass1.end()));
  }
  EXPECT_EQ(guard_planes(optics, 500, propagate::holodec_planes(1000, 0.014, 0.158)).size(), 47u);
  EXPECT_TRUE(guard_planes(optics, 0, propagate::holodec_planes(1000, 0.014, 0.158)).empty());
}

// An object is outside the volume when the median depth of its darkest pixels is.
TEST(VolumeGuard, AnObjectFocusedOnAGuardPlaneIsOutside) {
  const std::size_t nx = 4, ny = 1;
  const std::vector<float> minimum(nx * ny, 0.2f);
  const std::vector<float> depth{0.002f, 0.002f, 0.030f, 0.161f};
  const propagate::MinimumProjection projection(nx, ny, minimum, depth, 3);
  const std::vector<std::size_t> dust{0, 1, 2};  // two of three at 2 mm: on a window
  const std::vector<std::size_t> particle{1, 2, 2};
  const std::vector<std::size_t> far{3};
  EXPECT_TRUE(focuses_outside(dust, projection, 0.01407, 0.15793));
  EXPECT_FALSE(focuses_outside(particle, projection, 0.01407, 0.15793));
  EXPECT_TRUE(focuses_outside(far, projection, 0.01407, 0.15793));
  EXPECT_FALSE(focuses_outside({}, projection, 0.01407, 0.15793));
}

}  // namespace
}  // namespace holodet::detect
