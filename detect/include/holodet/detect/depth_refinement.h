#pragma once
// Depth below the plane spacing, for every detector: after detection each particle's z is
// refined by refocusing a local crop of the field at fine steps around its coarse depth, and
// gets a per-particle uncertainty, the `z_err` column.
//
// The field at a particle's depth comes from a full plane propagated at an anchor depth: the
// anchors lie on a grid anchor_step_um apart, so a hologram needs at most one full plane per
// anchor with a particle near it (145 over HOLODEC's 144 mm at 1 mm), whatever the particle
// count. Around each particle a square crop of that plane (propagate/crop_refocuser.h), a
// power of two at least crop_min_px and twice the particle's size plus 64 pixels, is refocused
// across ±half_range, first in 41 steps, then at step_um over ± 2 of those steps around the
// best. The focus metric at each step is the edge sharpness of the scattered field within the
// particle's radius plus 3 pixels of its centre: minus the mean squared gradient of |E − b|,
// b the complex background in a ring around the particle (an opaque particle's edge is
// sharpest in focus, and |E − b| is symmetric about it where |E| is not, docs/ARCHITECTURE.md).
// The curve's minimum is fitted below the step (focus_fit.h). The half range is the largest
// of min_half_range_um, span_planes run plane spacings, depth_of_focus_fraction · d²/λ and
// depth_of_field_fraction times the frame's depth of field there, at most max_half_range_um.
// When the minimum lies at the range's edge the search moves there once; when it still finds
// no vertex the coarse z is kept and z_err is the run's plane spacing; where the frame's depth
// of field exceeds max_depth_of_field_um (the unet detector's choice) no search is made. The crops
// are cut by the plane workers and refocused on `threads` threads.

#include <cstddef>
#include <limits>
#include <span>

#include "holodet/core/optics.h"
#include "holodet/detect/plane_workers.h"
#include "holodet/io/particle_table.h"
#include "holodet/propagate/fft2d.h"

namespace holodet::detect {

// The unet detector's max_depth_of_field_um (the setting's comment says why).
constexpr double kNetworkMaxDepthOfFieldUm = 1500;

struct DepthRefinementSettings {
  bool enabled = true;
  double step_um = 10;             // finest step
  double span_planes = 1.5;        // search at least ± this many run plane spacings
  double min_half_range_um = 800;  // the edge's dip in depth is about 1 mm wide, whatever d
  double depth_of_focus_fraction = 0.05;
  // The frame's depth of field at the particle, λ/NA² with NA = half the frame's shorter side
  // over z (a 1024² crop at 150 mm resolves depth to about 3.5 mm, a full frame to 0.35 mm),
  // times this. 0: the range does not grow with it (a wider search there locked onto other
  // dips more often than it found a far particle's focus, on the tuning set).
  double depth_of_field_fraction = 0;
  // Beyond this depth of field the detector's z is kept. Where the frame's aperture resolves
  // depth only coarsely (above 1.5 mm: a 1024² crop beyond about 100 mm; never a full frame)
  // the classic detector's z, the minimum of the mean amplitude, leans towards the sensor (75 %
  // of its far depth misses on the crop hold-out), and the refocused crop beats it (strict F1
  // +0.007 to +0.047 on the hold-out crops): no limit. The network's z, the centre of its
  // response across planes, does not lean; refining it there was neutral on the hold-out crops
  // (−0.002 to +0.005) and cost 0.04 on a committed sample, so the unet detector keeps 1.5 mm.
  double max_depth_of_field_um = std::numeric_limits<double>::infinity();
  double max_half_range_um = 3000;
  double anchor_step_um = 1000;
  std::size_t crop_min_px = 128;
  std::size_t threads = 0;  // refocusing threads; 0: all hardware threads
  propagate::FftPlanning fft_planning = propagate::FftPlanning::kMeasure;
};

struct DepthRefinementStats {
  std::size_t refined = 0;      // a vertex found
  std::size_t kept_coarse = 0;  // no vertex, or beyond the frame's depth resolution: the
                                // detector's z kept
  std::size_t anchors = 0;      // full planes propagated
  double seconds = 0;
};

// Refines `particles.z_um` in place (the rows of one hologram) and appends the `z_err` column
// (µm). The hologram is frame_x × frame_y pixels; the workers' propagators must hold it (the
// detectors leave them so); `z_m` are the run's planes, ascending. Refined depths stay inside
// [optics.z_min, optics.z_max]. The result does not depend on the number of workers.
DepthRefinementStats refine_depths(io::ParticleTable& particles, std::size_t frame_x,
                                   std::size_t frame_y, const Optics& optics,
                                   std::span<const double> z_m, PlaneWorkers& workers,
                                   const DepthRefinementSettings& settings);

}  // namespace holodet::detect
