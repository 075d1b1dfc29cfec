#pragma once
// The segmentation network: a U-Net (Ronneberger, Fischer & Brox 2015) defined with LibTorch's
// nn modules. Input [N][C][X][Y] (a tile's x is the tensor's height), output [N][1][X][Y]
// logits of "in-focus particle". Each level halves the resolution and doubles the width; the
// decoder upsamples with a 2×2 transposed convolution and concatenates the encoder's features.
// X and Y must be multiples of 2^depth.
//
// Module paths (the HDF5 weight file names datasets after them): encoders.<k>.conv{1,2},
// encoders.<k>.norm{1,2}, bottom.*, ups.<k>, decoders.<k>.*, head.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "holodet/core/named_array.h"
#include "holodet/segment/unet_options.h"

namespace holodet::segment {

// Two 3×3 convolutions, each followed by batch norm (optional) and ReLU.
class DoubleConvImpl : public torch::nn::Module {
 public:
  DoubleConvImpl(int in_channels, int out_channels, bool batch_norm);
  torch::Tensor forward(torch::Tensor x);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d norm1_{nullptr}, norm2_{nullptr};
};
TORCH_MODULE(DoubleConv);

class UNetImpl : public torch::nn::Module {
 public:
  explicit UNetImpl(const UNetOptions& options);
  torch::Tensor forward(torch::Tensor x);
  const UNetOptions& options() const { return options_; }

 private:
  UNetOptions options_;
  torch::nn::ModuleList encoders_, ups_, decoders_;
  DoubleConv bottom_{nullptr};
  torch::nn::Conv2d head_{nullptr};
};
TORCH_MODULE(UNet);

std::int64_t parameter_count(torch::nn::Module& module);

// The network's state (parameters, then buffers such as batch-norm statistics) by module
// path, on the host: what the weight file stores.
std::vector<NamedArray> unet_state(UNet& net);

// Loads `arrays` into `net`. Throws bad_input naming `source` when a name is missing or extra,
// or a shape differs (a file made for another architecture).
void load_unet_state(UNet& net, const std::vector<NamedArray>& arrays, const std::string& source);

}  // namespace holodet::segment
