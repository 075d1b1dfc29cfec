#pragma once
// Which compute devices this process can use, and the choice among them. Plain C++: callers
// need no CUDA headers. Without CUDA (not built, no driver, no GPU) every stage runs on the CPU.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace holodet {

struct CudaDevice {
  int index = 0;
  std::string name;
  std::size_t memory_bytes = 0;
  int compute_major = 0;
  int compute_minor = 0;
  int multiprocessors = 0;
  std::size_t free_memory_bytes = 0;  // free when probed (other processes hold the rest)
};

struct DeviceInventory {
  bool built_with_cuda = false;
  std::string cuda_runtime_version;  // e.g. "13.0"; empty without CUDA
  std::string cuda_driver_version;   // e.g. "13.0"; empty when no driver answers
  std::vector<CudaDevice> devices;   // usable devices only: each ran a probe kernel
  std::string unavailable_reason;    // why `devices` is empty (or why some were dropped)
};

// Queries the CUDA runtime and runs a one-thread kernel on each device, so a device whose
// architecture this build has no code for is reported here rather than at the first launch.
DeviceInventory probe_devices();

// kCpuKernels: the GPU pipeline (batching, staging, device buffers, the kernels, the network
// on device tensors) with its kernels compiled for and run on the CPU, FFTW for cuFFT. For
// testing the GPU path where there is no GPU (every CI run); slower than kCpu.
enum class Backend { kCpu, kCuda, kCpuKernels };

// "cpu", "cuda", "cpu-kernels".
const char* backend_name(Backend backend);

struct DeviceChoice {
  Backend backend = Backend::kCpu;
  std::vector<int> cuda_indices;  // the devices to use when backend == kCuda
  std::string fallback_note;      // set when "auto" fell back to the CPU: print it once
};

// `request` is "auto", "cpu", "cpu-kernels", "cuda" (all devices), "cuda:N" or a comma list
// "0,1".
// "auto" falls back to the CPU when no device is usable; an explicit CUDA request that cannot
// be met is bad input naming the option.
DeviceChoice choose_devices(std::string_view request, const DeviceInventory& inventory);

// Throws bad_input when `request` is not of a form choose_devices accepts.
void check_device_request(std::string_view request);

}  // namespace holodet
