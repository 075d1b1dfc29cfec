#pragma once
// Private to propagate/: KernelPropagator's execution on the host, for `--device cpu-kernels`:
// "device" buffers and staging are host memory, the copies are memcpy, FFTW stands in for
// cuFFT behind the same plan calls, and the kernels are the CUDA kernels' own bodies run by
// the host launchers (host_kernels.h). Everything else, batching, staging and buffers, is the
// CUDA backend's code.

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "holodet/core/error.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/propagator.h"
#include "host_kernels.h"

namespace holodet::propagate::detail {

// Host memory with DeviceBuffer's interface.
template <typename T>
class HostBuffer {
 public:
  HostBuffer() = default;
  // Uninitialised, as cudaMalloc leaves device memory: every kernel writes before it reads.
  explicit HostBuffer(std::size_t count)
      : data_(std::make_unique_for_overwrite<T[]>(count)), count_(count) {}
  T* get() const { return data_.get(); }
  std::size_t size() const { return count_; }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t count_ = 0;
};

class HostExecution {
 public:
  template <typename T>
  using Buffer = HostBuffer<T>;
  template <typename T>
  using Staging = HostBuffer<T>;
  using Plan = std::unique_ptr<BatchedFft2d>;

  explicit HostExecution(const PropagatorOptions& options)
      : threads_(options.threads > 0
                     ? options.threads
                     : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
        planning_(options.fft_planning) {}

  void activate() const {}
  void upload(void* device, const void* host, std::size_t bytes) const {
    std::memcpy(device, host, bytes);
  }
  void download(void* host, const void* device, std::size_t bytes) const {
    std::memcpy(host, device, bytes);
  }
  void synchronize() const {}

  Plan make_plan(std::size_t padded_x, std::size_t padded_y, std::size_t batch, Complex32* data,
                 FftDirection direction) const {
    return std::make_unique<BatchedFft2d>(reinterpret_cast<std::complex<float>*>(data), padded_x,
                                          padded_y, batch, direction, threads_, planning_);
  }
  void execute(Plan& plan, Complex32*, FftDirection) const { plan->execute(); }

  void apply_transfer_function(const Complex32* spectrum, Complex32* work,
                               const FrequencyGrid& grid, const BatchConstants& constants) const {
    host_kernels::apply_transfer_function(spectrum, work, grid, constants, threads_);
  }
  void crop_outputs(const Complex32* work, const CropLayout& layout,
                    const BatchConstants& constants, const CropTargets& targets) const {
    host_kernels::crop_outputs(work, layout, constants, targets, threads_);
  }
  void gather_network_tiles(const Complex32* work, const CropLayout& layout,
                            const BatchConstants& constants, const Index2* origins,
                            const TileGather& gather, const TileTargets& targets) const {
    host_kernels::gather_network_tiles(work, layout, constants, origins, gather, targets, threads_);
  }
  void fold_minimum(const Complex32* work, const CropLayout& layout,
                    const BatchConstants& constants, const ProjectionTargets& targets) const {
    host_kernels::fold_minimum(work, layout, constants, targets, threads_);
  }
  void reset_minimum(const ProjectionTargets& targets, std::size_t pixels) const {
    host_kernels::reset_minimum(targets, pixels, threads_);
  }
  void real_to_complex(const float* real, Complex32* values, std::size_t count) const {
    host_kernels::real_to_complex(real, values, count, threads_);
  }

  bool on_cuda() const { return false; }
  int device() const { return 0; }
  std::string description() const {
    return "cpu-kernels (the GPU path's kernels on the host, FFTW), " + std::to_string(threads_) +
           " threads";
  }

 private:
  int threads_;
  FftPlanning planning_;
};

}  // namespace holodet::propagate::detail
