// Each kernel body, run by its host launcher (the cpu-kernels execution), against an oracle
// written here in double precision from the formulas of angular_spectrum.h and
// network_normalisation.h, with the tolerance each states. The CUDA launchers run the same
// bodies (gpu_propagator_test.cc compares the CUDA backend on a GPU).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <vector>

#include "holodet/propagate/angular_spectrum.h"
#include "host_kernels.h"
#include "kernels/half_float.h"
#include "kernels/kernel_types.h"

namespace holodet::propagate::detail {
namespace {

std::vector<Complex32> random_complex(std::size_t n, unsigned seed) {
  std::mt19937 generator(seed);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<Complex32> values(n);
  for (Complex32& v : values) {
    v = {noise(generator), noise(generator)};
  }
  return values;
}

constexpr double kWavelength = 355e-9;
constexpr double kPitch = 2.96e-6;

TEST(KernelBodies, TransferFunctionMatchesTheFormulaInDouble) {
  const int px = 96, py = 70;
  const std::vector<Complex32> spectrum = random_complex(std::size_t(px) * py, 1);
  const FrequencyGrid grid{px, py, kPitch, kPitch * 1.5, 1.0 / kWavelength};
  BatchConstants constants;
  constants.count = 3;
  const double depths[] = {0.014, 0.08, 0.158};
  for (int b = 0; b < 3; ++b) {
    constants.z_m[b] = static_cast<float>(depths[b]);
    constants.limit_x[b] = static_cast<float>(band_limit(depths[b], px, kPitch, kWavelength));
    constants.limit_y[b] =
        b == 2 ? INFINITY
               : static_cast<float>(band_limit(depths[b], py, kPitch * 1.5, kWavelength));
  }
  std::vector<Complex32> work(spectrum.size() * 3, Complex32{NAN, NAN});
  host_kernels::apply_transfer_function(spectrum.data(), work.data(), grid, constants, 2);
  std::size_t zeroed = 0;
  for (int b = 0; b < 3; ++b) {
    for (int kx = 0; kx < px; ++kx) {
      for (int ky = 0; ky < py; ++ky) {
        const std::size_t k = std::size_t(kx) * py + ky;
        const double fx = fft_frequency(kx, px, kPitch), fy = fft_frequency(ky, py, kPitch * 1.5);
        const double rate = phase_rate(fx, fy, 1.0 / kWavelength);
        std::complex<double> expected = 0;
        const bool kept = rate <= 0 && std::abs(fx) <= constants.limit_x[b] &&
                          std::abs(fy) <= constants.limit_y[b];
        if (kept) {
          const double angle = 2 * std::numbers::pi * depths[b] * rate;
          expected = std::complex<double>(spectrum[k].x, spectrum[k].y) *
                     std::complex<double>(std::cos(angle), std::sin(angle));
        } else {
          ++zeroed;
        }
        const Complex32 got = work[b * spectrum.size() + k];
        // float z · g(f): at most ~1e-4 cycles of phase at these depths.
        ASSERT_NEAR(got.x, expected.real(), 2e-3 * (1 + std::abs(expected))) << b << " " << k;
        ASSERT_NEAR(got.y, expected.imag(), 2e-3 * (1 + std::abs(expected))) << b << " " << k;
      }
    }
  }
  EXPECT_GT(zeroed, 0u);  // the band limit bit somewhere
}

TEST(KernelBodies, CropWritesEachRequestedOutput) {
  const CropLayout layout{5, 4, 8, 7, 2, 1};
  BatchConstants constants;
  constants.count = 2;
  constants.factor[0] = {0.5f, 0.0f};
  constants.factor[1] = {0.0f, 2.0f};
  const std::vector<Complex32> work = random_complex(2 * 8 * 7, 2);
  std::vector<Complex32> field(2 * 5 * 4);
  std::vector<float> amplitude(field.size()), phase(field.size());
  host_kernels::crop_outputs(work.data(), layout, constants,
                             {field.data(), amplitude.data(), phase.data()}, 2);
  for (int b = 0; b < 2; ++b) {
    for (int i = 0; i < 5; ++i) {
      for (int j = 0; j < 4; ++j) {
        const Complex32 w = work[b * 56 + (i + 2) * 7 + (j + 1)];
        const std::complex<double> expected =
            std::complex<double>(w.x, w.y) *
            std::complex<double>(constants.factor[b].x, constants.factor[b].y);
        const std::size_t k = std::size_t(b) * 20 + i * 4 + j;
        EXPECT_NEAR(field[k].x, expected.real(), 1e-6);
        EXPECT_NEAR(field[k].y, expected.imag(), 1e-6);
        EXPECT_NEAR(amplitude[k], std::abs(expected), 1e-6);
        EXPECT_NEAR(phase[k], std::arg(expected), 1e-5);
      }
    }
  }
  // Only the amplitude: the others are not touched.
  std::vector<float> only(field.size(), -1.0f);
  host_kernels::crop_outputs(work.data(), layout, constants, {nullptr, only.data(), nullptr}, 1);
  EXPECT_EQ(only, amplitude);
}

TEST(KernelBodies, GatherNormalisesTheTilesInFloatAndHalf) {
  const CropLayout layout{10, 9, 12, 11, 1, 2};
  BatchConstants constants;
  constants.count = 2;
  constants.factor[0] = {0.25f, 0.0f};
  constants.factor[1] = {0.0f, -0.5f};
  const std::vector<Complex32> work = random_complex(2 * 12 * 11, 3);
  const std::vector<Index2> origins = {{0, 0}, {6, 5}, {3, 1}};
  const TileGather gather{4, 4, 3, 0.2f, 3.0f};
  std::vector<float> f32(2 * 3 * 16);
  std::vector<unsigned short> f16(f32.size());
  host_kernels::gather_network_tiles(work.data(), layout, constants, origins.data(), gather,
                                     {f32.data(), nullptr}, 2);
  host_kernels::gather_network_tiles(work.data(), layout, constants, origins.data(), gather,
                                     {nullptr, f16.data()}, 2);
  for (int b = 0; b < 2; ++b) {
    for (int t = 0; t < 3; ++t) {
      for (int tx = 0; tx < 4; ++tx) {
        for (int ty = 0; ty < 4; ++ty) {
          const Complex32 w =
              work[b * 132 + (1 + origins[t].x + tx) * 11 + (2 + origins[t].y + ty)];
          const double amplitude =
              std::abs(std::complex<double>(w.x, w.y)) *
              std::abs(std::complex<double>(constants.factor[b].x, constants.factor[b].y));
          const double expected = (amplitude - 0.2) * 3.0;
          const std::size_t k = ((std::size_t(b) * 3 + t) * 4 + tx) * 4 + ty;
          EXPECT_NEAR(f32[k], expected, 1e-5);
          EXPECT_EQ(f16[k], float_to_half_bits(f32[k]));
        }
      }
    }
  }
}

TEST(KernelBodies, FoldKeepsTheLeastAmplitudeAndTheNearerPlaneOnTies) {
  const CropLayout layout{6, 5, 9, 8, 2, 1};
  const std::size_t pixels = 30, padded = 72;
  BatchConstants constants;
  constants.count = 3;
  for (int b = 0; b < 3; ++b) {
    constants.z_m[b] = 0.02f * static_cast<float>(b + 1);
    constants.factor[b] = {0.5f, 0.0f};
  }
  std::vector<Complex32> work = random_complex(3 * padded, 4);
  // Pixel 0: planes 1 and 2 tie at the least value; the nearer, plane 1, must keep it.
  const std::size_t at = (0 + 2) * 8 + (0 + 1);
  work[0 * padded + at] = {4.0f, 0.0f};
  work[1 * padded + at] = {0.0f, 1.0f};
  work[2 * padded + at] = {-1.0f, 0.0f};
  std::vector<float> minimum(pixels, 7.0f), depth(pixels, 5.0f);
  host_kernels::reset_minimum({minimum.data(), depth.data()}, pixels, 2);
  for (std::size_t k = 0; k < pixels; ++k) {
    ASSERT_TRUE(std::isinf(minimum[k]) && minimum[k] > 0);
    ASSERT_TRUE(std::isnan(depth[k]));
  }
  host_kernels::fold_minimum(work.data(), layout, constants, {minimum.data(), depth.data()}, 2);
  EXPECT_EQ(minimum[0], 0.5f);
  EXPECT_EQ(depth[0], constants.z_m[1]);
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 5; ++j) {
      double least = INFINITY;
      float where = NAN;
      for (int b = 0; b < 3; ++b) {
        const Complex32 w = work[b * padded + (i + 2) * 8 + (j + 1)];
        const double amplitude = 0.5 * std::abs(std::complex<double>(w.x, w.y));
        if (amplitude < least) {
          least = amplitude;
          where = constants.z_m[b];
        }
      }
      EXPECT_NEAR(minimum[i * 5 + j], least, 1e-6);
      EXPECT_EQ(depth[i * 5 + j], where);
    }
  }
  // A second batch folds into the first: only a smaller amplitude moves a pixel.
  constants.count = 1;
  constants.z_m[0] = 0.1f;
  std::vector<Complex32> zero(padded, Complex32{0.0f, 0.0f});
  host_kernels::fold_minimum(zero.data(), layout, constants, {minimum.data(), depth.data()}, 1);
  EXPECT_EQ(minimum[7], 0.0f);
  EXPECT_EQ(depth[7], 0.1f);
}

TEST(KernelBodies, RealToComplexWidensEveryValue) {
  std::vector<float> real(1001);
  for (std::size_t k = 0; k < real.size(); ++k) {
    real[k] = static_cast<float>(k) * 0.5f - 3.0f;
  }
  std::vector<Complex32> values(real.size(), Complex32{NAN, NAN});
  host_kernels::real_to_complex(real.data(), values.data(), real.size(), 2);
  for (std::size_t k = 0; k < real.size(); ++k) {
    ASSERT_EQ(values[k].x, real[k]);
    ASSERT_EQ(values[k].y, 0.0f);
  }
}

}  // namespace
}  // namespace holodet::propagate::detail
