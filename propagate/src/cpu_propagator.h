#pragma once
// Private to propagate/: the CPU backend (FFTW single precision with threads).

#include <memory>

#include "holodet/propagate/propagator.h"

namespace holodet::propagate::detail {

std::unique_ptr<Propagator> make_cpu_propagator(const PropagatorOptions& options);

}  // namespace holodet::propagate::detail
