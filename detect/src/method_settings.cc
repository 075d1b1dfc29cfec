#include "holodet/detect/method_settings.h"

#include <utility>

#include "configured_modes.h"
#include "holodet/core/error.h"

namespace holodet::detect {
namespace {

struct WorkItemPlan {
  bool dense = false;
  bool dense_when_cheaper = false;
};

WorkItemPlan work_item_plan(config::WorkItems items) {
  switch (items) {  // no default: a value WorkItems gains is a compiler warning here
    case config::WorkItems::kAuto:
      return {.dense = false, .dense_when_cheaper = true};
    case config::WorkItems::kCandidates:
      return {};
    case config::WorkItems::kDense:
      return {.dense = true, .dense_when_cheaper = false};
  }
  throw_outside_enum("unet.work_items");
}

}  // namespace

DepthRefinementSettings depth_refinement_settings(const config::Config& config) {
  DepthRefinementSettings settings;
  settings.enabled = config.depth.refine;
  settings.step_um = config.depth.step_um;
  settings.span_planes = config.depth.span_planes;
  settings.anchor_step_um = config.depth.anchor_step_um;
  settings.threads = static_cast<std::size_t>(std::max(0, config.runtime.threads));
  settings.fft_planning = fft_planning(config);
  return settings;
}

ClassicSettings classic_settings(const config::Config& config) {
  ClassicSettings settings;
  settings.spots.threshold_sigma = config.classic.threshold_sigma;
  settings.spots.background_radius_px = config.classic.background_radius_px;
  settings.spots.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  settings.spots.crowded_per_mpx = config.classic.crowded_candidates_per_mpx;
  settings.spots.crowded_count_sigma = config.classic.threshold_sigma;
  settings.spots.crowded_clutter = config.classic.crowded_clutter;
  settings.spots.background_mask_sigma = config.classic.crowded_background_mask_sigma;
  settings.spots.extended_scale_px = config.classic.crowded_extended_scale_px;
  settings.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  settings.min_contrast = config.classic.min_contrast;
  settings.batch_planes = static_cast<std::size_t>(config.reconstruction.batch_planes);
  settings.window_guard_step_um = config.reconstruction.window_guard_step_um;
  settings.depth = depth_refinement_settings(config);
  return settings;
}

UnetSettings unet_settings(const config::Config& config, const segment::ModelInfo& info,
                           const std::string& model) {
  UnetSettings s;
  const WorkItemPlan plan = work_item_plan(config.unet.work_items);
  s.dense = plan.dense;
  s.dense_when_cheaper = plan.dense_when_cheaper;
  s.window_px = static_cast<std::size_t>(config.unet.window_px);
  s.depth_window_um = config.unet.depth_window_mm * 1000;
  s.spots.threshold_sigma = config.unet.candidate_sigma;
  s.spots.background_radius_px = config.classic.background_radius_px;
  s.spots.min_area_px = static_cast<std::size_t>(config.classic.min_area_px);
  s.spots.crowded_per_mpx = config.classic.crowded_candidates_per_mpx;
  s.spots.crowded_count_sigma = config.classic.threshold_sigma;  // crowded for both alike
  s.spots.crowded_clutter = config.classic.crowded_clutter;
  s.spots.background_mask_sigma = config.classic.crowded_background_mask_sigma;
  s.spots.extended_scale_px = config.classic.crowded_extended_scale_px;
  s.tile_size = static_cast<std::size_t>(config.tiling.tile_size);
  s.tile_step = static_cast<std::size_t>(config.tiling.step);
  s.threshold = config.unet.threshold > 0 ? config.unet.threshold : info.threshold;
  s.min_area_px = static_cast<std::size_t>(config.unet.min_area_px);
  s.batch_tiles = static_cast<std::size_t>(config.unet.batch_tiles);
  s.batch_planes = static_cast<std::size_t>(config.reconstruction.batch_planes);
  s.cluster = {config.unet.cluster_xy_um, config.unet.cluster_z_um,
               cluster::DepthEstimate::kScoreWeighted};
  s.shadow_margin_um = config.unet.shadow_margin_um;
  s.min_score = config.unet.min_score;
  s.window_guard_step_um = config.reconstruction.window_guard_step_um;
  s.depth = depth_refinement_settings(config);
  s.depth.max_depth_of_field_um = kNetworkMaxDepthOfFieldUm;  // its own z where depth is coarse
  if (info.architecture == "unet") {
    const std::size_t multiple = std::size_t{1} << info.unet.depth;
    // auto may run either plan: both sizes must suit the network.
    const std::pair<bool, std::pair<const char*, std::size_t>> sizes[] = {
        {s.dense || s.dense_when_cheaper, {"tiling.tile_size", s.tile_size}},
        {!s.dense, {"unet.window_px", s.window_px}}};
    for (const auto& [used, named] : sizes) {
      if (used && named.second % multiple != 0) {
        throw bad_input(model + ": the network needs tiles that are multiples of " +
                        std::to_string(multiple) + " px; " + named.first + " = " +
                        std::to_string(named.second));
      }
    }
  }
  return s;
}

}  // namespace holodet::detect
