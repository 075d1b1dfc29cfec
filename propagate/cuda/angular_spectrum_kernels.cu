// The angular-spectrum passes on the GPU. The transfer function is computed on the fly from
// the bin's frequencies (angular_spectrum_math.h, shared with the CPU backend): nothing is
// stored per plane, and each spectrum value is read once per batch.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include "cuda_check.h"
#include "cuda_kernels.h"
#include "holodet/propagate/angular_spectrum.h"

namespace holodet::propagate::detail {
namespace {

__device__ inline float signed_frequency(int k, int n, double pitch_m) {
  const int signed_k = k < (n + 1) / 2 ? k : k - n;
  return static_cast<float>(signed_k / (n * pitch_m));
}

__global__ void apply_transfer_function(const float2* __restrict__ spectrum,
                                        float2* __restrict__ work, FrequencyGrid grid,
                                        BatchConstants constants) {
  const long long bins = static_cast<long long>(grid.padded_x) * grid.padded_y;
  for (long long k = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; k < bins;
       k += static_cast<long long>(gridDim.x) * blockDim.x) {
    const int kx = static_cast<int>(k / grid.padded_y);
    const int ky = static_cast<int>(k % grid.padded_y);
    const float fx = signed_frequency(kx, grid.padded_x, grid.pitch_x_m);
    const float fy = signed_frequency(ky, grid.padded_y, grid.pitch_y_m);
    // g(f) = −f² / (sqrt(1/λ² − f²) + 1/λ): cancellation-free, so float suffices.
    const float inverse_wavelength = static_cast<float>(grid.inverse_wavelength);
    const float f2 = fx * fx + fy * fy;
    const float k2 = inverse_wavelength * inverse_wavelength - f2;
    const bool evanescent = k2 <= 0.0f;
    const float rate = evanescent ? 0.0f : -f2 / (sqrtf(k2) + inverse_wavelength);
    const float2 s = spectrum[k];
    for (int b = 0; b < constants.count; ++b) {
      float2 value = make_float2(0.0f, 0.0f);
      if (!evanescent && fabsf(fx) <= constants.limit_x[b] && fabsf(fy) <= constants.limit_y[b]) {
        float cycles = constants.z_m[b] * rate;
        cycles -= rintf(cycles);
        float sine, cosine;
        sincospif(2.0f * cycles, &sine, &cosine);
        value = make_float2(s.x * cosine - s.y * sine, s.x * sine + s.y * cosine);
      }
      work[b * bins + k] = value;
    }
  }
}

__global__ void crop_outputs(const float2* __restrict__ work, CropLayout layout,
                             BatchConstants constants, float2* __restrict__ field,
                             float* __restrict__ amplitude, float* __restrict__ phase) {
  const long long pixels = static_cast<long long>(layout.size_x) * layout.size_y;
  const long long padded = static_cast<long long>(layout.padded_x) * layout.padded_y;
  const long long total = pixels * constants.count;
  for (long long index = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x;
       index < total; index += static_cast<long long>(gridDim.x) * blockDim.x) {
    const int b = static_cast<int>(index / pixels);
    const long long pixel = index % pixels;
    const int i = static_cast<int>(pixel / layout.size_y);
    const int j = static_cast<int>(pixel % layout.size_y);
    const float2 w =
        work[b * padded + static_cast<long long>(i + layout.offset_x) * layout.padded_y +
             (j + layout.offset_y)];
    const float2 f = constants.factor[b];
    const float2 value = make_float2(w.x * f.x - w.y * f.y, w.x * f.y + w.y * f.x);
    if (field != nullptr) {
      field[index] = value;
    }
    if (amplitude != nullptr) {
      amplitude[index] = hypotf(value.x, value.y);
    }
    if (phase != nullptr) {
      phase[index] = atan2f(value.y, value.x);
    }
  }
}

__global__ void gather_network_tiles(const float2* __restrict__ work, CropLayout layout,
                                     BatchConstants constants, const int2* __restrict__ origins,
                                     TileGather gather, float* __restrict__ out_f32,
                                     unsigned short* __restrict__ out_f16) {
  const long long tile_values = static_cast<long long>(gather.tile_x) * gather.tile_y;
  const long long padded = static_cast<long long>(layout.padded_x) * layout.padded_y;
  const long long total = tile_values * gather.tiles * constants.count;
  for (long long index = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x;
       index < total; index += static_cast<long long>(gridDim.x) * blockDim.x) {
    const long long plane_tile = index / tile_values;
    const int b = static_cast<int>(plane_tile / gather.tiles);
    const int t = static_cast<int>(plane_tile % gather.tiles);
    const long long within = index % tile_values;
    const int tx = static_cast<int>(within / gather.tile_y);
    const int ty = static_cast<int>(within % gather.tile_y);
    const int2 origin = origins[t];
    const float2 w =
        work[b * padded +
             static_cast<long long>(layout.offset_x + origin.x + tx) * layout.padded_y +
             (layout.offset_y + origin.y + ty)];
    const float2 f = constants.factor[b];
    const float magnitude = hypotf(f.x, f.y);
    const float value = (magnitude * hypotf(w.x, w.y) - gather.offset) * gather.scale;
    if (out_f32 != nullptr) {
      out_f32[index] = value;
    } else {
      out_f16[index] = __half_as_ushort(__float2half_rn(value));
    }
  }
}

__global__ void real_to_complex(const float* __restrict__ real, float2* __restrict__ out,
                                long long count) {
  for (long long k = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; k < count;
       k += static_cast<long long>(gridDim.x) * blockDim.x) {
    out[k] = make_float2(real[k], 0.0f);
  }
}

// Grid-stride launch shape: enough blocks to fill any current GPU, capped for small frames.
unsigned blocks_for(long long work_items, int threads) {
  const long long needed = (work_items + threads - 1) / threads;
  return static_cast<unsigned>(needed < 65535 ? (needed > 0 ? needed : 1) : 65535);
}

constexpr int kThreads = 256;

}  // namespace

void launch_apply_transfer_function(const float2* spectrum, float2* work, const FrequencyGrid& grid,
                                    const BatchConstants& constants, cudaStream_t stream) {
  const long long bins = static_cast<long long>(grid.padded_x) * grid.padded_y;
  apply_transfer_function<<<blocks_for(bins, kThreads), kThreads, 0, stream>>>(spectrum, work, grid,
                                                                               constants);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void launch_crop_outputs(const float2* work, const CropLayout& layout,
                         const BatchConstants& constants, float2* field, float* amplitude,
                         float* phase, cudaStream_t stream) {
  const long long total = static_cast<long long>(layout.size_x) * layout.size_y * constants.count;
  crop_outputs<<<blocks_for(total, kThreads), kThreads, 0, stream>>>(work, layout, constants, field,
                                                                     amplitude, phase);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void launch_gather_network_tiles(const float2* work, const CropLayout& layout,
                                 const BatchConstants& constants, const int2* origins,
                                 const TileGather& gather, float* out_f32, unsigned short* out_f16,
                                 cudaStream_t stream) {
  const long long total =
      static_cast<long long>(gather.tile_x) * gather.tile_y * gather.tiles * constants.count;
  gather_network_tiles<<<blocks_for(total, kThreads), kThreads, 0, stream>>>(
      work, layout, constants, origins, gather, out_f32, out_f16);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

void launch_real_to_complex(const float* real, float2* complex_values, std::size_t count,
                            cudaStream_t stream) {
  const auto n = static_cast<long long>(count);
  real_to_complex<<<blocks_for(n, kThreads), kThreads, 0, stream>>>(real, complex_values, n);
  HOLODET_CUDA_CHECK(cudaGetLastError());
}

}  // namespace holodet::propagate::detail
