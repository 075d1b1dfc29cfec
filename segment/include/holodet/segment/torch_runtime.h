#pragma once
// LibTorch's process-wide settings. Debian's LibTorch starts with a single intra-op thread,
// which halves CPU inference speed on a two-core machine: the tools set it from --threads.

#include <string>

namespace holodet::segment {

// Sets LibTorch's intra-op thread count; 0 means all hardware threads. Returns the count set.
int set_torch_threads(int threads);

// "LibTorch 1.13.0 (CPU)" or "LibTorch 2.11.0 (CUDA 13.0, 1 device)".
std::string torch_description();

// Multiply-adds per second of a wide 3×3 convolution (float32 on the CPU, float16 on CUDA) on
// `device` ("cpu" or "cuda:N"): the rate a network's convolutions are measured against.
double measure_multiply_add_rate(const std::string& device);

}  // namespace holodet::segment
