#pragma once
// The angular-spectrum formulas, written once for the CPU and CUDA propagators and the
// hologram simulator (HOLODET_HOST_DEVICE compiles them for host and device).
//
// E_z = IFFT(FFT(E_0) · H_z),  H_z(fx, fy) = exp(i·2π·z·sqrt(1/λ² − fx² − fy²))
// (Goodman, Introduction to Fourier Optics, 3rd ed., eq. 3-74), evanescent part (f² ≥ 1/λ²)
// zeroed. We split H_z = exp(i·2π·z/λ) · exp(i·2π·z·g(f)) with
//   g(f) = sqrt(1/λ² − f²) − 1/λ = −f² / (sqrt(1/λ² − f²) + 1/λ),
// the second form free of the cancellation that ruins the first in float: z/λ reaches 4.5e5
// cycles at HOLODEC depths, z·g(f) only about 800. The first factor, the carrier, is one
// complex constant per plane.
//
// Band limit (Matsushima & Shimobaba, Opt. Express 17, 19662 (2009), eq. 13): on a grid of
// P samples of pitch Δ, frequencies beyond
//   f_limit = 1 / (λ · sqrt((2·z/(P·Δ))² + 1))
// along that axis alias at distance z and are zeroed.

#include <cmath>
#include <cstddef>

#if defined(__CUDACC__)
#define HOLODET_HOST_DEVICE __host__ __device__
#else
#define HOLODET_HOST_DEVICE
#endif

namespace holodet::propagate {

// Frequency (1/m) of FFT bin k on an axis of n samples with pitch `pitch_m` (bins past n/2 are
// the negative frequencies).
HOLODET_HOST_DEVICE inline double fft_frequency(std::size_t k, std::size_t n, double pitch_m) {
  const double signed_k =
      k < (n + 1) / 2 ? static_cast<double>(k) : static_cast<double>(k) - static_cast<double>(n);
  return signed_k / (static_cast<double>(n) * pitch_m);
}

// g(f) in cycles per metre (≤ 0), or a positive value when the frequency is evanescent.
HOLODET_HOST_DEVICE inline double phase_rate(double fx, double fy, double inverse_wavelength) {
  const double f2 = fx * fx + fy * fy;
  const double k2 = inverse_wavelength * inverse_wavelength - f2;
  if (k2 <= 0) {
    return 1.0;  // evanescent: the caller zeroes it
  }
  return -f2 / (sqrt(k2) + inverse_wavelength);
}

HOLODET_HOST_DEVICE inline double band_limit(double z_m, std::size_t n, double pitch_m,
                                             double wavelength_m) {
  const double ratio = 2.0 * z_m / (static_cast<double>(n) * pitch_m);
  return 1.0 / (wavelength_m * sqrt(ratio * ratio + 1.0));
}

}  // namespace holodet::propagate
