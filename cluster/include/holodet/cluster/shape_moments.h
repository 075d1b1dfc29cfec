#pragma once
// The shape of a mask region from its pixels' second moments: the aspect ratio (major over
// minor axis) of the ellipse with the same moments, 1 for a disk. What splits round droplets
// from irregular ice in the size distributions (docs/PRODUCTS.md).

#include <algorithm>
#include <cmath>

namespace holodet::cluster {

class ShapeMoments {
 public:
  void add(double i, double j) {
    count_ += 1;
    sum_i_ += i;
    sum_j_ += j;
    sum_ii_ += i * i;
    sum_jj_ += j * j;
    sum_ij_ += i * j;
  }

  // `pitch_i_um`, `pitch_j_um`: the pixel's size along i and j. Each pixel is a square, not a
  // point: its own variance (pitch²/12 on each axis) is added, so that a region of one or two
  // pixels does not read as a needle.
  double aspect_ratio(double pitch_i_um, double pitch_j_um) const {
    if (count_ <= 0) {
      return 1;
    }
    const double mean_i = sum_i_ / count_, mean_j = sum_j_ / count_;
    const double var_i = (sum_ii_ / count_ - mean_i * mean_i + 1.0 / 12) * pitch_i_um * pitch_i_um;
    const double var_j = (sum_jj_ / count_ - mean_j * mean_j + 1.0 / 12) * pitch_j_um * pitch_j_um;
    const double cov = (sum_ij_ / count_ - mean_i * mean_j) * pitch_i_um * pitch_j_um;
    const double half_trace = (var_i + var_j) / 2;
    const double spread =
        std::sqrt(std::max(0.0, half_trace * half_trace - (var_i * var_j - cov * cov)));
    const double major = half_trace + spread, minor = std::max(half_trace - spread, 1e-12);
    return std::sqrt(major / minor);
  }

 private:
  double count_ = 0, sum_i_ = 0, sum_j_ = 0, sum_ii_ = 0, sum_jj_ = 0, sum_ij_ = 0;
};

}  // namespace holodet::cluster
