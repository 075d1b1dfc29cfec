#pragma once
// Segmentation losses on logits [N][1][X][Y] against 0/1 labels of the same shape. Both are
// computed over the whole batch at once (not per tile), so tiles without a particle, which
// are most of them, still count through their false positives.

#include <torch/torch.h>

namespace holodet::segment {

// 1 − (2·Σpy + ε) / (Σp + Σy + ε), p = sigmoid(logits).
torch::Tensor dice_loss(const torch::Tensor& logits, const torch::Tensor& labels);

// Focal Tversky loss (Abraham & Khan 2019, eq. 4): (1 − TI)^γ, TI = (Σpy + ε) /
// (Σpy + α·Σ(1−p)y + β·Σp(1−y) + ε), β = 1 − α. α > 0.5 weighs misses more than false alarms.
torch::Tensor focal_tversky_loss(const torch::Tensor& logits, const torch::Tensor& labels,
                                 double alpha, double gamma);

}  // namespace holodet::segment
