#pragma once
// The minimum-amplitude projection over planes and the depth where each pixel's minimum
// occurred. An opaque particle darkens its pixels most in its focal plane, so the projection
// shows every particle in focus at once and the depth map says where; accumulated plane by
// plane, no stack of planes is kept. Frames are [x][y] (holodet/core/frame.h).

#include <cstddef>
#include <vector>

#include "holodet/core/frame.h"

namespace holodet::propagate {

class MinimumProjection {
 public:
  MinimumProjection(std::size_t size_x, std::size_t size_y);
  // A projection folded elsewhere (on a device: Propagator::minimum_projection()). Throws
  // bad_input when the vectors do not hold size_x × size_y values.
  MinimumProjection(std::size_t size_x, std::size_t size_y, std::vector<float> minimum,
                    std::vector<float> depth_m, std::size_t planes);

  // Folds in one amplitude plane at depth z_m. Throws bad_input for a plane of another size.
  void add(FrameView<const float> amplitude, double z_m);

  // Folds in a projection of other planes of the same frame (a worker's share). Ties go to
  // the nearer plane, as in add(), so the merged result does not depend on how the planes
  // were shared out. Throws bad_input for another size.
  void merge(const MinimumProjection& other);

  std::size_t size_x() const { return size_x_; }
  std::size_t size_y() const { return size_y_; }
  std::size_t plane_count() const { return planes_; }
  const std::vector<float>& minimum() const { return minimum_; }
  const std::vector<float>& depth_m() const { return depth_m_; }  // NaN before any plane

 private:
  std::size_t size_x_;
  std::size_t size_y_;
  std::size_t planes_ = 0;
  std::vector<float> minimum_;
  std::vector<float> depth_m_;
};

}  // namespace holodet::propagate
