#include "holodet/propagate/propagator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <numbers>

#include "holodet/core/error.h"
#include "holodet/propagate/min_projection.h"
#include "holodet/propagate/plane_set.h"
#include "propagation_fixtures.h"

namespace holodet::propagate {
namespace {

std::vector<float> hologram_counts(std::size_t nx, std::size_t ny) {
  std::vector<float> counts(nx * ny);
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      counts[i * ny + j] = 120.0f + 10.0f * std::sin(0.3f * i) * std::cos(0.2f * j);
    }
  }
  return counts;
}

TEST(Propagator, PadsAwkwardSizesToFastTransformsAndCropsBack) {
  PropagatorOptions options;
  options.size_x = 4872 / 8;  // 609 = 3·7·29
  options.size_y = 3248 / 8;  // 406 = 2·7·29
  auto propagator = make_propagator(options);
  EXPECT_EQ(propagator->padded_size_x(), 625u);
  EXPECT_EQ(propagator->padded_size_y(), 420u);
  const std::vector<float> counts = hologram_counts(options.size_x, options.size_y);
  propagator->set_hologram({std::span<const float>(counts), options.size_x, options.size_y});
  PlaneBatch batch;
  const double planes[] = {0.02, 0.05};
  propagator->propagate(planes, kAmplitude | kPhase | kField, batch);
  EXPECT_EQ(batch.size_x, options.size_x);
  EXPECT_EQ(batch.amplitude.size(), 2 * options.size_x * options.size_y);
  EXPECT_EQ(batch.phase.size(), batch.amplitude.size());
  EXPECT_EQ(batch.field.size(), batch.amplitude.size());
  for (std::size_t k = 0; k < batch.amplitude.size(); k += 97) {
    ASSERT_NEAR(batch.amplitude[k], std::abs(batch.field[k]), 1e-5);
    ASSERT_NEAR(batch.phase[k], std::arg(batch.field[k]), 1e-5);
  }
}

TEST(Propagator, WritesEveryOutputElement) {
  // Poisoned outputs of the final size: any element left unwritten stays NaN.
  const std::size_t nx = 50, ny = 30;
  PropagatorOptions options;
  options.size_x = nx;
  options.size_y = ny;
  auto propagator = make_propagator(options);
  const std::vector<float> counts = hologram_counts(nx, ny);
  propagator->set_hologram({std::span<const float>(counts), nx, ny});
  PlaneBatch batch;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  batch.amplitude.assign(3 * nx * ny, nan);
  batch.phase.assign(3 * nx * ny, nan);
  const double planes[] = {0.014, 0.1, 0.158};
  propagator->propagate(planes, kAmplitude | kPhase, batch);
  for (std::size_t k = 0; k < batch.amplitude.size(); ++k) {
    ASSERT_TRUE(std::isfinite(batch.amplitude[k])) << k;
    ASSERT_TRUE(std::isfinite(batch.phase[k])) << k;
  }
}

TEST(Propagator, CarrierRemovalChangesOnlyTheGlobalPhase) {
  const std::size_t nx = 32, ny = 32;
  PropagatorOptions with_carrier = test::exact_options(nx, ny);
  with_carrier.settings.remove_carrier = false;
  auto a = make_propagator(test::exact_options(nx, ny));
  auto b = make_propagator(with_carrier);
  const test::Field field = test::random_field(nx, ny, 3);
  a->set_field({std::span<const std::complex<float>>(field), nx, ny});
  b->set_field({std::span<const std::complex<float>>(field), nx, ny});
  PlaneBatch without, with;
  const double planes[] = {0.0314159};
  a->propagate(planes, kField, without);
  b->propagate(planes, kField, with);
  const std::complex<float> ratio = with.field[0] / without.field[0];
  EXPECT_NEAR(std::abs(ratio), 1.0, 1e-5);
  for (std::size_t k = 0; k < without.field.size(); ++k) {
    ASSERT_LT(std::abs(with.field[k] - ratio * without.field[k]),
              1e-4 * std::abs(without.field[k]) + 1e-6);
  }
}

TEST(Propagator, BadInputIsRejectedClearly) {
  PropagatorOptions options;
  options.size_x = 0;
  options.size_y = 10;
  EXPECT_THROW(make_propagator(options), Error);
  options.size_x = 10;
  options.settings.optics.pixel_pitch_x_m = 0;
  EXPECT_THROW(make_propagator(options), Error);
  options.settings.optics = Optics{};
  options.settings.optics.wavelength_m = -1e-9;
  EXPECT_THROW(make_propagator(options), Error);

  options.settings.optics = Optics{};
  auto propagator = make_propagator(options);
  std::vector<float> counts(100, 1.0f);
  counts[17] = std::numeric_limits<float>::infinity();
  EXPECT_THROW(propagator->set_hologram({std::span<const float>(counts), 10, 10}), Error);
  std::vector<float> wrong_size(99, 1.0f);
  EXPECT_THROW(propagator->set_hologram({std::span<const float>(wrong_size), 9, 11}), Error);
  EXPECT_THROW(check_planes({}, "--z-um"), Error);
  const double nan_plane[] = {std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW(check_planes(nan_plane, "--z-um"), Error);

  PlaneBatch batch;
  const double planes[] = {0.02};
  EXPECT_THROW(propagator->propagate(planes, kAmplitude, batch), Error);  // no hologram yet
}

TEST(PlaneSet, HolodecConventionPutsPlanesAtBinCentres) {
  const std::vector<double> z = holodec_planes(1000, 0.014, 0.158);
  ASSERT_EQ(z.size(), 1000u);
  EXPECT_NEAR(z.front(), 14072e-6, 1e-12);
  EXPECT_NEAR(z.back(), 157928e-6, 1e-12);
  EXPECT_NEAR(z[1] - z[0], 144e-6, 1e-12);
  EXPECT_THROW(holodec_planes(0, 0.014, 0.158), Error);
  EXPECT_THROW(holodec_planes(10, 0.158, 0.014), Error);
}

TEST(PlaneSet, RangeIncludesItsEnd) {
  const std::vector<double> z = plane_range(0.02, 0.03, 0.001);
  ASSERT_EQ(z.size(), 11u);
  EXPECT_NEAR(z.back(), 0.03, 1e-12);
  EXPECT_THROW(plane_range(0.02, 0.03, 0), Error);
  EXPECT_THROW(plane_range(0.03, 0.02, 0.001), Error);
}

TEST(MinimumProjection, KeepsEachPixelsMinimumAndItsDepth) {
  MinimumProjection projection(2, 2);
  const std::vector<float> first = {1, 5, 3, 3};
  const std::vector<float> second = {2, 4, 3, 1};
  projection.add({std::span<const float>(first), 2, 2}, 0.01);
  projection.add({std::span<const float>(second), 2, 2}, 0.02);
  EXPECT_EQ(projection.minimum(), (std::vector<float>{1, 4, 3, 1}));
  EXPECT_EQ(projection.depth_m(), (std::vector<float>{0.01f, 0.02f, 0.01f, 0.02f}));
  EXPECT_EQ(projection.plane_count(), 2u);
  const std::vector<float> wrong(3);
  EXPECT_THROW(projection.add({std::span<const float>(wrong), 3, 1}, 0.03), Error);
}

}  // namespace
}  // namespace holodet::propagate

#include "holodet/propagate/fast_trig.h"

namespace holodet::propagate {
namespace {

TEST(FastTrig, SineAndCosineOfTurnsAreAccurate) {
  double worst = 0;
  for (int k = -500000; k <= 500000; ++k) {
    const float t = static_cast<float>(k) / 1e6f;
    float sine, cosine;
    sincos_turns(t, sine, cosine);
    const double angle = 2 * std::numbers::pi * static_cast<double>(t);
    worst = std::max({worst, std::abs(sine - std::sin(angle)), std::abs(cosine - std::cos(angle))});
  }
  EXPECT_LT(worst, 3e-7);
}

}  // namespace
}  // namespace holodet::propagate

#include "network_input.h"

namespace holodet::propagate {
namespace {

// A propagator of `backend` holding hologram_counts(nx, ny), planned without measuring.
std::unique_ptr<Propagator> propagator_with_hologram(std::size_t nx, std::size_t ny,
                                                     Backend backend) {
  PropagatorOptions options;
  options.size_x = nx;
  options.size_y = ny;
  options.backend = backend;
  options.fft_planning = FftPlanning::kEstimate;
  auto propagator = make_propagator(options);
  const std::vector<float> counts = hologram_counts(nx, ny);
  propagator->set_hologram({std::span<const float>(counts), nx, ny});
  return propagator;
}

TEST(NetworkInput, TilesAreNormalisedAmplitudeAtTheirOrigins) {
  const std::size_t nx = 96, ny = 80;
  for (Backend backend : {Backend::kCpu, Backend::kCpuKernels}) {
    SCOPED_TRACE(backend_name(backend));
    auto propagator = propagator_with_hologram(nx, ny, backend);
    NetworkInputLayout layout;
    layout.tile_size = 32;
    layout.tile_origins = {{0, 0}, {64, 48}, {10, 20}};
    layout.offset = 1.0f;
    layout.scale = 4.0f;
    propagator->set_network_input(layout);
    PlaneBatch batch;
    const double planes[] = {0.02, 0.09};
    propagator->propagate(planes, kAmplitude | kNetworkInput, batch);
    const NetworkInputView view = propagator->network_input();
    EXPECT_EQ(view.planes, 2u);
    EXPECT_EQ(view.tiles, 3u);
    EXPECT_FALSE(view.on_cuda);
    const HostNetworkInput tiles = propagator->download_network_input();
    ASSERT_EQ(tiles.f32.size(), 2u * 3u * 32u * 32u);
    // The view is host memory on these backends: what it points at is what was downloaded.
    EXPECT_EQ(std::memcmp(view.data, tiles.f32.data(), tiles.f32.size() * sizeof(float)), 0);
    for (std::size_t p = 0; p < 2; ++p) {
      for (std::size_t t = 0; t < 3; ++t) {
        for (std::size_t tx = 0; tx < 32; tx += 5) {
          for (std::size_t ty = 0; ty < 32; ty += 3) {
            const auto& origin = layout.tile_origins[t];
            const float amplitude = batch.amplitude_plane(p).at(origin[0] + tx, origin[1] + ty);
            const float value = tiles.f32[((p * 3 + t) * 32 + tx) * 32 + ty];
            ASSERT_NEAR(value, (amplitude - 1.0f) * 4.0f, 1e-5);
          }
        }
      }
    }
    layout.float16 = true;
    propagator->set_network_input(layout);
    propagator->propagate(planes, kNetworkInput, batch);
    const HostNetworkInput half = propagator->download_network_input();
    EXPECT_EQ(half.f16.size(), 2u * 3u * 32u * 32u);
    EXPECT_TRUE(half.f32.empty());
    EXPECT_TRUE(propagator->network_input().float16);
    EXPECT_EQ(half.f16[5], detail::float_to_half_bits(tiles.f32[5]));

    // A propagate() without kNetworkInput leaves no tiles to read.
    propagator->propagate(planes, kAmplitude, batch);
    EXPECT_EQ(propagator->network_input().planes, 0u);

    layout.tile_origins = {{70, 0}};  // 70 + 32 > 96
    EXPECT_THROW(propagator->set_network_input(layout), Error);
  }
}

TEST(NetworkInput, FullFrameWhenNoTilesAreGiven) {
  const std::size_t nx = 40, ny = 24;
  for (Backend backend : {Backend::kCpu, Backend::kCpuKernels}) {
    SCOPED_TRACE(backend_name(backend));
    auto propagator = propagator_with_hologram(nx, ny, backend);
    PlaneBatch batch;
    const double planes[] = {0.05};
    propagator->propagate(planes, kAmplitude | kNetworkInput, batch);
    const HostNetworkInput tiles = propagator->download_network_input();
    ASSERT_EQ(tiles.f32.size(), nx * ny);
    for (std::size_t k = 0; k < nx * ny; ++k) {
      ASSERT_NEAR(tiles.f32[k], batch.amplitude[k], 1e-6);
    }
  }
}

TEST(HalfFloat, ConvertsLikeIeeeBinary16) {
  using detail::float_to_half_bits;
  EXPECT_EQ(float_to_half_bits(0.0f), 0x0000);
  EXPECT_EQ(float_to_half_bits(-0.0f), 0x8000);
  EXPECT_EQ(float_to_half_bits(1.0f), 0x3c00);
  EXPECT_EQ(float_to_half_bits(-2.0f), 0xc000);
  EXPECT_EQ(float_to_half_bits(0.5f), 0x3800);
  EXPECT_EQ(float_to_half_bits(1.0f / 3.0f), 0x3555);
  EXPECT_EQ(float_to_half_bits(65504.0f), 0x7bff);                      // largest finite half
  EXPECT_EQ(float_to_half_bits(65520.0f), 0x7c00);                      // rounds up to infinity
  EXPECT_EQ(float_to_half_bits(std::ldexp(1.0f, -14)), 0x0400);         // smallest normal
  EXPECT_EQ(float_to_half_bits(std::ldexp(1.0f, -24)), 0x0001);         // smallest subnormal
  EXPECT_EQ(float_to_half_bits(std::ldexp(1.0f, -25)), 0x0000);         // ties to even: zero
  EXPECT_EQ(float_to_half_bits(1.0f + std::ldexp(1.0f, -11)), 0x3c00);  // tie to even, down
  EXPECT_EQ(float_to_half_bits(std::numeric_limits<float>::infinity()), 0x7c00);
  EXPECT_EQ(float_to_half_bits(std::numeric_limits<float>::quiet_NaN()) & 0x7e00, 0x7e00);
}

}  // namespace
}  // namespace holodet::propagate
