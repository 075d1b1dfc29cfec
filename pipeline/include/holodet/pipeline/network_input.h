#pragma once
// The network's input cut from reconstructed planes on the host: for models with a phase
// channel, and for training. Amplitude becomes (amplitude − offset) · scale and phase φ/π,
// exactly what the propagator's kNetworkInput writes for the amplitude, so a model sees the
// same numbers whichever path made them.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "holodet/propagate/propagator.h"
#include "holodet/segment/model_info.h"

namespace holodet::pipeline {

// The PlaneOutput flags a model's channels need from the propagator.
unsigned outputs_for_channels(const std::vector<std::string>& channels);

// Writes channels × window × window values ([channel][x][y]) of plane p of `batch`, window
// origin (x0, y0), into `out`. The window must lie inside the frame.
void cut_network_window(const propagate::PlaneBatch& batch, std::size_t p,
                        const segment::ModelInfo& model, std::size_t x0, std::size_t y0,
                        std::size_t window, std::span<float> out);

// Origin of the window of side `window` centred as near (i, j) as the frame allows.
std::size_t window_origin(double centre, std::size_t window, std::size_t extent);

}  // namespace holodet::pipeline
