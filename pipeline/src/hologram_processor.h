#pragma once
// The work on one hologram of a batch run: reading it (checked: an all-zero frame is a failed
// hologram, not an empty one) and detecting its particles with the run's detector, remade only
// when an archive's frame size or optics differ from the last one's.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/devices.h"
#include "holodet/detect/detector.h"
#include "holodet/detect/method.h"
#include "holodet/io/batch_journal.h"
#include "holodet/io/hologram.h"
#include "holodet/io/hologram_input.h"

namespace holodet::pipeline {

struct ReadHologram {
  std::optional<io::Hologram> hologram;
  double seconds = 0;
  std::string error;
};

// Never throws: a failure is the result's error.
ReadHologram read_checked(const io::HologramInput& input, int hid);

// The run's state shared by the archives: the detector (remade, with its model, when the
// frame size or optics change).
class HologramProcessor {
 public:
  HologramProcessor(const config::Config& config, detect::Method method,
                    const DeviceChoice& devices, bool quiet)
      : config_(config), method_(method), devices_(devices), quiet_(quiet) {}

  // Readies the detector for an archive; throws for an archive the model refuses.
  void prepare(const io::InputDescription& description);

  // Plane steps of one hologram, as `process` reports them (pass 1 with its guard planes).
  std::size_t plane_steps() const { return detector_->plane_steps(z_m_); }

  io::HologramOutcome process(const io::Hologram& hologram, const std::function<void()>& on_plane);

  std::string device() const { return detector_ ? detector_->device() : ""; }

 private:
  const config::Config& config_;
  detect::Method method_;
  DeviceChoice devices_;
  bool quiet_ = false;
  std::unique_ptr<detect::Detector> detector_;
  std::vector<double> z_m_;
  std::size_t size_x_ = 0, size_y_ = 0;
};

}  // namespace holodet::pipeline
