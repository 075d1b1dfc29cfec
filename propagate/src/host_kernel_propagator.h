#pragma once
// Private to propagate/: the GPU backend with its kernels run on the host (`--device
// cpu-kernels`), built in every build, with or without CUDA.

#include <memory>

#include "holodet/propagate/propagator.h"

namespace holodet::propagate::detail {

std::unique_ptr<Propagator> make_host_kernel_propagator(const PropagatorOptions& options);

}  // namespace holodet::propagate::detail
