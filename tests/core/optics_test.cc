#include "holodet/core/optics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "holodet/core/error.h"
#include "holodet/core/pixel_grid.h"

namespace holodet {
namespace {

TEST(Optics, DefaultsAreHolodecs) {
  const Optics optics;
  EXPECT_DOUBLE_EQ(optics.wavelength_m, 355e-9);
  EXPECT_DOUBLE_EQ(optics.pixel_pitch_x_m, 2.96e-6);
  EXPECT_DOUBLE_EQ(optics.pixel_pitch_y_m, 2.96e-6);
  EXPECT_DOUBLE_EQ(optics.z_min_m, 0.014);
  EXPECT_DOUBLE_EQ(optics.z_max_m, 0.158);
  EXPECT_NO_THROW(validate(optics, "defaults"));
}

TEST(Optics, RejectsNonPositiveOrNonFiniteValuesNamingTheOrigin) {
  Optics optics;
  optics.pixel_pitch_x_m = 0;
  try {
    validate(optics, "run.yaml");
    FAIL() << "dx = 0 was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("run.yaml"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("pixel_pitch_x_m"), std::string::npos);
  }
  optics = Optics{};
  optics.wavelength_m = -355e-9;
  EXPECT_THROW(validate(optics, "x"), Error);
  optics = Optics{};
  optics.z_max_m = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(validate(optics, "x"), Error);
}

TEST(Optics, RejectsAnEmptyDepthRange) {
  Optics optics;
  optics.z_min_m = 0.1;
  optics.z_max_m = 0.1;
  EXPECT_THROW(validate(optics, "x"), Error);
}

TEST(PixelGrid, FollowsTheHolodecConvention) {
  // Pixel i has its centre at (i - Nx/2)·dx: pixel Nx/2 sits on the optical axis.
  const PixelGrid grid{4872, 3248, 2.96, 2.96};
  EXPECT_DOUBLE_EQ(grid.x_um(2436), 0.0);
  EXPECT_DOUBLE_EQ(grid.y_um(1624), 0.0);
  EXPECT_DOUBLE_EQ(grid.x_um(0), -2436 * 2.96);
  EXPECT_NEAR(grid.i_of_x(grid.x_um(123.5)), 123.5, 1e-9);
  EXPECT_NEAR(grid.j_of_y(grid.y_um(3000)), 3000, 1e-9);
}

}  // namespace
}  // namespace holodet
