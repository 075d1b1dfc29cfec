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
  torch::InferenceMode guard;
  const torch::Device where(device);
  const auto dtype = where.is_cuda() ? torch::kFloat16 : torch::kFloat32;
  const std::int64_t n = 2048;
  const torch::Tensor a = torch::randn({n, n}, torch::TensorOptions(where).dtype(dtype));
  const torch::Tensor b = torch::randn({n, n}, torch::TensorOptions(where).dtype(dtype));
  double best = 0;
  for (int round = 0; round < 4; ++round) {
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor c = torch::matmul(a, b);
    c.sum().item<float>();  // waits for the device
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (round > 0) {  // the first round pays for the library's warm-up
      best = std::max(best, static_cast<double>(n * n * n) / seconds);
    }
  }
  return best;
}

}  // namespace holodet::segment
