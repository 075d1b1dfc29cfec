#include "holodet/segment/torch_reference_propagation.h"

#include <torch/torch.h>

#include <chrono>
#include <numbers>

#include "holodet/core/error.h"

namespace holodet::segment {

TorchReferenceTiming time_torch_reference(std::span<const float> counts, std::size_t size_x,
                                          std::size_t size_y, std::size_t padded_x,
                                          std::size_t padded_y, double pitch_x_m, double pitch_y_m,
                                          double wavelength_m, std::span<const double> z_m,
                                          int cuda_device) {
  if (cuda_device >= 0 && !torch::cuda::is_available()) {
    throw runtime_failure("--compare-torch: this LibTorch has no CUDA");
  }
  const torch::Device device =
      cuda_device >= 0 ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(cuda_device))
                       : torch::Device(torch::kCPU);
  torch::InferenceMode inference;
  const auto nx = static_cast<std::int64_t>(size_x), ny = static_cast<std::int64_t>(size_y);
  const auto px = static_cast<std::int64_t>(padded_x), py = static_cast<std::int64_t>(padded_y);
  const auto real = torch::TensorOptions().dtype(torch::kFloat32).device(device);
  const torch::Tensor frame =
      torch::from_blob(const_cast<float*>(counts.data()), {nx, ny}, torch::kFloat32).to(device);
  const torch::Tensor padded =
      torch::nn::functional::pad(
          frame.unsqueeze(0).unsqueeze(0),
          torch::nn::functional::PadFuncOptions({0, py - ny, 0, px - nx}).mode(torch::kReflect))
          .squeeze();
  const torch::Tensor spectrum = torch::fft::fft2(padded.to(torch::kComplexFloat));
  const torch::Tensor fx = torch::fft::fftfreq(px, pitch_x_m, real).unsqueeze(1);
  const torch::Tensor fy = torch::fft::fftfreq(py, pitch_y_m, real).unsqueeze(0);
  const torch::Tensor f2 = fx * fx + fy * fy;
  const double k = 1.0 / wavelength_m;
  const torch::Tensor rate = -f2 / (torch::sqrt(k * k - f2) + k);
  auto plane = [&](double z) {
    const torch::Tensor angle = rate * (2.0 * std::numbers::pi * z);
    const torch::Tensor field =
        torch::fft::ifft2(spectrum * torch::polar(torch::ones_like(angle), angle));
    return field.abs().narrow(0, 0, nx).narrow(1, 0, ny).contiguous().to(torch::kCPU);
  };
  plane(z_m.empty() ? 0.05 : z_m.front());  // warm-up: plans, allocator
  const auto start = std::chrono::steady_clock::now();
  for (double z : z_m) {
    plane(z);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {z_m.empty() ? 0.0 : seconds / static_cast<double>(z_m.size()),
          cuda_device >= 0 ? "cuda:" + std::to_string(cuda_device) : "cpu"};
}

}  // namespace holodet::segment
