#include "holodet/detect/focus_fit.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "holodet/core/error.h"

namespace holodet::detect {
namespace {

// The smallest uncertainty stated, in steps: a noiseless curve fits to rounding, but its
// depth is no better than the field it came from.
constexpr double kFloor = 0.05;

// The inverse of a symmetric 3 × 3 matrix by cofactors; false when it is singular.
bool invert_symmetric3(const double m[3][3], double inverse[3][3]) {
  const double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
  const double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
  const double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
  const double determinant = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
  if (!(std::abs(determinant) > 1e-300)) {
    return false;
  }
  inverse[0][0] = c00 / determinant;
  inverse[0][1] = c01 / determinant;
  inverse[0][2] = c02 / determinant;
  inverse[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / determinant;
  inverse[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / determinant;
  inverse[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / determinant;
  inverse[1][0] = inverse[0][1];
  inverse[2][0] = inverse[0][2];
  inverse[2][1] = inverse[1][2];
  return true;
}

}  // namespace

FocusFit fit_focus_minimum(std::span<const double> z_m, std::span<const float> curve) {
  if (z_m.size() != curve.size() || curve.size() < 5) {
    throw runtime_failure("fit_focus_minimum: need one value per depth, at least 5");
  }
  const std::size_t n = curve.size();
  const double step = (z_m.back() - z_m.front()) / static_cast<double>(n - 1);
  const auto lowest =
      static_cast<std::size_t>(std::min_element(curve.begin(), curve.end()) - curve.begin());
  FocusFit fit;
  fit.z_m = z_m[lowest];
  fit.z_err_m = step;
  if (lowest == 0 || lowest + 1 == n) {
    fit.at_edge = true;
    return fit;
  }
  // The bottom of the dip: below half-way to the lower rim, at least two samples each side.
  const double rim = std::min(curve.front(), curve.back());
  const double level = curve[lowest] + 0.5 * (rim - curve[lowest]);
  std::size_t first = lowest, last = lowest;
  while (first > 0 && (lowest - first < 2 || curve[first - 1] <= level)) {
    --first;
  }
  while (last + 1 < n && (last - lowest < 2 || curve[last + 1] <= level)) {
    ++last;
  }
  const std::size_t count = last - first + 1;
  fit.dip_width_m = static_cast<double>(last - first) * step;
  if (count < 4) {
    return fit;  // the dip sits against an edge: three samples fix a parabola but not its error
  }
  // Least squares v = a + b·t + c·t² with t in steps from the lowest sample.
  double normal[3][3] = {};
  double moments[3] = {};
  for (std::size_t s = first; s <= last; ++s) {
    const double t = static_cast<double>(s) - static_cast<double>(lowest);
    const double powers[3] = {1, t, t * t};
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) {
        normal[r][c] += powers[r] * powers[c];
      }
      moments[r] += powers[r] * curve[s];
    }
  }
  double inverse[3][3];
  if (!invert_symmetric3(normal, inverse)) {
    return fit;
  }
  double coefficients[3] = {};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      coefficients[r] += inverse[r][c] * moments[c];
    }
  }
  const double b = coefficients[1], c = coefficients[2];
  if (!(c > 0)) {
    return fit;
  }
  const double vertex = -b / (2 * c);
  if (vertex < static_cast<double>(first) - static_cast<double>(lowest) ||
      vertex > static_cast<double>(last) - static_cast<double>(lowest)) {
    return fit;
  }
  double residuals = 0;
  for (std::size_t s = first; s <= last; ++s) {
    const double t = static_cast<double>(s) - static_cast<double>(lowest);
    const double r = curve[s] - (coefficients[0] + b * t + c * t * t);
    residuals += r * r;
  }
  const double variance = count > 3 ? residuals / static_cast<double>(count - 3) : 0.0;
  const double d_b = -1 / (2 * c), d_c = b / (2 * c * c);
  const double vertex_variance = variance * (d_b * d_b * inverse[1][1] + d_c * d_c * inverse[2][2] +
                                             2 * d_b * d_c * inverse[1][2]);
  fit.found = true;
  fit.z_m = z_m[lowest] + vertex * step;
  fit.z_err_m = step * std::sqrt(std::max(0.0, vertex_variance) + kFloor * kFloor);
  return fit;
}

}  // namespace holodet::detect
