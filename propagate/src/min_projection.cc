#include "holodet/propagate/min_projection.h"

#include <limits>
#include <string>
#include <utility>

#include "holodet/core/error.h"

namespace holodet::propagate {

MinimumProjection::MinimumProjection(std::size_t size_x, std::size_t size_y)
    : size_x_(size_x),
      size_y_(size_y),
      minimum_(size_x * size_y, std::numeric_limits<float>::infinity()),
      depth_m_(size_x * size_y, std::numeric_limits<float>::quiet_NaN()) {}

MinimumProjection::MinimumProjection(std::size_t size_x, std::size_t size_y,
                                     std::vector<float> minimum, std::vector<float> depth_m,
                                     std::size_t planes)
    : size_x_(size_x),
      size_y_(size_y),
      planes_(planes),
      minimum_(std::move(minimum)),
      depth_m_(std::move(depth_m)) {
  if (minimum_.size() != size_x * size_y || depth_m_.size() != size_x * size_y) {
    throw bad_input("minimum projection: " + std::to_string(minimum_.size()) + " minima and " +
                    std::to_string(depth_m_.size()) + " depths for a " + std::to_string(size_x) +
                    " x " + std::to_string(size_y) + " frame");
  }
}

void MinimumProjection::add(FrameView<const float> amplitude, double z_m) {
  if (amplitude.size_x != size_x_ || amplitude.size_y != size_y_ ||
      amplitude.values.size() != minimum_.size()) {
    throw bad_input("minimum projection: plane of " + std::to_string(amplitude.size_x) + " x " +
                    std::to_string(amplitude.size_y) + " for a projection of " +
                    std::to_string(size_x_) + " x " + std::to_string(size_y_));
  }
  const auto depth = static_cast<float>(z_m);
  for (std::size_t k = 0; k < minimum_.size(); ++k) {
    // Strictly less: on ties the nearest plane (first added) keeps the pixel.
    if (amplitude.values[k] < minimum_[k]) {
      minimum_[k] = amplitude.values[k];
      depth_m_[k] = depth;
    }
  }
  ++planes_;
}

void MinimumProjection::merge(const MinimumProjection& other) {
  if (other.size_x_ != size_x_ || other.size_y_ != size_y_) {
    throw bad_input("minimum projection: merging " + std::to_string(other.size_x_) + " x " +
                    std::to_string(other.size_y_) + " into " + std::to_string(size_x_) + " x " +
                    std::to_string(size_y_));
  }
  for (std::size_t k = 0; k < minimum_.size(); ++k) {
    const float value = other.minimum_[k];
    if (value < minimum_[k] || (value == minimum_[k] && other.depth_m_[k] < depth_m_[k])) {
      minimum_[k] = value;
      depth_m_[k] = other.depth_m_[k];
    }
  }
  planes_ += other.planes_;
}

}  // namespace holodet::propagate
