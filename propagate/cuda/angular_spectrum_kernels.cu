// The CUDA kernels of the angular-spectrum propagation: each a grid-stride loop over its index
// space calling the body that src/kernels/kernel_bodies.h writes once for CUDA and for the
// host (the cpu-kernels launchers in src/host_kernels.cc run the same bodies).
#include <cuda_runtime.h>

#include "../src/cuda_check.h"
#include "../src/cuda_kernels.h"
#include "../src/kernels/kernel_bodies.h"

namespace holodet::propagate::detail::cuda_kernels {
namespace {

__device__ inline long long first_index() {
  return blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x;
}
__device__ inline long long index_stride() {
  return static_cast<long long>(gridDim.x) * blockDim.x;
}

__global__ void apply_transfer_function_kernel(const Complex32* __restrict__ spectrum,
                                               Complex32* __restrict__ work, FrequencyGrid grid,
                                               BatchConstants constants) {
  const long long bins = static_cast<long long>(grid.padded_x) * grid.padded_y;
  for (long long k = first_index(); k < bins; k += index_stride()) {
    transfer_function_bin(k, spectrum, work, grid, constants);
  }
}

__global__ void crop_outputs_kernel(const Complex32* __restrict__ work, CropLayout layout,
                                    BatchConstants constants, CropTargets targets) {
  const long long total = static_cast<long long>(layout.size_x) * layout.size_y * constants.count;
  for (long long index = first_index(); index < total; index += index_stride()) {
    crop_output(index, work, layout, constants, targets);
  }
}

__global__ void gather_network_tiles_kernel(const Complex32* __restrict__ work, CropLayout layout,
                                            BatchConstants constants,
                                            const Index2* __restrict__ origins, TileGather gather,
                                            TileTargets targets) {
  const long long total =
      static_cast<long long>(gather.tile_x) * gather.tile_y * gather.tiles * constants.count;
  for (long long index = first_index(); index < total; index += index_stride()) {
    gather_tile_value(index, work, layout, constants, origins, gather, targets);
  }
}

__global__ void fold_minimum_kernel(const Complex32* __restrict__ work, CropLayout layout,
                                    BatchConstants constants, ProjectionTargets targets) {
  const long long pixels = static_cast<long long>(layout.size_x) * layout.size_y;
  for (long long index = first_index(); index < pixels; index += index_stride()) {
    fold_minimum_pixel(index, work, layout, constants, targets);
  }
}

__global__ void reset_minimum_kernel(ProjectionTargets targets, long long pixels) {
  for (long long index = first_index(); index < pixels; index += index_stride()) {
    reset_minimum_pixel(index, targets);
  }
}

__global__ void real_to_complex_kernel(const float* __restrict__ real,
                                       Complex32* __restrict__ values, long long count) {
  for (long long k = first_index(); k < count; k += index_stride()) {
    real_to_complex_value(k, real, values);
  }
}

// Grid-stride launch shape: enough blocks to fill any current GPU, capped for small frames.
unsigned blocks_for(long long work_items, int threads) {
  const long long needed = (work_items + threads - 1) / threads;
  return static_cast<unsigned>(needed < 65535 ? (needed > 0 ? needed : 1) : 65535);
}

constexpr int kThreads = 256;

}  // namespace

void apply_transfer_function(const Complex32* spectrum, Complex32* work, const FrequencyGrid& grid,
                             const BatchConstants& constants, cudaStream_t stream) {
  const long long bins = static_cast<long long>(grid.padded_x) * grid.padded_y;
  apply_transfer_function_kernel<<<blocks_for(bins, kThreads), kThreads, 0, stream>>>(
      spectrum, work, grid, constants);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void crop_outputs(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const CropTargets& targets, cudaStream_t stream) {
  const long long total = static_cast<long long>(layout.size_x) * layout.size_y * constants.count;
  crop_outputs_kernel<<<blocks_for(total, kThreads), kThreads, 0, stream>>>(work, layout, constants,
                                                                            targets);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void gather_network_tiles(const Complex32* work, const CropLayout& layout,
                          const BatchConstants& constants, const Index2* origins,
                          const TileGather& gather, const TileTargets& targets,
                          cudaStream_t stream) {
  const long long total =
      static_cast<long long>(gather.tile_x) * gather.tile_y * gather.tiles * constants.count;
  gather_network_tiles_kernel<<<blocks_for(total, kThreads), kThreads, 0, stream>>>(
      work, layout, constants, origins, gather, targets);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void fold_minimum(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const ProjectionTargets& targets, cudaStream_t stream) {
  const long long pixels = static_cast<long long>(layout.size_x) * layout.size_y;
  fold_minimum_kernel<<<blocks_for(pixels, kThreads), kThreads, 0, stream>>>(work, layout,
                                                                             constants, targets);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void reset_minimum(const ProjectionTargets& targets, std::size_t pixels, cudaStream_t stream) {
  const auto n = static_cast<long long>(pixels);
  reset_minimum_kernel<<<blocks_for(n, kThreads), kThreads, 0, stream>>>(targets, n);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void real_to_complex(const float* real, Complex32* values, std::size_t count, cudaStream_t stream) {
  const auto n = static_cast<long long>(count);
  real_to_complex_kernel<<<blocks_for(n, kThreads), kThreads, 0, stream>>>(real, values, n);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

}  // namespace holodet::propagate::detail::cuda_kernels
