#pragma once
// Private to detect/: pass 1 of both detectors. Every plane is folded into the
// minimum-amplitude projection where each worker's propagator keeps it (on a GPU, in device
// memory: no plane crosses the bus, one 8 B-a-pixel download per worker), and the workers'
// shares are merged, ties to the nearer plane, so the result does not depend on their number.

#include <cstddef>
#include <span>

#include "holodet/detect/plane_workers.h"
#include "holodet/propagate/min_projection.h"
#include "holodet/propagate/propagator.h"

namespace holodet::detect {

// The share of a candidate's darkest pixels in the projection that stands for it: their mean
// amplitude traces classic's focus curve, and their depths give unet's depth estimate.
inline constexpr double kCandidateCoreFraction = 0.25;

// The workers' propagators hold the hologram (set_hologram/set_spectrum, which start their
// projections afresh). Planes go in items of batch_planes consecutive depths, each worker's in
// ascending order; on_plane is called once per plane.
inline propagate::MinimumProjection project_minimum(PlaneWorkers& workers,
                                                    std::span<const double> z_m,
                                                    std::size_t batch_planes,
                                                    SerialCallback& on_plane) {
  const std::size_t batch = batch_planes > 0 ? batch_planes : 1;
  const std::size_t items = (z_m.size() + batch - 1) / batch;
  std::vector<propagate::PlaneBatch> unused(workers.size());  // no host output is asked for
  workers.for_each(items, [&](std::size_t worker, std::size_t item) {
    const std::size_t first = item * batch;
    const std::size_t count = batch < z_m.size() - first ? batch : z_m.size() - first;
    workers.propagator(worker).propagate(z_m.subspan(first, count), propagate::kMinimumProjection,
                                         unused[worker]);
    for (std::size_t p = 0; p < count; ++p) {
      on_plane();
    }
  });
  propagate::MinimumProjection projection = workers.propagator(0).minimum_projection();
  for (std::size_t worker = 1; worker < workers.size(); ++worker) {
    projection.merge(workers.propagator(worker).minimum_projection());
  }
  return projection;
}

}  // namespace holodet::detect
