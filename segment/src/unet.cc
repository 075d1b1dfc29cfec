#include "holodet/segment/unet.h"

#include <map>
#include <string>

#include "holodet/core/error.h"

namespace holodet::segment {

void check_unet_options(const UNetOptions& options) {
  if (options.depth < 1 || options.depth > 6) {
    throw bad_input("U-Net depth " + std::to_string(options.depth) + ": must be 1 to 6");
  }
  if (options.base_width < 1 || options.in_channels < 1) {
    throw bad_input("U-Net width " + std::to_string(options.base_width) + " and input channels " +
                    std::to_string(options.in_channels) + ": both must be at least 1");
  }
}

DoubleConvImpl::DoubleConvImpl(int in_channels, int out_channels, bool batch_norm) {
  // Without batch norm the convolutions need their own bias; with it the bias is redundant.
  const auto conv = [batch_norm](int in, int out) {
    return torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(!batch_norm);
  };
  conv1_ = register_module("conv1", torch::nn::Conv2d(conv(in_channels, out_channels)));
  conv2_ = register_module("conv2", torch::nn::Conv2d(conv(out_channels, out_channels)));
  if (batch_norm) {
    norm1_ = register_module("norm1", torch::nn::BatchNorm2d(out_channels));
    norm2_ = register_module("norm2", torch::nn::BatchNorm2d(out_channels));
  }
}

torch::Tensor DoubleConvImpl::forward(torch::Tensor x) {
  x = conv1_->forward(x);
  if (norm1_) {
    x = norm1_->forward(x);
  }
  x = torch::relu(x);
  x = conv2_->forward(x);
  if (norm2_) {
    x = norm2_->forward(x);
  }
  return torch::relu(x);
}

UNetImpl::UNetImpl(const UNetOptions& options) : options_(options) {
  check_unet_options(options);
  int in = options.in_channels;
  for (int level = 0; level < options.depth; ++level) {
    const int width = options.base_width << level;
    encoders_->push_back(DoubleConv(in, width, options.batch_norm));
    in = width;
  }
  bottom_ = DoubleConv(in, options.base_width << options.depth, options.batch_norm);
  for (int level = options.depth - 1; level >= 0; --level) {
    const int width = options.base_width << level;
    ups_->push_back(torch::nn::ConvTranspose2d(
        torch::nn::ConvTranspose2dOptions(width * 2, width, 2).stride(2)));
    decoders_->push_back(DoubleConv(width * 2, width, options.batch_norm));
  }
  head_ = torch::nn::Conv2d(torch::nn::Conv2dOptions(options.base_width, 1, 1));
  register_module("encoders", encoders_);
  register_module("bottom", bottom_);
  register_module("ups", ups_);
  register_module("decoders", decoders_);
  register_module("head", head_);
}

torch::Tensor UNetImpl::forward(torch::Tensor x) {
  std::vector<torch::Tensor> skips;
  for (const auto& encoder : *encoders_) {
    x = encoder->as<DoubleConv>()->forward(x);
    skips.push_back(x);
    x = torch::max_pool2d(x, 2);
  }
  x = bottom_->forward(x);
  for (std::size_t k = 0; k < ups_->size(); ++k) {
    x = ups_[k]->as<torch::nn::ConvTranspose2d>()->forward(x);
    x = torch::cat({x, skips[skips.size() - 1 - k]}, 1);
    x = decoders_[k]->as<DoubleConv>()->forward(x);
  }
  return head_->forward(x);
}

std::int64_t unet_multiply_adds(const UNetOptions& options, std::int64_t tile_x,
                                std::int64_t tile_y) {
  check_unet_options(options);
  const auto double_conv = [](std::int64_t pixels, std::int64_t in, std::int64_t out) {
    return pixels * 9 * (in * out + out * out);
  };
  std::int64_t total = 0;
  std::int64_t in = options.in_channels;
  for (int level = 0; level < options.depth; ++level) {
    const std::int64_t pixels = (tile_x >> level) * (tile_y >> level);
    const std::int64_t width = std::int64_t{options.base_width} << level;
    total += double_conv(pixels, in, width);         // encoder
    total += double_conv(pixels, 2 * width, width);  // decoder
    total += pixels * 2 * width * width;  // transposed 2×2 conv into this level: 4 taps per
                                          // 4 output pixels, 2·width → width channels
    in = width;
  }
  const std::int64_t bottom_pixels = (tile_x >> options.depth) * (tile_y >> options.depth);
  total += double_conv(bottom_pixels, in, std::int64_t{options.base_width} << options.depth);
  total += tile_x * tile_y * options.base_width;  // the 1×1 head
  return total;
}

std::int64_t parameter_count(torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const torch::Tensor& parameter : module.parameters()) {
    count += parameter.numel();
  }
  return count;
}

}  // namespace holodet::segment

namespace holodet::segment {
namespace {

NamedArray to_named_array(const std::string& name, const torch::Tensor& tensor) {
  NamedArray array;
  array.name = name;
  const torch::Tensor host = tensor.detach().to(torch::kCPU).contiguous();
  array.shape.assign(host.sizes().begin(), host.sizes().end());
  if (host.is_floating_point()) {
    const torch::Tensor values = host.to(torch::kFloat32);
    array.f32.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
  } else {
    const torch::Tensor values = host.to(torch::kInt64);
    array.i64.assign(values.data_ptr<std::int64_t>(),
                     values.data_ptr<std::int64_t>() + values.numel());
  }
  return array;
}

}  // namespace

std::vector<NamedArray> unet_state(UNet& net) {
  std::vector<NamedArray> state;
  for (const auto& item : net->named_parameters()) {
    state.push_back(to_named_array(item.key(), item.value()));
  }
  for (const auto& item : net->named_buffers()) {
    state.push_back(to_named_array(item.key(), item.value()));
  }
  return state;
}

void load_unet_state(UNet& net, const std::vector<NamedArray>& arrays, const std::string& source) {
  std::map<std::string, const NamedArray*> by_name;
  for (const NamedArray& array : arrays) {
    by_name[array.name] = &array;
  }
  torch::NoGradGuard no_grad;
  std::size_t used = 0;
  const auto load = [&](const std::string& name, torch::Tensor& target) {
    const auto found = by_name.find(name);
    if (found == by_name.end()) {
      throw bad_input(source + ": no weights for " + name + " (made for another architecture?)");
    }
    const NamedArray& array = *found->second;
    if (!std::equal(array.shape.begin(), array.shape.end(), target.sizes().begin(),
                    target.sizes().end())) {
      throw bad_input(source + ": " + name + " has shape " + c10::str(array.shape) +
                      ", the network expects " + c10::str(target.sizes()));
    }
    const torch::Tensor values = array.f32.empty()
                                     ? torch::from_blob(const_cast<std::int64_t*>(array.i64.data()),
                                                        target.sizes(), torch::kInt64)
                                     : torch::from_blob(const_cast<float*>(array.f32.data()),
                                                        target.sizes(), torch::kFloat32);
    target.copy_(values);
    ++used;
  };
  for (auto& item : net->named_parameters()) {
    load(item.key(), item.value());
  }
  for (auto& item : net->named_buffers()) {
    load(item.key(), item.value());
  }
  if (used != by_name.size()) {
    throw bad_input(source + ": " + std::to_string(by_name.size() - used) +
                    " arrays the network does not have (made for another architecture?)");
  }
}

}  // namespace holodet::segment
