#pragma once
// The physics-based detector (`--method classic`): no trained model, the baseline every run
// can compare against. Two streamed passes over the planes, no plane stack kept:
//  1. every plane folds into the minimum-amplitude projection and its depth map; dark spots of
//     the projection against its local background are the candidates;
//  2. every plane again: for each candidate, the mean amplitude over its core pixels (an
//     opaque particle is darkest in focus) traces a focus curve, and the window of the best
//     plane so far is kept. The curve's minimum (refined by a parabola through its neighbours)
//     gives z; the kept window gives x, y (centroid) and the equivalent-area diameter of the
//     region darker than halfway between the particle's floor and the background.
// Rejected, with the reasons counted: candidates touching the frame border (cut particles),
// focus at the first or last plane (the true depth may lie outside [z_min, z_max]), focused
// regions smaller than min_area_px (below the resolution), and contrast below min_contrast.

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "holodet/cluster/dark_spots.h"
#include "holodet/core/optics.h"
#include "holodet/detect/depth_refinement.h"
#include "holodet/detect/plane_workers.h"
#include "holodet/io/hologram.h"
#include "holodet/io/particle_table.h"
#include "holodet/propagate/propagator.h"

namespace holodet::detect {

struct ClassicSettings {
  cluster::DarkSpotSettings spots;
  std::size_t window_margin_px = 6;  // around a candidate's box, for its focus window
  std::size_t min_area_px = 3;       // of the focused particle
  double min_contrast = 0.4;         // 1 − floor/background at best focus
  std::size_t batch_planes = 8;
  double window_guard_step_um = 500;  // volume_guard.h; 0: no guard planes
  DepthRefinementSettings depth;      // z below the plane spacing, and z_err
};

struct ClassicRejections {
  std::size_t border = 0;
  std::size_t outside_volume = 0;  // focused on a guard plane: dust on a window
  std::size_t depth_range = 0;
  std::size_t too_small = 0;
  std::size_t faint = 0;
};

struct ClassicResult {
  io::ParticleTable particles;  // extra columns: contrast, area_px, z_err (when refined)
  std::size_t candidates = 0;
  bool crowded = false;  // candidates found with the crowded frame's settings (dark_spots.h)
  ClassicRejections rejected;
  double spectrum_seconds = 0;     // field preparation and the forward transform
  double propagation_seconds = 0;  // both passes over the planes
  double analysis_seconds = 0;     // candidates, focus curves, sizes, depth refinement
  DepthRefinementStats depth;
};

// `propagator` must be made for the hologram's size; `z_m` are the planes (ascending).
// `on_plane` (may be empty) is called after each plane of each pass, for progress.
ClassicResult detect_classic(const io::Hologram& hologram, const Optics& optics,
                             std::span<const double> z_m, propagate::Propagator& propagator,
                             const ClassicSettings& settings,
                             const std::function<void()>& on_plane = {});
// The same over several workers: the result does not depend on their number. `on_plane` is
// called from the workers' threads, one call at a time.
ClassicResult detect_classic(const io::Hologram& hologram, const Optics& optics,
                             std::span<const double> z_m, PlaneWorkers& workers,
                             const ClassicSettings& settings,
                             const std::function<void()>& on_plane = {});

}  // namespace holodet::detect
