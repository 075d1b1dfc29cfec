#pragma once
// Private to propagate/: the bodies of the angular-spectrum kernels, one work item each,
// written once and compiled twice: by nvcc inside the CUDA kernels (cuda/angular_spectrum_
// kernels.cu, a grid-stride loop per kernel) and by the host compiler inside the cpu-kernels
// launchers (src/host_kernels.cc, an OpenMP loop over the same index space). What differs
// between the two is confined to the three helpers below (sincos, half rounding), each with
// a CUDA and a host branch; the tests check both branches' results against the CPU oracle.
//
// The transfer function is computed on the fly from the bin's frequencies with the formulas
// of holodet/propagate/angular_spectrum.h: nothing is stored per plane, and each spectrum
// value is read once per batch.

#include <cmath>

#if defined(__CUDACC__)
#include <cuda_fp16.h>
#endif

#include "half_float.h"
#include "holodet/propagate/angular_spectrum.h"
#include "holodet/propagate/network_normalisation.h"
#include "kernel_types.h"

namespace holodet::propagate::detail {

// sin and cos of 2π·turns, |turns| ≤ 1/2.
HOLODET_KERNEL_FN void sincos_turns_kernel(float turns, float* sine, float* cosine) {
#if defined(__CUDA_ARCH__)
  sincospif(2.0f * turns, sine, cosine);
#else
  const double angle = 2.0 * 3.14159265358979323846 * static_cast<double>(turns);
  *sine = static_cast<float>(std::sin(angle));
  *cosine = static_cast<float>(std::cos(angle));
#endif
}

// IEEE binary16 bits, rounded to nearest even on both sides.
HOLODET_KERNEL_FN unsigned short half_bits(float value) {
#if defined(__CUDA_ARCH__)
  return __half_as_ushort(__float2half_rn(value));
#else
  return float_to_half_bits(value);
#endif
}

HOLODET_KERNEL_FN float frequency_of_bin(int k, int n, double pitch_m) {
  return static_cast<float>(
      fft_frequency(static_cast<std::size_t>(k), static_cast<std::size_t>(n), pitch_m));
}

HOLODET_KERNEL_FN Complex32 multiply(Complex32 a, Complex32 b) {
  return {a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x};
}

// Bin k (of padded_x · padded_y): work[b][k] = spectrum[k] · H_{z_b}(k) for every plane b of
// the batch.
HOLODET_KERNEL_FN void transfer_function_bin(long long k, const Complex32* spectrum,
                                             Complex32* work, const FrequencyGrid& grid,
                                             const BatchConstants& constants) {
  const long long bins = static_cast<long long>(grid.padded_x) * grid.padded_y;
  const int kx = static_cast<int>(k / grid.padded_y);
  const int ky = static_cast<int>(k % grid.padded_y);
  const float fx = frequency_of_bin(kx, grid.padded_x, grid.pitch_x_m);
  const float fy = frequency_of_bin(ky, grid.padded_y, grid.pitch_y_m);
  // g(f) = −f² / (sqrt(1/λ² − f²) + 1/λ): cancellation-free, so float suffices.
  const float inverse_wavelength = static_cast<float>(grid.inverse_wavelength);
  const float f2 = fx * fx + fy * fy;
  const float k2 = inverse_wavelength * inverse_wavelength - f2;
  const bool evanescent = k2 <= 0.0f;
  const float rate = evanescent ? 0.0f : -f2 / (sqrtf(k2) + inverse_wavelength);
  const Complex32 s = spectrum[k];
  for (int b = 0; b < constants.count; ++b) {
    Complex32 value{0.0f, 0.0f};
    if (!evanescent && fabsf(fx) <= constants.limit_x[b] && fabsf(fy) <= constants.limit_y[b]) {
      float cycles = constants.z_m[b] * rate;
      cycles -= rintf(cycles);
      float sine, cosine;
      sincos_turns_kernel(cycles, &sine, &cosine);
      value = multiply(s, Complex32{cosine, sine});
    }
    work[b * bins + k] = value;
  }
}

// |E| of a padded-frame value w on a plane whose output factor is f: what every output that
// reads the amplitude computes, so the projection and the amplitude plane agree to the bit.
HOLODET_KERNEL_FN float plane_amplitude(Complex32 w, Complex32 f) {
  const Complex32 value = multiply(w, f);
  return hypotf(value.x, value.y);
}

// Output value `index` of plane b = index / pixels: work[b][padded pixel] · factor[b], to the
// outputs that were asked for ([b][x][y], size_x · size_y per plane).
HOLODET_KERNEL_FN void crop_output(long long index, const Complex32* work, const CropLayout& layout,
                                   const BatchConstants& constants, const CropTargets& targets) {
  const long long pixels = static_cast<long long>(layout.size_x) * layout.size_y;
  const long long padded = static_cast<long long>(layout.padded_x) * layout.padded_y;
  const int b = static_cast<int>(index / pixels);
  const long long pixel = index % pixels;
  const int i = static_cast<int>(pixel / layout.size_y);
  const int j = static_cast<int>(pixel % layout.size_y);
  const Complex32 w =
      work[b * padded + static_cast<long long>(i + layout.offset_x) * layout.padded_y +
           (j + layout.offset_y)];
  const Complex32 value = multiply(w, constants.factor[b]);
  if (targets.field != nullptr) {
    targets.field[index] = value;
  }
  if (targets.amplitude != nullptr) {
    targets.amplitude[index] = plane_amplitude(w, constants.factor[b]);
  }
  if (targets.phase != nullptr) {
    targets.phase[index] = atan2f(value.y, value.x);
  }
}

// Network-input value `index` of [plane b][tile t][tx][ty]: the normalised amplitude at the
// tile's pixel (origins[t] in hologram pixels), as float32 or IEEE half.
HOLODET_KERNEL_FN void gather_tile_value(long long index, const Complex32* work,
                                         const CropLayout& layout, const BatchConstants& constants,
                                         const Index2* origins, const TileGather& gather,
                                         const TileTargets& targets) {
  const long long tile_values = static_cast<long long>(gather.tile_x) * gather.tile_y;
  const long long padded = static_cast<long long>(layout.padded_x) * layout.padded_y;
  const long long plane_tile = index / tile_values;
  const int b = static_cast<int>(plane_tile / gather.tiles);
  const int t = static_cast<int>(plane_tile % gather.tiles);
  const long long within = index % tile_values;
  const int tx = static_cast<int>(within / gather.tile_y);
  const int ty = static_cast<int>(within % gather.tile_y);
  const Index2 origin = origins[t];
  const Complex32 w =
      work[b * padded + static_cast<long long>(layout.offset_x + origin.x + tx) * layout.padded_y +
           (layout.offset_y + origin.y + ty)];
  const Complex32 f = constants.factor[b];
  const float amplitude = hypotf(f.x, f.y) * hypotf(w.x, w.y);
  const float value = normalised_input(amplitude, gather.offset, gather.scale);
  if (targets.f32 != nullptr) {
    targets.f32[index] = value;
  } else {
    targets.f16[index] = half_bits(value);
  }
}

// Hologram pixel `index` (of size_x · size_y): folds the batch's planes, in order, into the
// running projection. Strictly less, so on ties the nearer (earlier) plane keeps the pixel.
HOLODET_KERNEL_FN void fold_minimum_pixel(long long index, const Complex32* work,
                                          const CropLayout& layout, const BatchConstants& constants,
                                          const ProjectionTargets& targets) {
  const long long padded = static_cast<long long>(layout.padded_x) * layout.padded_y;
  const int i = static_cast<int>(index / layout.size_y);
  const int j = static_cast<int>(index % layout.size_y);
  const long long at =
      static_cast<long long>(i + layout.offset_x) * layout.padded_y + (j + layout.offset_y);
  float minimum = targets.minimum[index];
  float depth = targets.depth_m[index];
  for (int b = 0; b < constants.count; ++b) {
    const float amplitude = plane_amplitude(work[b * padded + at], constants.factor[b]);
    if (amplitude < minimum) {
      minimum = amplitude;
      depth = constants.z_m[b];
    }
  }
  targets.minimum[index] = minimum;
  targets.depth_m[index] = depth;
}

// Pixel `index` of a new projection: no plane yet (minimum +inf, depth NaN).
HOLODET_KERNEL_FN void reset_minimum_pixel(long long index, const ProjectionTargets& targets) {
  targets.minimum[index] = INFINITY;
  targets.depth_m[index] = NAN;
}

HOLODET_KERNEL_FN void real_to_complex_value(long long k, const float* real, Complex32* values) {
  values[k] = Complex32{real[k], 0.0f};
}

}  // namespace holodet::propagate::detail
