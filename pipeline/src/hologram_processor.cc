#include "hologram_processor.h"

#include <algorithm>
#include <cstdint>

#include "holodet/core/diagnostics.h"
#include "holodet/core/error.h"
#include "holodet/core/timing.h"

namespace holodet::pipeline {

ReadHologram read_checked(const io::HologramInput& input, int hid) {
  const auto start = Clock::now();
  ReadHologram read;
  try {
    io::Hologram hologram = input.read(hid);
    if (std::all_of(hologram.counts.begin(), hologram.counts.end(),
                    [](std::uint16_t count) { return count == 0; })) {
      throw bad_input(input.description().path.string() + ": hologram " + std::to_string(hid) +
                      ": every pixel is 0 (no light recorded)");
    }
    read.hologram = std::move(hologram);
  } catch (const std::exception& failure) {
    read.error = failure.what();
  }
  read.seconds = seconds_since(start);
  return read;
}

void HologramProcessor::prepare(const io::InputDescription& description) {
  const bool same = detector_ && size_x_ == description.size_x && size_y_ == description.size_y &&
                    detector_->optics() == description.optics;
  if (same) {
    return;
  }
  detector_.reset();
  z_m_ = detect::run_depths(config_, description.optics);
  detector_ = detect::make_detector(method_, config_, description.optics, description.size_x,
                                    description.size_y, devices_);
  if (const std::string note = detector_->note(); !note.empty() && !quiet_) {
    say(Said::kNote, note);
  }
  size_x_ = description.size_x;
  size_y_ = description.size_y;
}

io::HologramOutcome HologramProcessor::process(const io::Hologram& hologram,
                                               const std::function<void()>& on_plane) {
  detect::Detection detection = detector_->detect(hologram, z_m_, on_plane);
  io::HologramOutcome outcome;
  outcome.record.hid = hologram.hid;
  outcome.record.status = "ok";
  outcome.record.seconds_propagation = detection.seconds.spectrum + detection.seconds.propagation;
  outcome.record.seconds_network = detection.seconds.network;
  outcome.record.seconds_analysis = detection.seconds.analysis;
  outcome.particles = std::move(detection.particles);
  outcome.record.particles = static_cast<std::int32_t>(outcome.particles.size());
  outcome.record.crowded = detection.counts.crowded_holograms > 0 ? io::kCrowded : io::kSparse;
  return outcome;
}

}  // namespace holodet::pipeline
