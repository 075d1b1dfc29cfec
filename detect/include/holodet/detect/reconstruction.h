#pragma once
// From a configuration to a propagator and its planes: where the pipeline meets propagate/.

#include <memory>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/devices.h"
#include "holodet/propagate/propagator.h"

namespace holodet::detect {

propagate::PropagationSettings propagation_settings(const config::Config& config,
                                                    const Optics& optics);

// The devices a run uses: config.runtime.device against what this machine has. When "auto"
// falls back to the CPU, the note says why (the tools print it once).
DeviceChoice choose_run_devices(const config::Config& config);

// A propagator for holograms of size_x × size_y on the first device of `devices`.
std::unique_ptr<propagate::Propagator> make_run_propagator(std::size_t size_x, std::size_t size_y,
                                                           const config::Config& config,
                                                           const Optics& optics,
                                                           const DeviceChoice& devices);

}  // namespace holodet::detect
