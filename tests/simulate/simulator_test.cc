#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "holodet/core/error.h"
#include "holodet/propagate/propagator.h"
#include "holodet/simulate/focus_mask.h"
#include "holodet/simulate/hologram_simulator.h"
#include "holodet/simulate/sensor_model.h"

namespace holodet::simulate {
namespace {

constexpr double kPitchUm = 2.96;

TEST(HologramSimulator, NothingScattersWithoutParticles) {
  HologramSimulator simulator(64, 48, SimulationSettings{});
  for (float value : simulator.intensity({})) {
    ASSERT_NEAR(value, 1.0f, 1e-5f);
  }
}

TEST(HologramSimulator, ALargeDiskCloseToTheSensorCastsItsGeometricShadow) {
  // 300 µm disk 0.3 mm from the sensor: the Fresnel zone sqrt(λz) = 10 µm is small against
  // the disk, and the intensity at the geometric edge is 1/4 of the beam's (Fresnel edge).
  const std::size_t n = 256;
  HologramSimulator simulator(n, n, SimulationSettings{});
  SimParticle disk;
  disk.d_um = 300;
  disk.z_um = 300;
  const std::vector<float> intensity = simulator.intensity({disk});
  std::size_t dark = 0;
  for (float value : intensity) {
    dark += value < 0.25f ? 1 : 0;
  }
  const double area_um2 = static_cast<double>(dark) * kPitchUm * kPitchUm;
  const double expected = std::numbers::pi * 300.0 * 300.0 / 4;
  EXPECT_NEAR(area_um2 / expected, 1.0, 0.03);
  EXPECT_LT(intensity[(n / 2) * n + n / 2], 0.05f);  // the centre of the shadow
}

TEST(HologramSimulator, AnEllipseShadowHasItsAreaAndOrientation) {
  const std::size_t n = 256;
  HologramSimulator simulator(n, n, SimulationSettings{});
  SimParticle ice;
  ice.d_um = 200;  // equivalent-area diameter
  ice.aspect = 0.5;
  ice.orientation = 0;  // major axis along x
  ice.z_um = 200;
  const std::vector<float> intensity = simulator.intensity({ice});
  std::size_t dark = 0, dark_along_x = 0, dark_along_y = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const bool is_dark = intensity[i * n + j] < 0.25f;
      dark += is_dark;
      dark_along_x += is_dark && j == n / 2;
      dark_along_y += is_dark && i == n / 2;
    }
  }
  EXPECT_NEAR(dark * kPitchUm * kPitchUm / (std::numbers::pi * 200 * 200 / 4), 1.0, 0.03);
  EXPECT_NEAR(dark_along_x * kPitchUm, ice.major_um(), 2 * kPitchUm);
  EXPECT_NEAR(dark_along_y * kPitchUm, ice.minor_um(), 2 * kPitchUm);
}

TEST(HologramSimulator, SameParticlesSameBits) {
  HologramSimulator a(96, 64, SimulationSettings{});
  HologramSimulator b(96, 64, SimulationSettings{});
  SimParticle p;
  p.d_um = 40;
  p.z_um = 50000;
  p.x_um = 12.5;
  EXPECT_EQ(a.intensity({p}), b.intensity({p}));
}

TEST(SensorModel, ParticleFreeFrameHasTheExpectedBackgroundAndNoise) {
  // Mean: background_fraction of full scale. Spread: shot noise sqrt(ccdelevel) and read
  // noise in quadrature, times the gain, plus the rounding's 1/12 count² variance.
  for (int nbits : {8, 16}) {
    SensorSettings settings;
    settings.nbits = nbits;
    settings.should_beam = false;
    const std::size_t n = 256;
    const std::vector<float> unit(n * n, 1.0f);
    std::mt19937_64 random(42);
    const std::vector<std::uint16_t> counts =
        expose({std::span<const float>(unit), n, n}, 2.96e-6, 2.96e-6, settings, random);
    double sum = 0, sum2 = 0;
    for (std::uint16_t c : counts) {
      sum += c;
      sum2 += static_cast<double>(c) * c;
    }
    const double mean = sum / counts.size();
    const double std = std::sqrt(sum2 / counts.size() - mean * mean);
    const double gain = counts_per_electron(settings);
    const double expected_std = std::sqrt(
        gain * gain * (settings.ccdelevel + settings.read_noise_std * settings.read_noise_std) +
        1.0 / 12);
    EXPECT_NEAR(mean / (0.5 * std::ldexp(1.0, nbits)), 1.0, 0.05) << nbits << " bits";
    EXPECT_NEAR(std / expected_std, 1.0, 0.05) << nbits << " bits";
  }
}

TEST(SensorModel, BeamProfileStaysWithinItsDistortion) {
  SensorSettings settings;
  std::mt19937_64 random(1);
  const std::vector<float> beam = beam_profile(200, 150, 2.96e-6, 2.96e-6, settings, random);
  const auto [low, high] = std::minmax_element(beam.begin(), beam.end());
  EXPECT_NEAR(*low, 0.98f, 1e-5f);
  EXPECT_NEAR(*high, 1.0f, 1e-5f);
  settings.nbits = 12;
  const std::vector<float> unit(4, 1.0f);
  EXPECT_THROW(expose({std::span<const float>(unit), 2, 2}, 1e-6, 1e-6, settings, random), Error);
}

TEST(FocusMask, MarksParticlesInFocusOnly) {
  const PixelGrid grid{200, 100, kPitchUm, kPitchUm};
  SimParticle near, far;
  near.d_um = 59.2;  // 20 px across
  near.z_um = 30000;
  far = near;
  far.z_um = 31000;
  far.x_um = 200;
  const std::vector<std::uint8_t> mask = focus_mask({near, far}, grid, 30100, 500);
  std::size_t on = 0;
  for (std::uint8_t value : mask) {
    on += value;
  }
  EXPECT_NEAR(on, std::numbers::pi * 100, 15);  // π·10², the near particle only
  EXPECT_EQ(mask[100 * 100 + 50], 1);           // centre pixel: x = 0, y = 0
}

// Tenengrad focus measure: the squared amplitude gradient summed over the particle's rim.
double rim_sharpness(FrameView<const float> plane, double ci, double cj, double radius_px) {
  double sum = 0;
  for (std::size_t i = 1; i + 1 < plane.size_x; ++i) {
    for (std::size_t j = 1; j + 1 < plane.size_y; ++j) {
      const double r = std::hypot(i - ci, j - cj);
      if (r > 0.5 * radius_px && r < 1.5 * radius_px) {
        const double gx = plane.at(i + 1, j) - plane.at(i - 1, j);
        const double gy = plane.at(i, j + 1) - plane.at(i, j - 1);
        sum += gx * gx + gy * gy;
      }
    }
  }
  return sum;
}

// A hologram of one particle, through the camera model, reconstructed with holodet's own
// propagator at planes 1 mm apart that straddle (but never hit) the particle's depth.
TEST(HologramSimulator, ReconstructionFocusesAtTheParticleWithItsDiameter) {
  const std::size_t n = 384;
  const double z_um = 60000, d_um = 60, step_um = 1000;
  HologramSimulator simulator(n, n, SimulationSettings{});
  SimParticle particle;
  particle.d_um = d_um;
  particle.z_um = z_um;
  particle.x_um = 30;
  particle.y_um = -45;
  SensorSettings sensor;
  std::mt19937_64 random(9);
  const std::vector<float> intensity = simulator.intensity({particle});
  const std::vector<std::uint16_t> counts =
      expose({std::span<const float>(intensity), n, n}, 2.96e-6, 2.96e-6, sensor, random);

  propagate::PropagatorOptions options;
  options.size_x = n;
  options.size_y = n;
  auto propagator = propagate::make_propagator(options);
  const std::vector<float> as_float = propagate::counts_to_float(counts);
  propagator->set_hologram({std::span<const float>(as_float), n, n});
  std::vector<double> depths;
  for (int k = -8; k <= 8; ++k) {
    depths.push_back((z_um + k * step_um + 370) * 1e-6);
  }
  propagate::PlaneBatch planes;
  propagator->propagate(depths, propagate::kAmplitude, planes);
  const PixelGrid grid{n, n, kPitchUm, kPitchUm};
  const double ci = grid.i_of_x(particle.x_um), cj = grid.j_of_y(particle.y_um);
  const double radius_px = d_um / 2 / kPitchUm;
  std::size_t best = 0;
  for (std::size_t p = 0; p < depths.size(); ++p) {
    if (rim_sharpness(planes.amplitude_plane(p), ci, cj, radius_px) >
        rim_sharpness(planes.amplitude_plane(best), ci, cj, radius_px)) {
      best = p;
    }
  }
  EXPECT_LE(std::abs(depths[best] * 1e6 - z_um), step_um) << "focus at " << depths[best];
  // Diameter: the area darker than halfway between the disk's floor and the background.
  const FrameView<const float> focus = planes.amplitude_plane(best);
  float floor = 1.0f;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (std::hypot(i - ci, j - cj) < 0.5 * radius_px) {
        floor = std::min(floor, focus.at(i, j));
      }
    }
  }
  const float threshold = (floor + 1.0f) / 2;
  std::size_t dark = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      dark += std::hypot(i - ci, j - cj) < 2 * radius_px && focus.at(i, j) < threshold;
    }
  }
  const double measured_d = 2 * std::sqrt(dark / std::numbers::pi) * kPitchUm;
  EXPECT_NEAR(measured_d / d_um, 1.0, 0.10) << "measured " << measured_d << " um";
}

}  // namespace
}  // namespace holodet::simulate
