#include <algorithm>

#include "cuda_check.h"
#include "cuda_resources.h"
#include "holodet/propagate/device_bandwidth.h"

namespace holodet::propagate {

double measure_cuda_bandwidth(int device) {
  using detail::DeviceBuffer;
  HOLODET_CUDA_CHECK(cudaSetDevice(device));
  const std::size_t bytes = std::size_t{1} << 30;
  DeviceBuffer<char> from(bytes), to(bytes);
  HOLODET_CUDA_CHECK(cudaMemset(from.get(), 1, bytes));
  cudaEvent_t start = nullptr, stop = nullptr;
  HOLODET_CUDA_CHECK(cudaEventCreate(&start));
  HOLODET_CUDA_CHECK(cudaEventCreate(&stop));
  double best = 0;
  for (int round = 0; round < 6; ++round) {  // the first one warms up
    HOLODET_CUDA_CHECK(cudaEventRecord(start));
    HOLODET_CUDA_CHECK(cudaMemcpy(to.get(), from.get(), bytes, cudaMemcpyDeviceToDevice));
    HOLODET_CUDA_CHECK(cudaEventRecord(stop));
    HOLODET_CUDA_CHECK(cudaEventSynchronize(stop));
    float milliseconds = 0;
    HOLODET_CUDA_CHECK(cudaEventElapsedTime(&milliseconds, start, stop));
    if (round > 0 && milliseconds > 0) {
      best = std::max(best, 2.0 * static_cast<double>(bytes) / (milliseconds * 1e-3));
    }
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return best;
}

}  // namespace holodet::propagate
