#pragma once
// The particles a detector finds in holograms of a committed sample, as `holodet detect` runs
// it (the archive's own optics, the configuration's depths), without the job around it.

#include <filesystem>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/detect/detector.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/hologram_input.h"

namespace holodet::detect {

inline io::ParticleTable particles_in_sample(const std::filesystem::path& sample, Method method,
                                             const config::Config& config,
                                             std::vector<int> hids = {}) {
  const io::HologramInput input(sample, config.requested_optics());
  const io::InputDescription& description = input.description();
  const auto detector = make_detector(method, config, description.optics, description.size_x,
                                      description.size_y, choose_run_devices(config));
  const std::vector<double> z_m = run_depths(config, description.optics);
  io::ParticleTable found;
  for (int hid : input.checked_ids(std::move(hids))) {
    found.append_rows(detector->detect(input.read(hid), z_m).particles);
  }
  return found;
}

}  // namespace holodet::detect
