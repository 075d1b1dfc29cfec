#include "holodet/segment/losses.h"

namespace holodet::segment {
namespace {
constexpr double kSmooth = 1.0;  // keeps the ratio defined for all-empty batches
}

torch::Tensor dice_loss(const torch::Tensor& logits, const torch::Tensor& labels) {
  const torch::Tensor p = torch::sigmoid(logits.to(torch::kFloat32));
  const torch::Tensor y = labels.to(torch::kFloat32);
  const torch::Tensor overlap = (p * y).sum();
  return 1 - (2 * overlap + kSmooth) / (p.sum() + y.sum() + kSmooth);
}

torch::Tensor focal_tversky_loss(const torch::Tensor& logits, const torch::Tensor& labels,
                                 double alpha, double gamma) {
  const torch::Tensor p = torch::sigmoid(logits.to(torch::kFloat32));
  const torch::Tensor y = labels.to(torch::kFloat32);
  const torch::Tensor true_positive = (p * y).sum();
  const torch::Tensor missed = ((1 - p) * y).sum();
  const torch::Tensor false_alarm = (p * (1 - y)).sum();
  const torch::Tensor index = (true_positive + kSmooth) / (true_positive + alpha * missed +
                                                           (1 - alpha) * false_alarm + kSmooth);
  return torch::pow(1 - index, gamma);
}

}  // namespace holodet::segment
