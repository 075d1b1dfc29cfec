#include "holodet/detect/focus_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace holodet::detect {
namespace {

// A focus dip like a particle's: 1 − 0.8·exp(−((z − focus)/width)²).
std::vector<float> dip(const std::vector<double>& z_m, double focus_m, double width_m) {
  std::vector<float> curve;
  for (double z : z_m) {
    const double u = (z - focus_m) / width_m;
    curve.push_back(static_cast<float>(1 - 0.8 * std::exp(-u * u)));
  }
  return curve;
}

std::vector<double> depths(double first_m, double step_m, std::size_t count) {
  std::vector<double> z;
  for (std::size_t k = 0; k < count; ++k) {
    z.push_back(first_m + static_cast<double>(k) * step_m);
  }
  return z;
}

TEST(FocusFit, FindsTheDipBelowTheStep) {
  const std::vector<double> z = depths(0.050, 10e-6, 41);
  for (const double offset_um : {0.0, 3.7, -4.9, 123.4}) {
    const double focus = 0.0502 + offset_um * 1e-6;
    const FocusFit fit = fit_focus_minimum(z, dip(z, focus, 60e-6));
    ASSERT_TRUE(fit.found) << offset_um;
    EXPECT_NEAR(fit.z_m, focus, 1.0e-6) << offset_um;
    // Noise-free: the misfit of a Gaussian dip to a parabola, no more.
    EXPECT_GE(fit.z_err_m, 0.05 * 10e-6 - 1e-12);
    EXPECT_LT(fit.z_err_m, 2e-6);
  }
}

// With noise, the stated 1σ holds about 68 % of the errors: not a promise made in passing.
TEST(FocusFit, ItsUncertaintyCoversTheErrorsItShould) {
  const std::vector<double> z = depths(0.050, 10e-6, 41);
  std::mt19937_64 random(42);
  std::normal_distribution<float> noise(0.0f, 0.02f);
  std::uniform_real_distribution<double> where(-5e-6, 5e-6);
  int within_one = 0, within_two = 0, trials = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const double focus = 0.0502 + where(random);
    std::vector<float> curve = dip(z, focus, 60e-6);
    for (float& value : curve) {
      value += noise(random);
    }
    const FocusFit fit = fit_focus_minimum(z, curve);
    if (!fit.found) {
      continue;
    }
    ++trials;
    within_one += std::abs(fit.z_m - focus) <= fit.z_err_m ? 1 : 0;
    within_two += std::abs(fit.z_m - focus) <= 2 * fit.z_err_m ? 1 : 0;
  }
  ASSERT_GT(trials, 380);
  EXPECT_GT(within_one, trials * 55 / 100);
  EXPECT_LT(within_one, trials * 85 / 100);
  EXPECT_GT(within_two, trials * 88 / 100);
}

TEST(FocusFit, AMinimumAtTheEdgeIsNoVertex) {
  const std::vector<double> z = depths(0.050, 10e-6, 21);
  const FocusFit rising = fit_focus_minimum(z, dip(z, 0.0499, 60e-6));
  EXPECT_FALSE(rising.found);
  EXPECT_TRUE(rising.at_edge);
  EXPECT_DOUBLE_EQ(rising.z_m, z.front());
  const FocusFit falling = fit_focus_minimum(z, dip(z, 0.0503, 60e-6));
  EXPECT_TRUE(falling.at_edge);
  EXPECT_DOUBLE_EQ(falling.z_m, z.back());
  // A bump, not a dip: no upward parabola.
  std::vector<float> bump = dip(z, 0.0501, 60e-6);
  for (float& value : bump) {
    value = 2 - value;
  }
  bump.front() = bump.back() = 0.0f;
  EXPECT_FALSE(fit_focus_minimum(z, bump).found);
}

}  // namespace
}  // namespace holodet::detect
