#include "holodet/segment/torch_runtime.h"

#include <torch/torch.h>

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

}  // namespace holodet::segment
