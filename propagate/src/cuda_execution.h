#pragma once
// Private to propagate/: KernelPropagator's execution on a CUDA device: device memory, pinned
// staging, one non-blocking stream, cuFFT and the CUDA kernels (cuda_kernels.h).

#include <cufft.h>

#include <memory>
#include <string>

#include "cuda_kernels.h"
#include "cuda_resources.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/propagator.h"

namespace holodet::propagate::detail {

class CudaExecution {
 public:
  template <typename T>
  using Buffer = DeviceBuffer<T>;
  template <typename T>
  using Staging = PinnedBuffer<T>;
  using Plan = std::unique_ptr<CufftPlan>;

  explicit CudaExecution(const PropagatorOptions& options) : device_(options.cuda_device) {
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    cudaDeviceProp properties{};
    HOLODET_CUDA_CHECK(cudaGetDeviceProperties(&properties, device_));
    device_name_ = properties.name;
    stream_ = std::make_unique<Stream>();  // made after cudaSetDevice: it belongs to device_
  }

  void activate() const { HOLODET_CUDA_CHECK(cudaSetDevice(device_)); }
  void upload(void* device, const void* host, std::size_t bytes) const {
    HOLODET_CUDA_CHECK(
        cudaMemcpyAsync(device, host, bytes, cudaMemcpyHostToDevice, stream_->get()));
  }
  void download(void* host, const void* device, std::size_t bytes) const {
    HOLODET_CUDA_CHECK(
        cudaMemcpyAsync(host, device, bytes, cudaMemcpyDeviceToHost, stream_->get()));
  }
  void synchronize() const { HOLODET_CUDA_CHECK(cudaStreamSynchronize(stream_->get())); }

  Plan make_plan(std::size_t padded_x, std::size_t padded_y, std::size_t batch, Complex32*,
                 FftDirection) const {
    return std::make_unique<CufftPlan>(static_cast<int>(padded_x), static_cast<int>(padded_y),
                                       static_cast<int>(batch), stream_->get());
  }
  void execute(Plan& plan, Complex32* data, FftDirection direction) const {
    auto* values = reinterpret_cast<cufftComplex*>(data);
    HOLODET_CUFFT_CHECK(
        cufftExecC2C(plan->get(), values, values,
                     direction == FftDirection::kForward ? CUFFT_FORWARD : CUFFT_INVERSE));
  }

  void apply_transfer_function(const Complex32* spectrum, Complex32* work,
                               const FrequencyGrid& grid, const BatchConstants& constants) const {
    cuda_kernels::apply_transfer_function(spectrum, work, grid, constants, stream_->get());
  }
  void crop_outputs(const Complex32* work, const CropLayout& layout,
                    const BatchConstants& constants, const CropTargets& targets) const {
    cuda_kernels::crop_outputs(work, layout, constants, targets, stream_->get());
  }
  void gather_network_tiles(const Complex32* work, const CropLayout& layout,
                            const BatchConstants& constants, const Index2* origins,
                            const TileGather& gather, const TileTargets& targets) const {
    cuda_kernels::gather_network_tiles(work, layout, constants, origins, gather, targets,
                                       stream_->get());
  }
  void fold_minimum(const Complex32* work, const CropLayout& layout,
                    const BatchConstants& constants, const ProjectionTargets& targets) const {
    cuda_kernels::fold_minimum(work, layout, constants, targets, stream_->get());
  }
  void reset_minimum(const ProjectionTargets& targets, std::size_t pixels) const {
    cuda_kernels::reset_minimum(targets, pixels, stream_->get());
  }
  void real_to_complex(const float* real, Complex32* values, std::size_t count) const {
    cuda_kernels::real_to_complex(real, values, count, stream_->get());
  }

  bool on_cuda() const { return true; }
  int device() const { return device_; }
  std::string description() const {
    return "CUDA cuFFT on cuda:" + std::to_string(device_) + " (" + device_name_ + ")";
  }

 private:
  int device_;
  std::string device_name_;
  std::unique_ptr<Stream> stream_;
};

}  // namespace holodet::propagate::detail
