#include "holodet/detect/reconstruction.h"

#include <algorithm>

#include "configured_modes.h"
#include "holodet/core/error.h"
#include "holodet/core/memory_limits.h"

namespace holodet::detect {

propagate::PropagationSettings propagation_settings(const config::Config& config,
                                                    const Optics& optics) {
  const config::ReconstructionConfig& r = config.reconstruction;
  propagate::PropagationSettings settings;
  settings.optics = optics;
  settings.field = field_mode(config);
  settings.pad = pad_mode(config);
  settings.band_limit = r.band_limit;
  settings.remove_carrier = r.remove_carrier;
  settings.background_radius_px = r.background_radius_px;
  settings.min_padding_px = static_cast<std::size_t>(r.min_padding_px);
  return settings;
}

DeviceChoice choose_run_devices(const config::Config& config) {
  if (config.runtime.device == "cpu") {
    return DeviceChoice{};  // no need to wake the CUDA runtime
  }
  return choose_devices(config.runtime.device, probe_devices());
}

std::unique_ptr<propagate::Propagator> make_run_propagator(std::size_t size_x, std::size_t size_y,
                                                           const config::Config& config,
                                                           const Optics& optics,
                                                           const DeviceChoice& devices) {
  if (devices.backend != Backend::kCuda) {
    // Per pixel: the spectrum and transfer function (complex) and, per batched plane, the
    // complex field with its amplitude: refused before any of it is allocated.
    const double batch = std::max(1, config.reconstruction.batch_planes);
    check_fits_in_memory("reconstruction", size_x, size_y, 24.0 + 12.0 * batch,
                         "propagating " + std::to_string(static_cast<int>(batch)) +
                             " planes at a time (reconstruction.batch_planes) a frame");
  }
  propagate::PropagatorOptions options;
  options.size_x = size_x;
  options.size_y = size_y;
  options.settings = propagation_settings(config, optics);
  options.backend = devices.backend;
  options.cuda_device = devices.cuda_indices.empty() ? 0 : devices.cuda_indices.front();
  options.threads = config.runtime.threads;
  options.max_batch = static_cast<std::size_t>(config.reconstruction.batch_planes);
  options.fft_planning = fft_planning(config);
  return propagate::make_propagator(options);
}

}  // namespace holodet::detect
