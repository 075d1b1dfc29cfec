#pragma once
// Private to propagate/: RAII owners of CUDA resources. Movable, not copyable; each frees
// what it owns on the device it was made on.

#include <cuda_runtime_api.h>
#include <cufft.h>

#include <cstddef>
#include <utility>

#include "cuda_check.h"

namespace holodet::propagate::detail {

enum class Memory {
  kDevice,      // cudaMalloc
  kPinnedHost,  // cudaMallocHost: page-locked, so asynchronous copies overlap with kernels
};

template <typename T, Memory kMemory>
class CudaBuffer {
 public:
  CudaBuffer() = default;
  explicit CudaBuffer(std::size_t count) : count_(count) {
    void** target = reinterpret_cast<void**>(&data_);
    if constexpr (kMemory == Memory::kDevice) {
      HOLODET_CUDA_CHECK(cudaMalloc(target, count * sizeof(T)));
    } else {
      HOLODET_CUDA_CHECK(cudaMallocHost(target, count * sizeof(T)));
    }
  }
  ~CudaBuffer() {
    if (data_ == nullptr) {
      return;
    }
    if constexpr (kMemory == Memory::kDevice) {
      cudaFree(data_);
    } else {
      cudaFreeHost(data_);
    }
  }
  CudaBuffer(CudaBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), count_(std::exchange(other.count_, 0)) {}
  CudaBuffer& operator=(CudaBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(count_, other.count_);
    return *this;
  }
  CudaBuffer(const CudaBuffer&) = delete;
  CudaBuffer& operator=(const CudaBuffer&) = delete;

  T* get() const { return data_; }
  std::size_t size() const { return count_; }

 private:
  T* data_ = nullptr;
  std::size_t count_ = 0;
};

template <typename T>
using DeviceBuffer = CudaBuffer<T, Memory::kDevice>;
template <typename T>
using PinnedBuffer = CudaBuffer<T, Memory::kPinnedHost>;

class Stream {
 public:
  Stream() { HOLODET_CUDA_CHECK(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking)); }
  ~Stream() {
    if (stream_ != nullptr) {
      cudaStreamDestroy(stream_);
    }
  }
  Stream(Stream&& other) noexcept : stream_(std::exchange(other.stream_, nullptr)) {}
  Stream& operator=(Stream&& other) noexcept {
    std::swap(stream_, other.stream_);
    return *this;
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  cudaStream_t get() const { return stream_; }

 private:
  cudaStream_t stream_ = nullptr;
};

// A 2-D complex-to-complex cuFFT plan for `batch` frames of padded_x × padded_y, bound to
// `stream`. cuFFT's multi-dimensional layout is row-major like our [x][y] frames: n[0] is the
// slower axis (x), n[1] the contiguous one (y); no transposition is involved.
class CufftPlan {
 public:
  CufftPlan(int padded_x, int padded_y, int batch, cudaStream_t stream) {
    int n[2] = {padded_x, padded_y};
    const int distance = padded_x * padded_y;
    HOLODET_CUFFT_CHECK(
        cufftPlanMany(&plan_, 2, n, nullptr, 1, distance, nullptr, 1, distance, CUFFT_C2C, batch));
    HOLODET_CUFFT_CHECK(cufftSetStream(plan_, stream));
  }
  ~CufftPlan() {
    if (plan_ != 0) {
      cufftDestroy(plan_);
    }
  }
  CufftPlan(CufftPlan&& other) noexcept : plan_(std::exchange(other.plan_, 0)) {}
  CufftPlan& operator=(CufftPlan&& other) noexcept {
    std::swap(plan_, other.plan_);
    return *this;
  }
  CufftPlan(const CufftPlan&) = delete;
  CufftPlan& operator=(const CufftPlan&) = delete;

  cufftHandle get() const { return plan_; }

 private:
  cufftHandle plan_ = 0;
};

}  // namespace holodet::propagate::detail
