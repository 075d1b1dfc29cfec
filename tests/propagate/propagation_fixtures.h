#pragma once
// Shared helpers of the propagation tests: fields with known content and their norms.

#include <cmath>
#include <complex>
#include <random>
#include <vector>

#include "holodet/core/frame.h"
#include "holodet/propagate/propagator.h"

namespace holodet::propagate::test {

using Field = std::vector<std::complex<float>>;

inline double l2_norm(const Field& field) {
  double sum = 0;
  for (const auto& value : field) {
    sum += std::norm(std::complex<double>(value));
  }
  return std::sqrt(sum);
}

inline double relative_l2_error(const Field& a, const Field& b) {
  double difference = 0;
  double reference = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    difference += std::norm(std::complex<double>(a[k]) - std::complex<double>(b[k]));
    reference += std::norm(std::complex<double>(b[k]));
  }
  return std::sqrt(difference / reference);
}

inline Field random_field(std::size_t size_x, std::size_t size_y, unsigned seed) {
  std::mt19937 generator(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Field field(size_x * size_y);
  for (auto& value : field) {
    value = {1.0f + 0.3f * normal(generator), 0.3f * normal(generator)};
  }
  return field;
}

// Fraction of pixel (i, j) inside a disk of `radius_px` centred at (ci, cj), by 8×8
// supersampling: the disk's area comes out right to a fraction of a percent.
inline float disk_coverage(std::size_t i, std::size_t j, double ci, double cj, double radius_px) {
  int inside = 0;
  for (int a = 0; a < 8; ++a) {
    for (int b = 0; b < 8; ++b) {
      const double x = static_cast<double>(i) - 0.5 + (a + 0.5) / 8.0 - ci;
      const double y = static_cast<double>(j) - 0.5 + (b + 0.5) / 8.0 - cj;
      inside += x * x + y * y <= radius_px * radius_px ? 1 : 0;
    }
  }
  return static_cast<float>(inside) / 64.0f;
}

// An aperture (transmits inside the disk) or an opaque disk (blocks inside) in a unit plane
// wave, centred on the optical axis (pixel n/2).
inline Field disk_field(std::size_t size_x, std::size_t size_y, double radius_px, bool opaque) {
  Field field(size_x * size_y);
  for (std::size_t i = 0; i < size_x; ++i) {
    for (std::size_t j = 0; j < size_y; ++j) {
      const float inside = disk_coverage(i, j, size_x / 2.0, size_y / 2.0, radius_px);
      field[i * size_y + j] = opaque ? 1.0f - inside : inside;
    }
  }
  return field;
}

inline PropagatorOptions exact_options(std::size_t size_x, std::size_t size_y) {
  PropagatorOptions options;
  options.size_x = size_x;
  options.size_y = size_y;
  options.settings.band_limit = false;  // a periodic domain: propagation is exactly unitary
  options.settings.min_padding_px = 0;
  return options;
}

}  // namespace holodet::propagate::test
