// Which true particles a detector could see: on a simulated frame, a 40 µm droplet stands far
// above the noise on its own plane, a 3 µm one far from the sensor (smaller than the frame's
// resolution there) and a table row with no particle in the hologram do not.
#include "holodet/detect/particle_visibility.h"

#include <gtest/gtest.h>

#include <random>

#include "holodet/detect/plane_workers.h"
#include "holodet/propagate/propagator.h"
#include "holodet/simulate/hologram_simulator.h"
#include "holodet/simulate/sensor_model.h"

namespace holodet::detect {
namespace {

TEST(ParticleVisibility, TellsAParticleAboveTheNoiseFromOnesBelowIt) {
  Optics optics;
  optics.z_min_m = 0.020;
  optics.z_max_m = 0.080;
  const std::vector<simulate::SimParticle> particles = {{-150, -150, 30000, 40},
                                                        {150, 150, 75000, 3}};
  const std::size_t n = 256;
  simulate::HologramSimulator simulator(n, n, {optics, 0.5, 2});
  const std::vector<float> intensity = simulator.intensity(particles);
  std::mt19937_64 random(11);
  const std::vector<std::uint16_t> counts =
      simulate::expose({std::span<const float>(intensity), n, n}, optics.pixel_pitch_x_m,
                       optics.pixel_pitch_y_m, simulate::SensorSettings{}, random);
  io::ParticleTable truth;
  for (const simulate::SimParticle& p : particles) {
    truth.append(1, p.x_um, p.y_um, p.z_um, p.d_um);
  }
  truth.append(1, 150, -150, 50000, 20);  // nothing there
  truth.append(2, 0, 0, 40000, 30);       // another hologram's row: left alone

  config::Config config;
  config.runtime.device = "cpu";
  config.runtime.threads = 2;
  PlaneWorkers workers = make_plane_workers(n, n, config, optics, DeviceChoice{}, {});
  const std::vector<float> frame = propagate::counts_to_float(counts);
  workers.set_hologram({std::span<const float>(frame), n, n});
  std::vector<ParticleVisibility> visibility(truth.size(), ParticleVisibility{-1, -1});
  std::size_t measured = 0;
  measure_hologram_visibility(workers, n, n, optics.pixel_pitch_x_m * 1e6, truth, 1, 2, visibility,
                              [&measured] { ++measured; });
  EXPECT_EQ(measured, 3u);
  EXPECT_GT(visibility[0].contrast, 0.5);  // an opaque disk 13 px across: dark in focus
  EXPECT_GT(visibility[0].noise, 0);
  EXPECT_LT(visibility[0].noise, 0.2);
  EXPECT_TRUE(is_detectable(visibility[0], 1));
  EXPECT_TRUE(is_detectable(visibility[0], 3));
  EXPECT_FALSE(is_detectable(visibility[1], 1))
      << "contrast " << visibility[1].contrast << ", noise " << visibility[1].noise;
  EXPECT_FALSE(is_detectable(visibility[2], 1))
      << "contrast " << visibility[2].contrast << ", noise " << visibility[2].noise;
  EXPECT_EQ(visibility[3].contrast, -1);
}

TEST(ParticleVisibility, NeedsContrastAboveTheNoiseTimesTheRatio) {
  EXPECT_TRUE(is_detectable({0.3F, 0.1F}, 2));
  EXPECT_FALSE(is_detectable({0.3F, 0.1F}, 4));
  EXPECT_FALSE(is_detectable({-0.2F, 0.1F}, 0));  // brighter than its surroundings
  EXPECT_TRUE(is_detectable({0.01F, 0.1F}, 0));
}

}  // namespace
}  // namespace holodet::detect
