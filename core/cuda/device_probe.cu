// probe_devices() for CUDA builds. On a machine with the toolkit but no GPU or no driver,
// cudaGetDeviceCount fails: that is reported as the reason, never thrown, so callers fall back.
#include <cuda_runtime.h>

#include <string>

#include "holodet/core/devices.h"

namespace holodet {
namespace {

__global__ void write_marker(int* out) {
  *out = 0x484f4c4f;
}  // "HOLO"

std::string version_string(int version) {
  return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

std::string describe(cudaError_t status) {
  return std::string(cudaGetErrorName(status)) + ": " + cudaGetErrorString(status);
}

// Runs one tiny kernel: proves the build carries code for this architecture and the
// context works. Returns an empty string on success, else the reason.
std::string run_probe_kernel(int index) {
  if (cudaError_t status = cudaSetDevice(index); status != cudaSuccess) {
    return describe(status);
  }
  int* marker = nullptr;
  if (cudaError_t status = cudaMalloc(&marker, sizeof(int)); status != cudaSuccess) {
    return describe(status);
  }
  write_marker<<<1, 1>>>(marker);
  cudaError_t status = cudaGetLastError();
  int host_value = 0;
  if (status == cudaSuccess) {
    status = cudaMemcpy(&host_value, marker, sizeof(int), cudaMemcpyDeviceToHost);
  }
  cudaFree(marker);
  if (status != cudaSuccess) {
    return describe(status);
  }
  return host_value == 0x484f4c4f ? "" : "probe kernel wrote a wrong value";
}

}  // namespace

DeviceInventory probe_devices() {
  DeviceInventory inventory;
  inventory.built_with_cuda = true;
  int runtime_version = 0;
  if (cudaRuntimeGetVersion(&runtime_version) == cudaSuccess) {
    inventory.cuda_runtime_version = version_string(runtime_version);
  }
  int driver_version = 0;
  if (cudaDriverGetVersion(&driver_version) == cudaSuccess && driver_version > 0) {
    inventory.cuda_driver_version = version_string(driver_version);
  }
  int count = 0;
  if (cudaError_t status = cudaGetDeviceCount(&count); status != cudaSuccess) {
    inventory.unavailable_reason =
        "no usable CUDA device (cudaGetDeviceCount: " + describe(status) + ")";
    cudaGetLastError();  // clear the sticky error so later calls start clean
    return inventory;
  }
  for (int index = 0; index < count; ++index) {
    cudaDeviceProp properties{};
    if (cudaGetDeviceProperties(&properties, index) != cudaSuccess) {
      continue;
    }
    if (std::string failure = run_probe_kernel(index); !failure.empty()) {
      inventory.unavailable_reason += "device " + std::to_string(index) + " (" + properties.name +
                                      ") unusable: " + failure + "; ";
      continue;
    }
    std::size_t free_bytes = 0, total_bytes = 0;
    if (cudaMemGetInfo(&free_bytes, &total_bytes) != cudaSuccess) {  // the probe set the device
      free_bytes = properties.totalGlobalMem;
    }
    inventory.devices.push_back({index, properties.name, properties.totalGlobalMem,
                                 properties.major, properties.minor,
                                 properties.multiProcessorCount, free_bytes});
  }
  if (count == 0) {
    inventory.unavailable_reason = "no CUDA device found";
  }
  return inventory;
}

}  // namespace holodet
