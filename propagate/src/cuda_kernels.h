#pragma once
// Private to propagate/: the CUDA launchers of the angular-spectrum kernels (bodies in
// kernels/kernel_bodies.h, kernels in cuda/angular_spectrum_kernels.cu). Plain C++
// declarations, so host code needs no nvcc. Pointers are device memory; every launcher
// enqueues on `stream` and checks the launch; none synchronises. host_kernels.h declares the
// same launchers for the host.

#include <cuda_runtime_api.h>

#include <cstddef>

#include "kernels/kernel_types.h"

namespace holodet::propagate::detail::cuda_kernels {

// work[b][k] = spectrum[k] · H_{z_b}(k) for b < constants.count.
void apply_transfer_function(const Complex32* spectrum, Complex32* work, const FrequencyGrid& grid,
                             const BatchConstants& constants, cudaStream_t stream);

// For each plane b and hologram pixel: work[b][padded pixel] · factor[b] to the targets.
void crop_outputs(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const CropTargets& targets, cudaStream_t stream);

// For each plane b, tile t and tile pixel: the network input, [b][t][tx][ty].
void gather_network_tiles(const Complex32* work, const CropLayout& layout,
                          const BatchConstants& constants, const Index2* origins,
                          const TileGather& gather, const TileTargets& targets,
                          cudaStream_t stream);

// values[k] = (real[k], 0) for `count` values.
// For each hologram pixel: the batch's amplitudes folded into the running projection.
void fold_minimum(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const ProjectionTargets& targets, cudaStream_t stream);

// Every pixel of the projection back to "no plane yet".
void reset_minimum(const ProjectionTargets& targets, std::size_t pixels, cudaStream_t stream);

void real_to_complex(const float* real, Complex32* values, std::size_t count, cudaStream_t stream);

}  // namespace holodet::propagate::detail::cuda_kernels
