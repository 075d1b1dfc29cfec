#pragma once
// Private to simulate/: 2·J1(x)/x tabulated for fast lookup in the per-bin, per-particle loop
// (J1 itself costs far more than the rest of the loop). Linear interpolation at a step of
// 1/128: error below 1e-5 of the peak value 1 (|f''| ≤ 1/4, h²/8 ≈ 8e-6).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace holodet::simulate::detail {

class JincTable {
 public:
  explicit JincTable(double x_max)
      : step_(1.0 / kInverseStep),
        max_x_(static_cast<float>(x_max)),
        values_(static_cast<std::size_t>(x_max / step_) + 3) {
    values_[0] = 1.0f;
    for (std::size_t k = 1; k < values_.size(); ++k) {
      const double x = static_cast<double>(k) * step_;
      values_[k] = static_cast<float>(2.0 * std::cyl_bessel_j(1.0, x) / x);
    }
  }

  // 2·J1(x)/x for 0 ≤ x ≤ x_max (clamped there, so a masked-out argument stays in bounds).
  float operator()(float x) const { return lookup(values_.data(), max_x_, x); }

  // The raw form for hot loops: a plain pointer and an int index let the compiler gather.
  const float* data() const { return values_.data(); }
  float max_x() const { return max_x_; }
  static float lookup(const float* __restrict values, float max_x, float x) {
    const float position = std::min(x, max_x) * kInverseStep;
    const int index = static_cast<int>(position);
    const float fraction = position - static_cast<float>(index);
    return values[index] + fraction * (values[index + 1] - values[index]);
  }

 private:
  static constexpr float kInverseStep = 128.0f;
  double step_;
  float max_x_;
  std::vector<float> values_;
};

}  // namespace holodet::simulate::detail
