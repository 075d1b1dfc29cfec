#pragma once
// What the configuration makes of each method's settings: written once, for the detectors
// make_detector builds and for the tests that call a method directly.

#include "holodet/config/config.h"
#include "holodet/detect/classic_detector.h"
#include "holodet/detect/depth_refinement.h"
#include "holodet/detect/unet_detector.h"
#include "holodet/segment/model_info.h"

namespace holodet::detect {

// depth.* (with runtime.threads and reconstruction.fft_planning for its crops).
DepthRefinementSettings depth_refinement_settings(const config::Config& config);

// classic.*, with reconstruction.batch_planes and window_guard_step_um and depth.*.
ClassicSettings classic_settings(const config::Config& config);

// unet.* and tiling.* for a model that says `info` of itself (its threshold unless unet.threshold
// is set). Throws bad_input naming `model` when a tile size the run may use is not a multiple
// the network can take.
UnetSettings unet_settings(const config::Config& config, const segment::ModelInfo& info,
                           const std::string& model);

}  // namespace holodet::detect
