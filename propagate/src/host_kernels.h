#pragma once
// Private to propagate/: the host launchers of the angular-spectrum kernels for `--device
// cpu-kernels`: the same bodies (kernels/kernel_bodies.h) and index spaces as the CUDA
// launchers (cuda_kernels.h), run by an OpenMP loop on `threads` threads. Pointers are host
// memory; each call returns when its work is done.

#include <cstddef>

#include "kernels/kernel_types.h"

namespace holodet::propagate::detail::host_kernels {

void apply_transfer_function(const Complex32* spectrum, Complex32* work, const FrequencyGrid& grid,
                             const BatchConstants& constants, int threads);

void crop_outputs(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const CropTargets& targets, int threads);

void gather_network_tiles(const Complex32* work, const CropLayout& layout,
                          const BatchConstants& constants, const Index2* origins,
                          const TileGather& gather, const TileTargets& targets, int threads);

// For each hologram pixel: the batch's amplitudes folded into the running projection.
void fold_minimum(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const ProjectionTargets& targets, int threads);

// Every pixel of the projection back to "no plane yet".
void reset_minimum(const ProjectionTargets& targets, std::size_t pixels, int threads);

void real_to_complex(const float* real, Complex32* values, std::size_t count, int threads);

}  // namespace holodet::propagate::detail::host_kernels
