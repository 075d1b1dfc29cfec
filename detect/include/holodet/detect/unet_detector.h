#pragma once
// `--method unet`: reconstructed planes → network-input tiles → the segmentation model →
// per-plane masks → detections → clustering into particles. The network's cost is planes ×
// tiles, so the network runs on a list of (plane, tile) work items, made one of two ways:
//  - dense: every tile of a tiling.tile_size grid (step tiling.step) on every plane, the masks
//    stitched into whole planes (segment::TileStitcher), as the reference did;
//  - candidates (default): a first pass folds every plane into the minimum-amplitude
//    projection and its depth map; the dark spots there (the classic detector's candidates,
//    at a lower threshold) each get one unet.window_px window centred on them, evaluated only
//    on the planes within unet.depth_window_mm of the spot's depth. On a 1024² hologram with
//    40 particles and 1000 planes that is about 1 200 window passes instead of 4 000 full
//    tiles, and ~1 % of the pixels.
// With `dense_when_cheaper` (unet.work_items=auto, the default) the plan is chosen per
// hologram after pass 1: the candidate windows unless the dense tiles hold fewer pixels in all
// (network cost is about proportional to pixels). At 1000 planes and a 2 mm depth window each
// candidate costs about 28 windows of 128², so dense pays only beyond about 2 300 candidates per
// 1024² (40 000 in a full frame): a safeguard for extreme scenes, not the usual plan.
// Particles in the shadow of a larger one are then dropped (UnetSettings::shadow_margin_um).
// Each particle's x, y, d come from its best-scoring detection (mean probability over the
// component); its coarse z is the score-weighted mean depth over its detections (a particle is
// in focus over a depth interval symmetric about its true z, and so is the network's
// response), which depth_refinement.h then refines below the plane spacing.

#include <cstddef>
#include <functional>
#include <span>
#include <string>

#include "holodet/cluster/clustering.h"
#include "holodet/cluster/dark_spots.h"
#include "holodet/core/optics.h"
#include "holodet/detect/depth_refinement.h"
#include "holodet/detect/plane_workers.h"
#include "holodet/io/hologram.h"
#include "holodet/io/particle_table.h"
#include "holodet/propagate/propagator.h"
#include "holodet/segment/segmenter.h"

namespace holodet::detect {

struct UnetSettings {
  bool dense = false;
  // Candidates, but dense when its passes hold fewer pixels (choose_plan in unet_detector.h):
  // a crowded hologram's windows can outnumber its tiles.
  bool dense_when_cheaper = false;
  std::size_t window_px = 128;      // candidates
  double depth_window_um = 2000;    // candidates
  cluster::DarkSpotSettings spots;  // candidates
  std::size_t tile_size = 512;      // dense
  std::size_t tile_step = 512;      // dense
  double threshold = 0.5;           // pixel probability
  std::size_t min_area_px = 3;
  std::size_t batch_tiles = 16;
  std::size_t batch_planes = 8;
  cluster::ClusterSettings cluster;
  // A particle closer laterally than another's radius plus this margin, smaller than it and
  // seen on fewer planes, is dropped: the network answering to the larger particle's
  // defocused fringes at another depth. 0 keeps every particle.
  double shadow_margin_um = 10;
  // Particles whose best detection's mean probability is below this are dropped: the
  // network's faint answers away from any focus (docs/ACCURACY.md).
  double min_score = 0;
  double window_guard_step_um = 500;  // candidates: volume_guard.h; 0: no guard planes
  DepthRefinementSettings depth;      // z below the plane spacing, and z_err
};

struct UnetResult {
  bool dense = false;  // the plan run: dense tiles (chosen or asked for), else candidate windows
  io::ParticleTable particles;  // extra columns: score (peak mean probability), planes,
                                // z_err (when refined)
  std::size_t candidates = 0;
  bool crowded = false;  // candidates found with the crowded frame's settings (dark_spots.h)
  std::size_t outside_volume = 0;     // candidates focused on a guard plane, dropped
  std::size_t work_items = 0;         // network passes over one tile or window
  std::size_t tile_pixels = 0;        // pixels per pass
  std::size_t detections = 0;         // per-plane components before clustering
  std::size_t mask_pixels = 0;        // pixels above the threshold the network gave back
  std::size_t planes_propagated = 0;  // over both passes
  double spectrum_seconds = 0;
  double propagation_seconds = 0;
  double network_seconds = 0;
  double analysis_seconds = 0;  // candidates, components, clustering, depth refinement
  DepthRefinementStats depth;
};

// `propagator` must be made for the hologram's size with the model's field mode; `z_m`
// ascending. `on_plane` (may be empty) is called once per plane of each pass.
// Network pixels of a plan: Σ over planes of its passes there × tile². The plan with fewer
// runs; ties keep the candidates.
bool dense_is_cheaper(std::size_t candidate_passes, std::size_t window_px, std::size_t planes,
                      std::size_t tiles_per_plane, std::size_t tile_px);

UnetResult detect_unet(const io::Hologram& hologram, const Optics& optics,
                       std::span<const double> z_m, propagate::Propagator& propagator,
                       segment::Segmenter& segmenter, const UnetSettings& settings,
                       const std::function<void()>& on_plane = {});
// The same over several workers, each with its model replica: the result does not depend on
// their number. `on_plane` is called from the workers' threads, one call at a time.
UnetResult detect_unet(const io::Hologram& hologram, const Optics& optics,
                       std::span<const double> z_m, PlaneWorkers& workers,
                       const UnetSettings& settings, const std::function<void()>& on_plane = {});

}  // namespace holodet::detect
