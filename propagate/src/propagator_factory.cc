#include <cmath>
#include <string>

#include "cpu_propagator.h"
#include "cuda_propagator.h"
#include "holodet/core/error.h"
#include "holodet/propagate/propagator.h"
#include "host_kernel_propagator.h"

namespace holodet::propagate {

std::unique_ptr<Propagator> make_propagator(const PropagatorOptions& options) {
  if (options.size_x == 0 || options.size_y == 0) {
    throw bad_input("propagation: the hologram has zero size (" + std::to_string(options.size_x) +
                    " x " + std::to_string(options.size_y) + ")");
  }
  validate(options.settings.optics, "propagation");
  if (options.settings.field == FieldMode::kSqrtNormalised &&
      options.settings.background_radius_px < 1) {
    throw bad_input("propagation: background radius " +
                    std::to_string(options.settings.background_radius_px) + " px must be >= 1");
  }
  if (options.backend == Backend::kCuda) {
    return detail::make_cuda_propagator(options);
  }
  if (options.backend == Backend::kCpuKernels) {
    return detail::make_host_kernel_propagator(options);
  }
  return detail::make_cpu_propagator(options);
}

std::vector<float> counts_to_float(std::span<const std::uint16_t> counts) {
  return std::vector<float>(counts.begin(), counts.end());
}

}  // namespace holodet::propagate
