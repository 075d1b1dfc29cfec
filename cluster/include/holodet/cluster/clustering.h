#pragma once
// Per-plane detections → particles. One particle shows on several neighbouring planes; those
// detections are linked when within the distance ellipsoid (Δx² + Δy²)/xy² + Δz²/z² ≤ 1, and
// every linked group (connected component of that graph) is one particle. A spatial hash with
// cells of the ellipsoid's size finds the neighbours: O(n) for n detections on average, not an
// all-pairs matrix. The result does not depend on the input order.

#include <cstddef>
#include <span>
#include <vector>

#include "holodet/cluster/plane_detection.h"

namespace holodet::cluster {

enum class DepthEstimate {
  kBestPlane,      // z of the highest-scoring detection
  kScoreWeighted,  // score-weighted mean z over the group's detections
};

struct ClusterSettings {
  double xy_distance_um = 50;   // transverse link distance
  double z_distance_um = 1000;  // depth link distance
  DepthEstimate depth = DepthEstimate::kBestPlane;
};

struct ClusteredParticle {
  double x_um = 0;  // x, y, d from the best-scoring detection
  double y_um = 0;
  double z_um = 0;
  double d_um = 0;
  std::size_t planes = 0;  // detections in the group
  double peak_score = 0;
  double aspect_ratio = 1;  // of the best-scoring detection's mask
};

// Throws bad_input for non-positive distances. Particles come sorted by z, then x, then y.
std::vector<ClusteredParticle> cluster_detections(std::span<const PlaneDetection> detections,
                                                  const ClusterSettings& settings);

}  // namespace holodet::cluster
