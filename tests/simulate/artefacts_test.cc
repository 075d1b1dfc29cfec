// The instrument's artefacts in synthetic holograms: each shows as it should, none enters the
// particle table, and switching them on leaves the particles and the noise as they were.
#include "holodet/simulate/artefacts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "holodet/simulate/synthetic_hologram.h"

namespace holodet::simulate {
namespace {

constexpr std::size_t kSize = 128;

SyntheticHologram make(std::size_t particles, const ArtefactSettings& artefacts,
                       bool noise = true) {
  HologramSimulator simulator(kSize, kSize, SimulationSettings{});
  PopulationSettings population;
  population.count = particles;
  population.d_max_um = 60;
  SensorSettings sensor;
  sensor.should_noise = noise;
  sensor.should_beam = noise;
  std::mt19937_64 random(7);
  std::mt19937_64 artefact_random(8);
  return make_synthetic_hologram(simulator, population, sensor, random, artefacts,
                                 &artefact_random);
}

TEST(Artefacts, SwitchedOnTheyLeaveTheParticlesAndTheTableAlone) {
  ArtefactSettings artefacts;
  artefacts.window_dust = 6;
  artefacts.hot_pixels = 5;
  const SyntheticHologram plain = make(4, {});
  const SyntheticHologram dusty = make(4, artefacts);
  ASSERT_EQ(dusty.population.particles.size(), 4u);  // the specks are not particles
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(dusty.population.particles[k].x_um, plain.population.particles[k].x_um);
    EXPECT_EQ(dusty.population.particles[k].z_um, plain.population.particles[k].z_um);
  }
  EXPECT_NE(dusty.counts, plain.counts);  // but the frame shows them
}

TEST(Artefacts, WindowDustLiesOnTheWindowsOutsideTheSampleVolume) {
  ArtefactSettings artefacts;
  artefacts.window_dust = 40;
  std::mt19937_64 random(3);
  const std::vector<SimParticle> dust =
      draw_window_dust(artefacts, 512, 512, 2.96, 2.96, 158000, random);
  ASSERT_EQ(dust.size(), 40u);
  std::size_t near = 0;
  for (const SimParticle& speck : dust) {
    const bool on_near_window = speck.z_um >= 500 && speck.z_um <= 4000;
    const bool on_far_window = speck.z_um >= 158000 && speck.z_um <= 166000;
    EXPECT_TRUE(on_near_window || on_far_window) << speck.z_um;
    near += on_near_window ? 1 : 0;
    EXPECT_GE(speck.d_um, 15);
    EXPECT_LE(speck.d_um, 120);
  }
  EXPECT_EQ(near, 20u);  // half on each window
  // Near the sensor a speck's shadow is sharp: the frame goes dark where it is.
  ArtefactSettings one;
  one.window_dust = 1;
  one.dust_d_min_um = 100;  // Fresnel number d²/(λz) above 28: a sharp shadow
  one.dust_d_max_um = 120;
  one.near_window_um = 1000;
  const SyntheticHologram frame = make(0, one, false);
  EXPECT_LT(*std::min_element(frame.counts.begin(), frame.counts.end()), 60);  // background 128
}

TEST(Artefacts, HotPixelsStrayFringesAndLaserPowerShowAsSetUp) {
  ArtefactSettings hot;
  hot.hot_pixels = 9;
  const SyntheticHologram with_hot = make(0, hot, false);
  EXPECT_EQ(std::count(with_hot.counts.begin(), with_hot.counts.end(), 255), 9);

  ArtefactSettings fringes;
  fringes.stray_fringe_contrast = 0.1;
  const SyntheticHologram striped = make(0, fringes, false);
  const auto [low, high] = std::minmax_element(striped.counts.begin(), striped.counts.end());
  EXPECT_NEAR(*low, 128 * 0.9, 2);  // the background, 128 counts, times 1 ± 0.1
  EXPECT_NEAR(*high, 128 * 1.1, 2);

  std::vector<float> intensity(100, 1.0f);
  ArtefactSettings power;
  power.power_jitter = 0.05;
  std::mt19937_64 random(11);
  vary_laser_power(intensity, power, random);
  EXPECT_NE(intensity.front(), 1.0f);
  EXPECT_NEAR(intensity.front(), 1.0f, 0.15f);
  EXPECT_EQ(intensity.front(), intensity.back());  // one factor for the whole frame
}

}  // namespace
}  // namespace holodet::simulate
