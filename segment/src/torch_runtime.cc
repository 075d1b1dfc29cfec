#include "holodet/segment/torch_runtime.h"

#include <torch/torch.h>

#include <chrono>
#include <thread>

#include "holodet/core/error.h"

namespace holodet::segment {

int set_torch_threads(int threads) {
  if (threads < 0) {
    throw bad_input("--threads " + std::to_string(threads) + ": must be 0 (all cores) or more");
  }
  const int count =
      threads == 0 ? std::max(1, static_cast<int>(std::thread::hardware_concurrency())) : threads;
  at::set_num_threads(count);
  return at::get_num_threads();
}

std::string torch_description() {
  std::string text = "LibTorch " TORCH_VERSION;
  if (torch::cuda::is_available()) {
    text += " (CUDA, " + std::to_string(torch::cuda::device_count()) + " device(s))";
  } else {
    text += " (CPU)";
  }
  return text;
}

double measure_multiply_add_rate(const std::string& device) {
  // A wide 3×3 convolution (64 → 64 channels, 4 × 128²): the operation a U-Net is made of,
  // through the same library path (oneDNN on the CPU, cuDNN on CUDA), at a width where that
  // path runs near its best. (A matrix product would measure the BLAS LibTorch was built
  // with instead: Debian's reaches under 2 GMAC/s here.)
  torch::InferenceMode guard;
  const torch::Device where(device);
  const auto dtype = where.is_cuda() ? torch::kFloat16 : torch::kFloat32;
  const auto options = torch::TensorOptions(where).dtype(dtype);
  const std::int64_t batch = 4, channels = 64, side = 128;
  const torch::Tensor input = torch::randn({batch, channels, side, side}, options);
  const torch::Tensor weight = torch::randn({channels, channels, 3, 3}, options);
  const double multiply_adds = static_cast<double>(batch * side * side * channels * channels * 9);
  double best = 0;
  for (int round = 0; round < 4; ++round) {
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor out = torch::nn::functional::conv2d(
        input, weight, torch::nn::functional::Conv2dFuncOptions().padding(1));
    out.sum().item<float>();  // waits for the device
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (round > 0) {  // the first round pays for the library's warm-up
      best = std::max(best, multiply_adds / seconds);
    }
  }
  return best;
}

}  // namespace holodet::segment
