#include "holodet/detect/network_input.h"

#include <algorithm>
#include <cmath>

#include "holodet/core/error.h"
#include "holodet/propagate/network_normalisation.h"

namespace holodet::detect {

ChannelPlanes::ChannelPlanes(const segment::ModelInfo& model) : model_(model) {
  for (const std::string& name : model.channels) {
    const segment::ChannelSpec spec = segment::parse_channel(name);
    specs_.push_back(spec);
    outputs_ |= spec.phase ? propagate::kPhase : propagate::kAmplitude;
    if (std::find(offsets_um_.begin(), offsets_um_.end(), spec.offset_um) == offsets_um_.end()) {
      offsets_um_.push_back(spec.offset_um);
    }
  }
  std::sort(offsets_um_.begin(), offsets_um_.end());
  for (const segment::ChannelSpec& spec : specs_) {
    batch_of_channel_.push_back(static_cast<std::size_t>(
        std::find(offsets_um_.begin(), offsets_um_.end(), spec.offset_um) - offsets_um_.begin()));
  }
  batches_.resize(offsets_um_.size());
  amplitude_only_ = specs_.size() == 1 && !specs_[0].phase && specs_[0].offset_um == 0;
}

void ChannelPlanes::propagate(propagate::Propagator& propagator, std::span<const double> z_m) {
  std::vector<double> shifted(z_m.size());
  for (std::size_t k = 0; k < offsets_um_.size(); ++k) {
    for (std::size_t p = 0; p < z_m.size(); ++p) {
      shifted[p] = z_m[p] + offsets_um_[k] * 1e-6;
    }
    propagator.propagate(shifted, outputs_, batches_[k]);
  }
}

const propagate::PlaneBatch* ChannelPlanes::centre() const {
  const auto found = std::find(offsets_um_.begin(), offsets_um_.end(), 0.0);
  return found == offsets_um_.end()
             ? nullptr
             : &batches_[static_cast<std::size_t>(found - offsets_um_.begin())];
}

void ChannelPlanes::cut(std::size_t p, std::size_t x0, std::size_t y0, std::size_t window,
                        std::span<float> out) const {
  const std::size_t nx = batches_.front().size_x, ny = batches_.front().size_y;
  if (x0 + window > nx || y0 + window > ny || out.size() != specs_.size() * window * window) {
    throw bad_input("network window at (" + std::to_string(x0) + ", " + std::to_string(y0) +
                    ") of side " + std::to_string(window) + " leaves the " + std::to_string(nx) +
                    " × " + std::to_string(ny) + " frame or its buffer");
  }
  const std::size_t plane = p * nx * ny;
  for (std::size_t c = 0; c < specs_.size(); ++c) {
    const propagate::PlaneBatch& batch = batches_[batch_of_channel_[c]];
    const bool phase = specs_[c].phase;
    const std::vector<float>& source = phase ? batch.phase : batch.amplitude;
    const propagate::InputNormalisation normalisation =
        phase ? propagate::phase_normalisation()
              : propagate::InputNormalisation{model_.input_offset, model_.input_scale};
    float* target = out.data() + c * window * window;
    for (std::size_t a = 0; a < window; ++a) {
      const float* row = source.data() + plane + (x0 + a) * ny + y0;
      for (std::size_t b = 0; b < window; ++b) {
        target[a * window + b] = propagate::normalised_input(row[b], normalisation);
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

}  // namespace holodet::detect
