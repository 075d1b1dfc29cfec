#pragma once
// Private to propagate/: turning camera counts into the padded real field whose spectrum both
// backends propagate. Host code, shared by the CPU and CUDA backends (a one-off per hologram).

#include <algorithm>
#include <complex>
#include <cstddef>
#include <vector>

#include "holodet/core/frame.h"
#include "holodet/propagate/propagator.h"

namespace holodet::propagate::detail {

struct PaddedGeometry {
  std::size_t size_x = 0;  // the hologram
  std::size_t size_y = 0;
  std::size_t padded_x = 0;  // the transform, 7-smooth
  std::size_t padded_y = 0;
  std::size_t offset_x = 0;  // where the hologram sits in the padded frame (centred)
  std::size_t offset_y = 0;
};

PaddedGeometry padded_geometry(std::size_t size_x, std::size_t size_y, std::size_t min_padding_px);

// A separable box blur of radius `radius` applied twice (≈ Gaussian, σ ≈ 0.8·radius), edges
// clamped: the smooth background (beam profile) of a hologram.
std::vector<float> smooth_background(FrameView<const float> frame, int radius);

// The real field per FieldMode, padded per PadMode: padded_x * padded_y values, [x][y].
// Throws bad_input for a wrong size or non-finite counts.
std::vector<float> prepare_field(FrameView<const float> counts, const PaddedGeometry& geometry,
                                 const PropagationSettings& settings);

// A complex field checked (size, finite values) and padded per `pad`: what set_field() of
// every backend transforms. Throws bad_input naming the problem.
std::vector<std::complex<float>> prepare_complex_field(FrameView<const std::complex<float>> field,
                                                       const PaddedGeometry& geometry, PadMode pad);

// Half-sample symmetric reflection of index k into [0, n): ... 1 0 | 0 1 2 ... n-1 | n-1 ...
inline std::size_t reflect_index(long long k, std::size_t n) {
  const auto period = static_cast<long long>(2 * n);
  long long m = k % period;
  if (m < 0) {
    m += period;
  }
  return static_cast<std::size_t>(m < static_cast<long long>(n) ? m : period - 1 - m);
}

// Places a size_x × size_y frame ([x][y]) centred in the padded frame and fills the rest per
// `mode`. T is float (a prepared hologram) or std::complex<float> (a field).
template <typename T>
std::vector<T> pad_frame(const std::vector<T>& frame, const PaddedGeometry& geometry,
                         PadMode mode) {
  const std::size_t nx = geometry.size_x;
  const std::size_t ny = geometry.size_y;
  const std::size_t px = geometry.padded_x;
  const std::size_t py = geometry.padded_y;
  const auto ox = static_cast<long long>(geometry.offset_x);
  const auto oy = static_cast<long long>(geometry.offset_y);
  std::vector<T> padded(px * py);
  if (mode == PadMode::kReflect) {
    for (std::size_t p = 0; p < px; ++p) {
      const std::size_t i = reflect_index(static_cast<long long>(p) - ox, nx);
      for (std::size_t q = 0; q < py; ++q) {
        padded[p * py + q] = frame[i * ny + reflect_index(static_cast<long long>(q) - oy, ny)];
      }
    }
    return padded;
  }
  T border_sum{};
  std::size_t border_count = 0;
  for (std::size_t i = 0; i < nx; ++i) {
    const std::size_t step = (i == 0 || i + 1 == nx) ? 1 : std::max<std::size_t>(ny - 1, 1);
    for (std::size_t j = 0; j < ny; j += step) {
      border_sum += frame[i * ny + j];
      ++border_count;
    }
  }
  std::fill(padded.begin(), padded.end(), border_sum / static_cast<float>(border_count));
  for (std::size_t i = 0; i < nx; ++i) {
    std::copy_n(frame.data() + i * ny, ny,
                padded.data() + (i + geometry.offset_x) * py + geometry.offset_y);
  }
  return padded;
}

// set_spectrum's check: a spectrum from a propagator of another padded size.
void check_spectrum_size(std::size_t given, std::size_t expected);

}  // namespace holodet::propagate::detail
