// The CUDA backend against the CPU oracle, on random inputs; skips without a usable GPU
// (fails instead under HOLODET_REQUIRE_GPU=1).
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "holodet/core/devices.h"
#include "holodet/core/error.h"
#include "holodet/propagate/plane_set.h"
#include "holodet/propagate/propagator.h"
#include "propagation_fixtures.h"
#include "support/gpu_test.h"

namespace holodet::propagate {
namespace {

double relative_l2(const float* a, const float* b, std::size_t n) {
  double difference = 0, reference = 0;
  for (std::size_t k = 0; k < n; ++k) {
    difference += (double(a[k]) - b[k]) * (double(a[k]) - b[k]);
    reference += double(b[k]) * b[k];
  }
  return std::sqrt(difference / reference);
}

void compare_backends(std::size_t nx, std::size_t ny, FieldMode mode, std::size_t planes_count,
                      std::size_t batch) {
  const DeviceInventory inventory = probe_devices();
  std::mt19937 generator(static_cast<unsigned>(nx * 31 + ny));
  std::uniform_real_distribution<float> counts_noise(60.0f, 200.0f);
  std::vector<float> counts(nx * ny);
  for (float& value : counts) {
    value = counts_noise(generator);
  }
  PropagatorOptions options;
  options.size_x = nx;
  options.size_y = ny;
  options.settings.field = mode;
  options.max_batch = batch;
  auto cpu = make_propagator(options);
  options.backend = Backend::kCuda;
  options.cuda_device = inventory.devices.front().index;
  auto gpu = make_propagator(options);
  cpu->set_hologram({std::span<const float>(counts), nx, ny});
  gpu->set_hologram({std::span<const float>(counts), nx, ny});
  const std::vector<double> z = holodec_planes(planes_count, 0.014, 0.158);
  PlaneBatch expected, actual;
  cpu->propagate(z, kAmplitude | kPhase | kField, expected);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  actual.amplitude.assign(expected.amplitude.size(), nan);  // unwritten elements stay NaN
  gpu->propagate(z, kAmplitude | kField, actual);
  const std::size_t pixels = nx * ny;
  for (std::size_t p = 0; p < z.size(); ++p) {
    const float* a = actual.amplitude.data() + p * pixels;
    for (std::size_t k = 0; k < pixels; ++k) {
      ASSERT_TRUE(std::isfinite(a[k])) << "plane " << p << " element " << k << " not written";
    }
    EXPECT_LT(relative_l2(a, expected.amplitude.data() + p * pixels, pixels), 1e-4)
        << "plane " << p;
    const auto* af = reinterpret_cast<const float*>(actual.field.data() + p * pixels);
    const auto* ef = reinterpret_cast<const float*>(expected.field.data() + p * pixels);
    EXPECT_LT(relative_l2(af, ef, 2 * pixels), 1e-4) << "plane " << p;
  }
}

TEST(CudaPropagator, MatchesTheCpuOnRandomHolograms) {
  const DeviceInventory inventory = probe_devices();
  HOLODET_SKIP_WITHOUT_GPU(inventory);
  compare_backends(256, 192, FieldMode::kSqrtNormalised, 7, 3);  // a partial last batch
  compare_backends(609, 406, FieldMode::kCounts, 5, 8);          // padded, non-square
}

TEST(CudaPropagator, NetworkTilesMatchTheCpu) {
  const DeviceInventory inventory = probe_devices();
  HOLODET_SKIP_WITHOUT_GPU(inventory);
  const std::size_t nx = 1100, ny = 700;
  std::vector<float> counts(nx * ny);
  std::mt19937 generator(3);
  std::uniform_real_distribution<float> noise(60.0f, 200.0f);
  for (float& value : counts) {
    value = noise(generator);
  }
  PropagatorOptions options;
  options.size_x = nx;
  options.size_y = ny;
  NetworkInputLayout layout;
  layout.tile_size = 512;
  layout.tile_origins = {{0, 0}, {588, 188}, {300, 100}};
  layout.offset = 1.0f;
  layout.scale = 2.0f;
  auto cpu = make_propagator(options);
  options.backend = Backend::kCuda;
  options.cuda_device = inventory.devices.front().index;
  auto gpu = make_propagator(options);
  const std::vector<double> z = {0.03, 0.07, 0.12};
  PlaneBatch expected, actual;
  for (bool half : {false, true}) {
    layout.float16 = half;
    cpu->set_network_input(layout);
    gpu->set_network_input(layout);
    cpu->set_hologram({std::span<const float>(counts), nx, ny});
    gpu->set_hologram({std::span<const float>(counts), nx, ny});
    cpu->propagate(z, kNetworkInput, expected);
    gpu->propagate(z, kNetworkInput, actual);
    if (!half) {
      EXPECT_LT(relative_l2(actual.network_input_f32.data(), expected.network_input_f32.data(),
                            expected.network_input_f32.size()),
                1e-4);
    } else {
      ASSERT_EQ(actual.network_input_f16.size(), expected.network_input_f16.size());
      std::size_t differing = 0;
      for (std::size_t k = 0; k < expected.network_input_f16.size(); ++k) {
        // One unit in the last place either way: the two sides round slightly different floats.
        differing +=
            std::abs(int(actual.network_input_f16[k]) - int(expected.network_input_f16[k])) > 1;
      }
      EXPECT_EQ(differing, 0u);
    }
  }
}

TEST(CudaPropagator, MatchesTheCpuAtFullHolodecSize) {
  const DeviceInventory inventory = probe_devices();
  HOLODET_SKIP_WITHOUT_GPU(inventory);
  compare_backends(4872, 3248, FieldMode::kSqrtNormalised, 4, 4);
}

TEST(CudaPropagator, IsRefusedClearlyWhereUnavailable) {
  const DeviceInventory inventory = probe_devices();
  if (!inventory.devices.empty()) {
    GTEST_SKIP() << "a GPU is usable here";
  }
  PropagatorOptions options;
  options.size_x = 64;
  options.size_y = 64;
  options.backend = Backend::kCuda;
  EXPECT_THROW(make_propagator(options), Error);
}

}  // namespace
}  // namespace holodet::propagate
