#pragma once
// Private to propagate/: launchers of the angular-spectrum kernels (propagate/cuda/). Plain
// C++ declarations, so host code needs no nvcc. Pointers are device memory; every launcher
// enqueues on `stream` (last argument) and checks the launch; none synchronises.

#include <cuda_runtime_api.h>
#include <vector_types.h>

#include <cstddef>

namespace holodet::propagate::detail {

inline constexpr int kMaxCudaBatch = 16;

struct FrequencyGrid {
  int padded_x = 0;
  int padded_y = 0;
  double pitch_x_m = 0;
  double pitch_y_m = 0;
  double inverse_wavelength = 0;  // 1/λ in 1/m
};

// Per-plane constants of one batch: depth, band limits and the output factor (the 1/N of the
// inverse transform times the carrier phase, or 1/N alone when the carrier is removed).
struct BatchConstants {
  int count = 0;
  float z_m[kMaxCudaBatch] = {};
  float limit_x[kMaxCudaBatch] = {};  // |fx| above this is zeroed (1/m); +inf without band limit
  float limit_y[kMaxCudaBatch] = {};
  float2 factor[kMaxCudaBatch] = {};
};

// work[b][k] = spectrum[k] · H_{z_b}(k) for b < constants.count, H computed on the fly
// (nothing stored per plane). One read of the spectrum serves the whole batch.
void launch_apply_transfer_function(const float2* spectrum, float2* work, const FrequencyGrid& grid,
                                    const BatchConstants& constants, cudaStream_t stream);

struct CropLayout {
  int size_x = 0;  // hologram
  int size_y = 0;
  int padded_x = 0;
  int padded_y = 0;
  int offset_x = 0;  // hologram's origin in the padded frame
  int offset_y = 0;
};

// For each plane b and hologram pixel: value = work[b][padded pixel] · factor[b]; writes the
// outputs whose pointer is not null ([b][x][y], size_x·size_y per plane).
void launch_crop_outputs(const float2* work, const CropLayout& layout,
                         const BatchConstants& constants, float2* field, float* amplitude,
                         float* phase, cudaStream_t stream);

struct TileGather {
  int tile_x = 0;  // tile extent along x and y
  int tile_y = 0;
  int tiles = 0;
  float offset = 0.0f;  // value = (|E| − offset) · scale
  float scale = 1.0f;
};

// For each plane b, tile t (origin origins[t] in hologram pixels) and tile pixel (tx, ty):
// the network input value, to float32 `out_f32` or IEEE-half bits `out_f16` (one non-null),
// [b][t][tx][ty].
void launch_gather_network_tiles(const float2* work, const CropLayout& layout,
                                 const BatchConstants& constants, const int2* origins,
                                 const TileGather& gather, float* out_f32, unsigned short* out_f16,
                                 cudaStream_t stream);

// complex[k] = (real[k], 0) for `count` values.
void launch_real_to_complex(const float* real, float2* complex_values, std::size_t count,
                            cudaStream_t stream);

}  // namespace holodet::propagate::detail
