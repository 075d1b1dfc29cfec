#pragma once
// Private to propagate/: the plain types the angular-spectrum kernels read and write. They are
// shared by the two compilations of every kernel body (kernel_bodies.h): nvcc's for CUDA and
// the host compiler's for `--device cpu-kernels`, so they hold no CUDA types. Complex32 and
// Index2 have the layout of CUDA's float2 and int2 (and of cufftComplex and
// std::complex<float>), which the CUDA launchers rely on when they cast.

#include <cstddef>

#if defined(__CUDACC__)
#define HOLODET_KERNEL_FN __host__ __device__ inline
#else
#define HOLODET_KERNEL_FN inline
#endif

namespace holodet::propagate::detail {

struct alignas(8) Complex32 {
  float x;  // real part
  float y;  // imaginary part
};

struct alignas(8) Index2 {
  int x;
  int y;
};

inline constexpr int kMaxKernelBatch = 16;

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
  float z_m[kMaxKernelBatch] = {};
  float limit_x[kMaxKernelBatch] = {};  // |fx| above this is zeroed (1/m); +inf without band limit
  float limit_y[kMaxKernelBatch] = {};
  Complex32 factor[kMaxKernelBatch] = {};
};

struct CropLayout {
  int size_x = 0;  // hologram
  int size_y = 0;
  int padded_x = 0;
  int padded_y = 0;
  int offset_x = 0;  // hologram's origin in the padded frame
  int offset_y = 0;
};

struct TileGather {
  int tile_x = 0;  // tile extent along x and y
  int tile_y = 0;
  int tiles = 0;
  float offset = 0.0f;  // value = (|E| − offset) · scale (network_normalisation.h)
  float scale = 1.0f;
};

// Where each output goes; a null pointer is an output not requested.
struct CropTargets {
  Complex32* field = nullptr;
  float* amplitude = nullptr;
  float* phase = nullptr;
};

// A running minimum-amplitude projection: per hologram pixel the least amplitude so far and
// the depth (m) of the plane that had it.
struct ProjectionTargets {
  float* minimum = nullptr;
  float* depth_m = nullptr;
};

// One of the two: float32 values, or IEEE-half bits.
struct TileTargets {
  float* f32 = nullptr;
  unsigned short* f16 = nullptr;
};

}  // namespace holodet::propagate::detail
