// make_cuda_propagator() in builds without CUDA: says so instead of vanishing.
#include "cuda_propagator.h"
#include "holodet/core/error.h"

namespace holodet::propagate::detail {

std::unique_ptr<Propagator> make_cuda_propagator(const PropagatorOptions&) {
  throw bad_input("propagation: --device cuda requested, but holodet was built without CUDA");
}

}  // namespace holodet::propagate::detail
