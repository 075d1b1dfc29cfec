// The CUDA backend: KernelPropagator (kernel_propagator.h) over CudaExecution. One propagator
// per device and worker: the pipeline fans planes out by making one each.
#include "cuda_propagator.h"

#include <cufft.h>

#include <string>

#include "cuda_execution.h"
#include "holodet/core/error.h"
#include "kernel_propagator.h"

namespace holodet::propagate::detail {

void throw_cufft_error(int status, const char* expression, const char* file, int line) {
  std::string message = "cuFFT error " + std::to_string(status) + " in " + expression + " at " +
                        file + ":" + std::to_string(line);
  if (status == CUFFT_ALLOC_FAILED) {
    message = "CUDA out of memory: " + message;
  }
  throw runtime_failure(message);
}

std::unique_ptr<Propagator> make_cuda_propagator(const PropagatorOptions& options) {
  return std::make_unique<KernelPropagator<CudaExecution>>(options);
}

}  // namespace holodet::propagate::detail
