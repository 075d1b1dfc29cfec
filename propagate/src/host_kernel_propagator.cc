// `--device cpu-kernels`: KernelPropagator (the CUDA backend's code) over HostExecution.
#include "host_kernel_propagator.h"

#include "host_execution.h"
#include "kernel_propagator.h"

namespace holodet::propagate::detail {

std::unique_ptr<Propagator> make_host_kernel_propagator(const PropagatorOptions& options) {
  return std::make_unique<KernelPropagator<HostExecution>>(options);
}

}  // namespace holodet::propagate::detail
