#pragma once
// Private to propagate/: CUDA and cuFFT return codes checked in every build. A failure throws
// holodet::Error (runtime) naming the expression, file:line and the error; running out of
// device memory says so, so the pipeline can retry with smaller batches.

#include <cuda_runtime_api.h>

#include <string>

#include "holodet/core/error.h"

namespace holodet::propagate::detail {

[[noreturn]] inline void throw_cuda_error(cudaError_t status, const char* expression,
                                          const char* file, int line) {
  std::string message = std::string("CUDA error ") + cudaGetErrorName(status) + " (" +
                        cudaGetErrorString(status) + ") in " + expression + " at " + file + ":" +
                        std::to_string(line);
  if (status == cudaErrorMemoryAllocation) {
    message = "CUDA out of memory: " + message;
  }
  throw runtime_failure(message);
}

[[noreturn]] void throw_cufft_error(int status, const char* expression, const char* file, int line);

}  // namespace holodet::propagate::detail

#define HOLODET_CUDA_CHECK(expression)                                                       \
  do {                                                                                       \
    const cudaError_t holodet_status_ = (expression);                                        \
    if (holodet_status_ != cudaSuccess) {                                                    \
      ::holodet::propagate::detail::throw_cuda_error(holodet_status_, #expression, __FILE__, \
                                                     __LINE__);                              \
    }                                                                                        \
  } while (false)

#define HOLODET_CUFFT_CHECK(expression)                                                       \
  do {                                                                                        \
    const int holodet_status_ = static_cast<int>(expression);                                 \
    if (holodet_status_ != 0) {                                                               \
      ::holodet::propagate::detail::throw_cufft_error(holodet_status_, #expression, __FILE__, \
                                                      __LINE__);                              \
    }                                                                                         \
  } while (false)
