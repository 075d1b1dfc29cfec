#pragma once
// The network's input cut from reconstructed planes on the host: for models with a phase
// channel or stacked neighbouring depths, and for training. Amplitude becomes
// (amplitude − offset) · scale and phase φ/π, exactly what the propagator's kNetworkInput
// writes for the amplitude, so a model sees the same numbers whichever path made them.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "holodet/propagate/propagator.h"
#include "holodet/segment/model_info.h"

namespace holodet::detect {

// The planes a model reads for a list of depths z: one batch per distinct channel depth
// offset, batches[k] holding the planes at z + offsets_um[k].
class ChannelPlanes {
 public:
  // Throws bad_input for a channel name segment::parse_channel refuses.
  explicit ChannelPlanes(const segment::ModelInfo& model);

  void propagate(propagate::Propagator& propagator, std::span<const double> z_m);

  // Writes channels × window × window values ([channel][x][y]) of plane p of the last
  // propagate(), window origin (x0, y0), into `out`. The window must lie inside the frame.
  void cut(std::size_t p, std::size_t x0, std::size_t y0, std::size_t window,
           std::span<float> out) const;

  // The plane at offset 0 (the segmented depth itself), when the model reads one.
  const propagate::PlaneBatch* centre() const;

  // True when the model reads only the amplitude at the plane itself: the propagator can
  // write its tiles (kNetworkInput).
  bool amplitude_only() const { return amplitude_only_; }

  // Distinct depths propagated per plane.
  std::size_t depth_count() const { return offsets_um_.size(); }

 private:
  const segment::ModelInfo& model_;
  std::vector<segment::ChannelSpec> specs_;
  std::vector<double> offsets_um_;
  std::vector<std::size_t> batch_of_channel_;
  std::vector<propagate::PlaneBatch> batches_;
  unsigned outputs_ = 0;
  bool amplitude_only_ = false;
};

// Origin of the window of side `window` centred as near `centre` as the frame allows.
std::size_t window_origin(double centre, std::size_t window, std::size_t extent);

}  // namespace holodet::detect
