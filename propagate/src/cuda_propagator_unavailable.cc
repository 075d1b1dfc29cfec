// make_cuda_propagator() and measure_cuda_bandwidth() in builds without CUDA: say so instead
// of vanishing.
#include "cuda_propagator.h"
#include "holodet/core/error.h"
#include "holodet/propagate/device_bandwidth.h"

namespace holodet::propagate::detail {

std::unique_ptr<Propagator> make_cuda_propagator(const PropagatorOptions&) {
  throw bad_input("propagation: --device cuda requested, but holodet was built without CUDA");
}

}  // namespace holodet::propagate::detail

namespace holodet::propagate {

double measure_cuda_bandwidth(int) {
  throw bad_input("bench: a CUDA bandwidth was asked for, but holodet was built without CUDA");
}

}  // namespace holodet::propagate
