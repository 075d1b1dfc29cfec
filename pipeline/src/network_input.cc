#include "holodet/pipeline/network_input.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "holodet/core/error.h"

namespace holodet::pipeline {

unsigned outputs_for_channels(const std::vector<std::string>& channels) {
  unsigned outputs = 0;
  for (const std::string& channel : channels) {
    outputs |= channel == "phase" ? propagate::kPhase : propagate::kAmplitude;
  }
  return outputs;
}

void cut_network_window(const propagate::PlaneBatch& batch, std::size_t p,
                        const segment::ModelInfo& model, std::size_t x0, std::size_t y0,
                        std::size_t window, std::span<float> out) {
  const std::size_t nx = batch.size_x, ny = batch.size_y;
  if (x0 + window > nx || y0 + window > ny ||
      out.size() != model.channels.size() * window * window) {
    throw bad_input("network window at (" + std::to_string(x0) + ", " + std::to_string(y0) +
                    ") of side " + std::to_string(window) + " leaves the " + std::to_string(nx) +
                    " × " + std::to_string(ny) + " frame or its buffer");
  }
  const std::size_t plane = p * nx * ny;
  for (std::size_t c = 0; c < model.channels.size(); ++c) {
    const bool phase = model.channels[c] == "phase";
    const std::vector<float>& source = phase ? batch.phase : batch.amplitude;
    const float offset = phase ? 0.0f : model.input_offset;
    const float scale = phase ? static_cast<float>(1.0 / std::numbers::pi) : model.input_scale;
    float* target = out.data() + c * window * window;
    for (std::size_t a = 0; a < window; ++a) {
      const float* row = source.data() + plane + (x0 + a) * ny + y0;
      for (std::size_t b = 0; b < window; ++b) {
        target[a * window + b] = (row[b] - offset) * scale;
      }
    }
  }
}

std::size_t window_origin(double centre, std::size_t window, std::size_t extent) {
  if (window >= extent) {
    return 0;
  }
  const double origin = std::round(centre - static_cast<double>(window) / 2);
  return static_cast<std::size_t>(std::clamp(origin, 0.0, static_cast<double>(extent - window)));
}

}  // namespace holodet::pipeline
