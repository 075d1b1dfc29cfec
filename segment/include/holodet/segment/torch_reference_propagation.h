#pragma once
// A plain LibTorch implementation of angular-spectrum propagation: fft2 · H · ifft2 with torch
// ops, what one writes without holodet. `holodet bench --compare-torch` times it on the same
// device and padded size as holodet's propagator, so the ratio measures holodet's own work.

#include <cstddef>
#include <span>
#include <string>

namespace holodet::segment {

struct TorchReferenceTiming {
  double seconds_per_plane = 0;
  std::string device;  // "cpu" or "cuda:0"
};

// Propagates `counts` (size_x × size_y, [x][y]) padded to padded_x × padded_y to each depth
// in z_m and copies each cropped amplitude plane to the host, after one warm-up plane.
// `cuda_device` < 0 runs on the CPU. Throws runtime_failure when LibTorch lacks CUDA.
TorchReferenceTiming time_torch_reference(std::span<const float> counts, std::size_t size_x,
                                          std::size_t size_y, std::size_t padded_x,
                                          std::size_t padded_y, double pitch_x_m, double pitch_y_m,
                                          double wavelength_m, std::span<const double> z_m,
                                          int cuda_device);

}  // namespace holodet::segment
