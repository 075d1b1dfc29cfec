#pragma once
// Private to propagate/: the CUDA backend (cuFFT). make_cuda_propagator throws
// Error("built without CUDA") in builds without it.

#include <memory>

#include "holodet/propagate/propagator.h"

namespace holodet::propagate::detail {

std::unique_ptr<Propagator> make_cuda_propagator(const PropagatorOptions& options);

}  // namespace holodet::propagate::detail
