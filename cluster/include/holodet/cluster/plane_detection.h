#pragma once
// Per-plane detections: the connected components of a binary mask of one reconstructed plane,
// each with its centroid (µm, HOLODEC convention), equivalent-area diameter and a score.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "holodet/core/frame.h"
#include "holodet/core/pixel_grid.h"

namespace holodet::cluster {

struct PlaneDetection {
  std::size_t plane = 0;  // index of the plane in its plane list
  double z_um = 0;
  double x_um = 0;
  double y_um = 0;
  double d_um = 0;  // equivalent-area diameter: 2·sqrt(area/π)
  double area_px = 0;
  double score = 0;         // mean of the score frame over the component (1 without one)
  double aspect_ratio = 1;  // major / minor axis of the component (shape_moments.h)
};

// Components of `mask` (non-zero = particle, [x][y]) with 8-connectivity, smaller than
// min_area_px dropped. `score` is a frame of the same size (e.g. the network's probability) or
// empty. Throws bad_input when sizes disagree.
std::vector<PlaneDetection> detect_components(FrameView<const std::uint8_t> mask,
                                              FrameView<const float> score, const PixelGrid& grid,
                                              std::size_t plane, double z_um,
                                              std::size_t min_area_px);

}  // namespace holodet::cluster
