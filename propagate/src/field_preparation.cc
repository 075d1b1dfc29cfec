#include "field_preparation.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "holodet/core/error.h"
#include "holodet/propagate/fft_size.h"

namespace holodet::propagate::detail {
namespace {

// One box pass along y (the fast axis) for every x, by running sums.
void box_along_y(std::vector<float>& values, std::size_t size_x, std::size_t size_y, int radius) {
  std::vector<double> prefix(size_y + 1);
  for (std::size_t i = 0; i < size_x; ++i) {
    float* row = values.data() + i * size_y;
    prefix[0] = 0;
    for (std::size_t j = 0; j < size_y; ++j) {
      prefix[j + 1] = prefix[j] + row[j];
    }
    for (std::size_t j = 0; j < size_y; ++j) {
      const std::size_t low = j >= static_cast<std::size_t>(radius) ? j - radius : 0;
      const std::size_t high = std::min(size_y, j + radius + 1);
      row[j] = static_cast<float>((prefix[high] - prefix[low]) / static_cast<double>(high - low));
    }
  }
}

std::vector<float> transpose(const std::vector<float>& values, std::size_t size_x,
                             std::size_t size_y) {
  std::vector<float> out(values.size());
  for (std::size_t i = 0; i < size_x; ++i) {
    for (std::size_t j = 0; j < size_y; ++j) {
      out[j * size_x + i] = values[i * size_y + j];
    }
  }
  return out;
}

}  // namespace

PaddedGeometry padded_geometry(std::size_t size_x, std::size_t size_y, std::size_t min_padding_px) {
  if (size_x == 0 || size_y == 0) {
    throw bad_input("propagation: the hologram has zero size (" + std::to_string(size_x) + " x " +
                    std::to_string(size_y) + ")");
  }
  PaddedGeometry geometry;
  geometry.size_x = size_x;
  geometry.size_y = size_y;
  geometry.padded_x = next_fast_fft_size(size_x + 2 * min_padding_px);
  geometry.padded_y = next_fast_fft_size(size_y + 2 * min_padding_px);
  geometry.offset_x = (geometry.padded_x - size_x) / 2;
  geometry.offset_y = (geometry.padded_y - size_y) / 2;
  return geometry;
}

std::vector<float> smooth_background(FrameView<const float> frame, int radius) {
  std::vector<float> values(frame.values.begin(), frame.values.end());
  for (int pass = 0; pass < 2; ++pass) {
    box_along_y(values, frame.size_x, frame.size_y, radius);
    std::vector<float> swapped = transpose(values, frame.size_x, frame.size_y);
    box_along_y(swapped, frame.size_y, frame.size_x, radius);
    values = transpose(swapped, frame.size_y, frame.size_x);
  }
  return values;
}

std::vector<float> prepare_field(FrameView<const float> counts, const PaddedGeometry& geometry,
                                 const PropagationSettings& settings) {
  if (counts.size_x != geometry.size_x || counts.size_y != geometry.size_y ||
      counts.values.size() != counts.size_x * counts.size_y) {
    throw bad_input("propagation: hologram of " + std::to_string(counts.size_x) + " x " +
                    std::to_string(counts.size_y) + " px given to a propagator made for " +
                    std::to_string(geometry.size_x) + " x " + std::to_string(geometry.size_y));
  }
  for (float value : counts.values) {
    if (!std::isfinite(value)) {
      throw bad_input("propagation: the hologram holds a non-finite value");
    }
  }
  std::vector<float> field(counts.values.begin(), counts.values.end());
  if (settings.field == FieldMode::kSqrtNormalised || settings.field == FieldMode::kNormalised) {
    // The intensity itself is the field the reference reconstructs: at focus it gives the
    // particle's full-contrast shadow, where sqrt(I) ≈ 1 − Re(a) halves it.
    const std::vector<float> background = smooth_background(counts, settings.background_radius_px);
    const bool take_root = settings.field == FieldMode::kSqrtNormalised;
    for (std::size_t k = 0; k < field.size(); ++k) {
      const float ratio = std::max(field[k], 0.0f) / std::max(background[k], 1e-6f);
      field[k] = take_root ? std::sqrt(ratio) : ratio;
    }
  } else if (settings.field == FieldMode::kSqrtCounts) {
    for (float& value : field) {
      value = std::sqrt(std::max(value, 0.0f));
    }
  }

  return pad_frame<float>(field, geometry, settings.pad);
}

std::vector<std::complex<float>> prepare_complex_field(FrameView<const std::complex<float>> field,
                                                       const PaddedGeometry& geometry,
                                                       PadMode pad) {
  if (field.size_x != geometry.size_x || field.size_y != geometry.size_y ||
      field.values.size() != field.size()) {
    throw bad_input("propagation: field of " + std::to_string(field.size_x) + " x " +
                    std::to_string(field.size_y) + " given to a propagator made for " +
                    std::to_string(geometry.size_x) + " x " + std::to_string(geometry.size_y));
  }
  for (const std::complex<float>& value : field.values) {
    if (!std::isfinite(value.real()) || !std::isfinite(value.imag())) {
      throw bad_input("propagation: the field holds a non-finite value");
    }
  }
  const std::vector<std::complex<float>> frame(field.values.begin(), field.values.end());
  return pad_frame(frame, geometry, pad);
}

void check_spectrum_size(std::size_t given, std::size_t expected) {
  if (given != expected) {
    throw bad_input("propagation: a spectrum of " + std::to_string(given) +
                    " values for a propagator of " + std::to_string(expected));
  }
}

}  // namespace holodet::propagate::detail
