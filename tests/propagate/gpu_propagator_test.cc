// The GPU backend against the CPU oracle, on random inputs, run twice: with its kernels on the
// host (Backend::kCpuKernels, every CI run: the CUDA backend's own batching, staging and
// kernel bodies, FFTW for cuFFT) and on CUDA (skips without a usable GPU; fails instead under
// HOLODET_REQUIRE_GPU=1).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "holodet/core/devices.h"
#include "holodet/core/error.h"
#include "holodet/propagate/min_projection.h"
#include "holodet/propagate/plane_set.h"
#include "holodet/propagate/propagator.h"
#include "kernels/half_float.h"
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

std::vector<float> random_counts(std::size_t nx, std::size_t ny, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> noise(60.0f, 200.0f);
  std::vector<float> counts(nx * ny);
  for (float& value : counts) {
    value = noise(generator);
  }
  return counts;
}

// IEEE binary16 bits to float (finite values).
float half_to_float(std::uint16_t bits) {
  const int exponent = (bits >> 10) & 0x1f;
  const int mantissa = bits & 0x3ff;
  const float magnitude = exponent == 0 ? std::ldexp(float(mantissa), -24)
                                        : std::ldexp(float(mantissa | 0x400), exponent - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

class GpuBackend : public ::testing::TestWithParam<Backend> {
 protected:
  // Options for the backend under test; skips a CUDA run where no device is usable.
  PropagatorOptions options_for(std::size_t nx, std::size_t ny) {
    PropagatorOptions options;
    options.size_x = nx;
    options.size_y = ny;
    options.backend = GetParam();
    options.fft_planning = FftPlanning::kEstimate;
    if (GetParam() == Backend::kCuda) {
      const DeviceInventory inventory = probe_devices();
      if (inventory.devices.empty()) {
        skip_reason_ = inventory.unavailable_reason;
        return options;
      }
      options.cuda_device = inventory.devices.front().index;
    }
    return options;
  }
  std::string skip_reason_;
};

#define HOLODET_SKIP_IF_NO_DEVICE()                                               \
  do {                                                                            \
    if (!skip_reason_.empty()) {                                                  \
      if (::holodet::test::gpu_required()) {                                      \
        FAIL() << "HOLODET_REQUIRE_GPU=1 but no usable device: " << skip_reason_; \
      }                                                                           \
      GTEST_SKIP() << "no usable CUDA device: " << skip_reason_;                  \
    }                                                                             \
  } while (false)

// Every host output of `propagate` (field, amplitude, phase) against the CPU propagator.
void compare_outputs(PropagatorOptions options, FieldMode mode, std::size_t planes_count,
                     std::size_t batch) {
  const std::size_t nx = options.size_x, ny = options.size_y;
  const std::vector<float> counts = random_counts(nx, ny, static_cast<unsigned>(nx * 31 + ny));
  options.settings.field = mode;
  options.max_batch = batch;
  PropagatorOptions cpu_options = options;
  cpu_options.backend = Backend::kCpu;
  auto cpu = make_propagator(cpu_options);
  auto gpu = make_propagator(options);
  EXPECT_EQ(gpu->max_batch(), batch);
  cpu->set_hologram({std::span<const float>(counts), nx, ny});
  gpu->set_hologram({std::span<const float>(counts), nx, ny});
  const std::vector<double> z = holodec_planes(planes_count, 0.014, 0.158);
  PlaneBatch expected, actual;
  cpu->propagate(z, kAmplitude | kPhase | kField, expected);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  actual.amplitude.assign(expected.amplitude.size(), nan);  // unwritten elements stay NaN
  gpu->propagate(z, kAmplitude | kPhase | kField, actual);
  const std::size_t pixels = nx * ny;
  ASSERT_EQ(actual.phase.size(), expected.phase.size());
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
    // The phase where the field is not tiny (there it is noise either way), wrapped.
    std::size_t off = 0;
    for (std::size_t k = 0; k < pixels; ++k) {
      if (expected.amplitude[p * pixels + k] < 1e-2f * expected.amplitude[p * pixels]) {
        continue;
      }
      double difference = actual.phase[p * pixels + k] - expected.phase[p * pixels + k];
      difference -= 2 * M_PI * std::round(difference / (2 * M_PI));
      off += std::abs(difference) > 1e-3;
    }
    EXPECT_LT(off, pixels / 1000 + 1) << "plane " << p;
  }
}

TEST_P(GpuBackend, MatchesTheCpuOnRandomHolograms) {
  PropagatorOptions options = options_for(256, 192);
  HOLODET_SKIP_IF_NO_DEVICE();
  compare_outputs(options, FieldMode::kSqrtNormalised, 7, 3);  // a partial last batch
  options = options_for(609, 406);
  compare_outputs(options, FieldMode::kCounts, 5, 8);  // padded, non-square
}

TEST_P(GpuBackend, NetworkTilesMatchTheCpu) {
  const std::size_t nx = 1100, ny = 700;
  PropagatorOptions options = options_for(nx, ny);
  HOLODET_SKIP_IF_NO_DEVICE();
  const std::vector<float> counts = random_counts(nx, ny, 3);
  options.max_batch = 2;  // three planes: the tiles of two batches land in one buffer
  NetworkInputLayout layout;
  layout.tile_size = 512;
  layout.tile_origins = {{0, 0}, {588, 188}, {300, 100}};
  layout.offset = 1.0f;
  layout.scale = 2.0f;
  PropagatorOptions cpu_options = options;
  cpu_options.backend = Backend::kCpu;
  auto cpu = make_propagator(cpu_options);
  auto gpu = make_propagator(options);
  const std::vector<double> z = {0.03, 0.07, 0.12};
  PlaneBatch expected, actual;
  for (bool half : {false, true}) {
    SCOPED_TRACE(half ? "float16" : "float32");
    layout.float16 = half;
    cpu->set_network_input(layout);
    gpu->set_network_input(layout);
    cpu->set_hologram({std::span<const float>(counts), nx, ny});
    gpu->set_hologram({std::span<const float>(counts), nx, ny});
    cpu->propagate(z, kNetworkInput, expected);
    gpu->propagate(z, kNetworkInput | kAmplitude, actual);
    EXPECT_EQ(half_to_float(0x3c00), 1.0f);
    EXPECT_EQ(half_to_float(0xc000), -2.0f);
    const NetworkInputView view = gpu->network_input();
    EXPECT_EQ(view.on_cuda, GetParam() == Backend::kCuda);
    EXPECT_EQ(view.planes, 3u);
    EXPECT_EQ(view.tiles, 3u);
    EXPECT_EQ(view.float16, half);
    const HostNetworkInput want = cpu->download_network_input();
    const HostNetworkInput got = gpu->download_network_input();
    if (!half) {
      ASSERT_EQ(got.f32.size(), want.f32.size());
      ASSERT_EQ(got.f32.size(), 3u * 3u * 512u * 512u);
      EXPECT_LT(relative_l2(got.f32.data(), want.f32.data(), want.f32.size()), 1e-4);
      // The tiles are the amplitude the same call wrote, normalised: one definition.
      const auto& origin = layout.tile_origins[1];
      const float amplitude = actual.amplitude_plane(2).at(origin[0] + 7, origin[1] + 9);
      EXPECT_NEAR(got.f32[((2 * 3 + 1) * 512 + 7) * 512 + 9], (amplitude - 1.0f) * 2.0f, 1e-4);
    } else {
      ASSERT_EQ(got.f16.size(), want.f16.size());
      std::size_t differing = 0;
      for (std::size_t k = 0; k < want.f16.size(); ++k) {
        // The two sides round slightly different floats (relative 1e-5 apart): one unit in the
        // half's last place, or, near zero where units shrink, 1e-4 apart in value.
        const float a = half_to_float(got.f16[k]), b = half_to_float(want.f16[k]);
        differing += std::abs(int(got.f16[k]) - int(want.f16[k])) > 1 && std::abs(a - b) > 1e-4f;
      }
      EXPECT_EQ(differing, 0u);
    }
  }
}

TEST_P(GpuBackend, SharesItsSpectrumWithTheCpuBackend) {
  const std::size_t nx = 200, ny = 150;
  PropagatorOptions options = options_for(nx, ny);
  HOLODET_SKIP_IF_NO_DEVICE();
  const std::vector<float> counts = random_counts(nx, ny, 11);
  PropagatorOptions cpu_options = options;
  cpu_options.backend = Backend::kCpu;
  auto cpu = make_propagator(cpu_options);
  auto gpu = make_propagator(options);
  EXPECT_THROW(gpu->spectrum(), Error);
  cpu->set_hologram({std::span<const float>(counts), nx, ny});
  const std::vector<std::complex<float>> spectrum = cpu->spectrum();
  gpu->set_spectrum(spectrum);
  const std::vector<std::complex<float>> back = gpu->spectrum();
  ASSERT_EQ(back.size(), spectrum.size());
  EXPECT_EQ(back[17], spectrum[17]);
  const double z[] = {0.05};
  PlaneBatch expected, actual;
  cpu->propagate(z, kAmplitude, expected);
  gpu->propagate(z, kAmplitude, actual);
  EXPECT_LT(relative_l2(actual.amplitude.data(), expected.amplitude.data(), nx * ny), 1e-4);
  // A complex field as it is: the plane at 5 cm, propagated back 5 cm, is the hologram's field.
  PlaneBatch field;
  cpu->propagate(z, kField, field);
  gpu->set_field({std::span<const std::complex<float>>(field.field), nx, ny});
  cpu->set_field({std::span<const std::complex<float>>(field.field), nx, ny});
  const double back_z[] = {-0.05};
  cpu->propagate(back_z, kAmplitude, expected);
  gpu->propagate(back_z, kAmplitude, actual);
  EXPECT_LT(relative_l2(actual.amplitude.data(), expected.amplitude.data(), nx * ny), 1e-4);
  EXPECT_THROW(gpu->set_spectrum(std::vector<std::complex<float>>(3)), Error);
  EXPECT_NE(gpu->description().find(GetParam() == Backend::kCuda ? "CUDA" : "cpu-kernels"),
            std::string::npos);
}

// Pass 1 of both detectors: the projection folded where the planes are, over two calls (a
// new hologram starts it afresh), against MinimumProjection::add() of the CPU's planes.
TEST_P(GpuBackend, FoldsTheMinimumProjectionWhereThePlanesAre) {
  const std::size_t nx = 300, ny = 220;
  PropagatorOptions options = options_for(nx, ny);
  HOLODET_SKIP_IF_NO_DEVICE();
  options.max_batch = 4;
  const std::vector<float> counts = random_counts(nx, ny, 21);
  PropagatorOptions cpu_options = options;
  cpu_options.backend = Backend::kCpu;
  auto cpu = make_propagator(cpu_options);
  auto gpu = make_propagator(options);
  const std::vector<double> z = holodec_planes(11, 0.014, 0.158);
  cpu->set_hologram({std::span<const float>(counts), nx, ny});
  PlaneBatch planes;
  cpu->propagate(z, kAmplitude, planes);
  MinimumProjection expected(nx, ny);
  for (std::size_t p = 0; p < z.size(); ++p) {
    expected.add(planes.amplitude_plane(p), z[p]);
  }
  // A projection left from another hologram must not leak into this one.
  const std::vector<float> dark(nx * ny, 1.0f);
  gpu->set_hologram({std::span<const float>(dark), nx, ny});
  PlaneBatch unused;
  gpu->propagate(std::span<const double>(z).first(3), kMinimumProjection, unused);
  gpu->set_hologram({std::span<const float>(counts), nx, ny});
  gpu->propagate(std::span<const double>(z).first(6), kMinimumProjection, unused);
  gpu->propagate(std::span<const double>(z).subspan(6), kMinimumProjection | kPhase, unused);
  EXPECT_TRUE(unused.amplitude.empty());
  const MinimumProjection got = gpu->minimum_projection();
  EXPECT_EQ(got.plane_count(), z.size());
  EXPECT_LT(relative_l2(got.minimum().data(), expected.minimum().data(), nx * ny), 1e-4);
  std::size_t other_depth = 0;
  for (std::size_t k = 0; k < nx * ny; ++k) {
    ASSERT_FALSE(std::isnan(got.depth_m()[k])) << k;
    other_depth += got.depth_m()[k] != expected.depth_m()[k];
  }
  // Only near-ties (two planes within float rounding) may pick another plane.
  EXPECT_LT(other_depth, nx * ny / 1000 + 1);
  // The CPU backend folds the same way, bit for bit with add().
  cpu->set_hologram({std::span<const float>(counts), nx, ny});
  cpu->propagate(z, kMinimumProjection, unused);
  EXPECT_EQ(cpu->minimum_projection().minimum(), expected.minimum());
  EXPECT_EQ(cpu->minimum_projection().depth_m(), expected.depth_m());
}

TEST_P(GpuBackend, MatchesTheCpuAtFullHolodecSize) {
  PropagatorOptions options = options_for(4872, 3248);
  HOLODET_SKIP_IF_NO_DEVICE();
  // On the host, two planes keep the run to seconds; on a GPU, a batch of four.
  const std::size_t planes = GetParam() == Backend::kCuda ? 4 : 2;
  compare_outputs(options, FieldMode::kSqrtNormalised, planes, planes);
}

INSTANTIATE_TEST_SUITE_P(Backends, GpuBackend,
                         ::testing::Values(Backend::kCpuKernels, Backend::kCuda),
                         [](const ::testing::TestParamInfo<Backend>& param) {
                           return param.param == Backend::kCuda ? "cuda" : "cpu_kernels";
                         });

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
