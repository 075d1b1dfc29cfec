#pragma once
// The network's input values, defined once: every path that feeds a segmentation model (the
// CPU propagator's tiles, the GPU kernels compiled for CUDA and for cpu-kernels, the host cut
// of multi-channel inputs, and the training tiles) calls these, so a model sees the same
// numbers whichever path made them. Compiles for host and device (nvcc) alike.

#if defined(__CUDACC__)
#define HOLODET_NORMALISATION_FN __host__ __device__ inline
#else
#define HOLODET_NORMALISATION_FN inline
#endif

namespace holodet::propagate {

// value = (raw − offset) · scale. For the amplitude, offset and scale are the model's
// (ModelInfo::input_offset, input_scale); for the phase, phase_normalisation() below.
struct InputNormalisation {
  float offset = 0.0f;
  float scale = 1.0f;
};

HOLODET_NORMALISATION_FN float normalised_input(float raw, float offset, float scale) {
  return (raw - offset) * scale;
}

HOLODET_NORMALISATION_FN float normalised_input(float raw, const InputNormalisation& n) {
  return normalised_input(raw, n.offset, n.scale);
}

// A phase in (−π, π] becomes φ/π in (−1, 1].
inline constexpr InputNormalisation phase_normalisation() {
  return {0.0f, static_cast<float>(1.0 / 3.14159265358979323846)};
}

}  // namespace holodet::propagate
