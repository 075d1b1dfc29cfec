#include "holodet/segment/segmenter.h"

#include <torch/csrc/inductor/aoti_package/model_package_loader.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cstdio>
#include <functional>

#include "holodet/core/diagnostics.h"
#include "holodet/core/error.h"
#include "holodet/segment/batch_backoff.h"
#include "holodet/segment/unet.h"

namespace holodet::segment {

struct Segmenter::Impl {
  ModelInfo info;
  torch::Device device{torch::kCPU};
  torch::Dtype dtype = torch::kFloat32;
  bool channels_last = false;
  UNet unet{nullptr};
  std::unique_ptr<torch::jit::Module> script;
  std::unique_ptr<torch::inductor::AOTIModelPackageLoader> package;
  // LibTorch reports a device allocation failure as c10::Error "CUDA out of memory" (1.13;
  // c10::OutOfMemoryError, its subclass, from 2.0 on).
  BatchBackoff backoff{[](const std::exception& failure) {
    return dynamic_cast<const c10::Error*>(&failure) != nullptr &&
           std::string(failure.what()).find("out of memory") != std::string::npos;
  }};

  torch::Tensor forward(const torch::Tensor& x) {
    if (unet) {
      return unet->forward(x);
    }
    if (package) {
      return package->run({x.contiguous()}).at(0);
    }
    return script->forward({x}).toTensor();
  }

  // Probabilities [N][X][Y] (float32, on the model's device) of a batch of inputs on any
  // device and in any float type: moved and converted only where they differ.
  torch::Tensor probabilities(torch::Tensor x) {
    x = x.to(device, dtype);
    if (channels_last) {
      x = x.contiguous(at::MemoryFormat::ChannelsLast);
    }
    torch::Tensor logits = forward(x);
    if (logits.dim() != 4 || logits.size(0) != x.size(0) || logits.size(1) != 1 ||
        logits.size(2) != x.size(2) || logits.size(3) != x.size(3)) {
      throw bad_input("segmentation model returned shape " + c10::str(logits.sizes()) +
                      " for input " + c10::str(x.sizes()) + "; expected [N][1][X][Y] logits");
    }
    return torch::sigmoid(logits.to(torch::kFloat32)).squeeze(1);
  }
};

namespace {

torch::Device parse_device(const std::string& text) {
  if (text == "cpu") {
    return torch::kCPU;
  }
  if (text.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available()) {
      throw runtime_failure("device " + text + ": this LibTorch has no CUDA device (" +
                            std::string("built for the CPU only, or no GPU present)"));
    }
    return torch::Device(text);
  }
  throw bad_input("segmenter device '" + text + "': expected cpu or cuda:N");
}

void choose_precision(Segmenter::Impl& impl, const SegmenterOptions& options) {
  impl.device = parse_device(options.device);
  if (impl.device.is_cuda() && options.half_precision) {
    impl.dtype = torch::kFloat16;
    impl.channels_last = true;
  }
}

}  // namespace

Segmenter::Segmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Segmenter::~Segmenter() = default;
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;

Segmenter::Segmenter(const ModelInfo& info, const std::vector<NamedArray>& state,
                     const std::string& source, const SegmenterOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->info = info;
  choose_precision(*impl_, options);
  impl_->unet = UNet(info.unet);
  load_unet_state(impl_->unet, state, source);
  impl_->unet->eval();
  impl_->unet->to(impl_->device, impl_->dtype);
  if (impl_->channels_last) {
    for (auto& parameter : impl_->unet->parameters()) {
      if (parameter.dim() == 4) {
        parameter.set_data(parameter.contiguous(at::MemoryFormat::ChannelsLast));
      }
    }
  }
}

Segmenter Segmenter::load_torchscript(const std::filesystem::path& path,
                                      const SegmenterOptions& options) {
  auto impl = std::make_unique<Impl>();
  choose_precision(*impl, options);
  torch::jit::ExtraFilesMap extra{{"holodet.yaml", ""}};
  try {
    impl->script =
        std::make_unique<torch::jit::Module>(torch::jit::load(path.string(), impl->device, extra));
  } catch (const c10::Error& error) {
    throw bad_input(path.string() + ": not a TorchScript file LibTorch can load (" +
                    std::string(error.what_without_backtrace()).substr(0, 200) + ")");
  }
  if (extra["holodet.yaml"].empty()) {
    throw bad_input(path.string() +
                    ": TorchScript file without the extra file holodet.yaml (channels, "
                    "normalisation, optics); export with "
                    "torch.jit.save(m, path, _extra_files={'holodet.yaml': ...})");
  }
  impl->info = from_yaml_text(extra["holodet.yaml"], path.string());
  impl->info.architecture = "torchscript";
  impl->script->eval();
  impl->script->to(impl->device, impl->dtype);
  Segmenter segmenter(std::move(impl));
  segmenter.probe(path, 64);
  return segmenter;
}

// A test tile: a model expecting other channels or sizes fails here, naming its file, not
// mid-run.
void Segmenter::probe(const std::filesystem::path& path, std::size_t size) {
  std::vector<float> tile(channels() * size * size, 0.0f);
  std::vector<float> out(size * size);
  try {
    predict(tile, 1, size, size, out);
  } catch (const c10::Error& error) {
    throw bad_input(path.string() + ": fails on a " + std::to_string(channels()) + "-channel " +
                    std::to_string(size) + "² tile (" +
                    std::string(error.what_without_backtrace()).substr(0, 200) + ")");
  } catch (const Error& error) {
    throw bad_input(path.string() + ": " + error.what());
  }
}

Segmenter Segmenter::load_aoti_package(const std::filesystem::path& path,
                                       const SegmenterOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->device = parse_device(options.device);  // float32 as compiled: no half, no channels-last
  try {
    impl->package = std::make_unique<torch::inductor::AOTIModelPackageLoader>(
        path.string(), "model", false, 1,
        impl->device.is_cuda() ? impl->device.index() : static_cast<c10::DeviceIndex>(-1));
  } catch (const std::exception& error) {
    throw bad_input(path.string() + ": not an AOTInductor package LibTorch can load (" +
                    std::string(error.what()).substr(0, 300) + ")");
  }
  std::unordered_map<std::string, std::string> metadata = impl->package->get_metadata();
  const std::string compiled_for =
      metadata.count("AOTI_DEVICE_KEY") ? metadata["AOTI_DEVICE_KEY"] : "";
  const std::string running_on = impl->device.is_cuda() ? "cuda" : "cpu";
  if (!compiled_for.empty() && compiled_for != running_on) {
    throw bad_input(path.string() + ": an AOTInductor package compiled for " + compiled_for +
                    ", but this run's model device is " + running_on +
                    " (export it again on that device, or choose --device to match)");
  }
  if (metadata["holodet.yaml"].empty()) {
    throw bad_input(path.string() +
                    ": AOTInductor package without holodet.yaml metadata (channels, "
                    "normalisation, optics); package with aoti_compile_and_package(..., "
                    "inductor_configs={'aot_inductor.metadata': {'holodet.yaml': ...}})");
  }
  impl->info = from_yaml_text(metadata["holodet.yaml"], path.string());
  impl->info.architecture = "aotinductor";
  Segmenter segmenter(std::move(impl));
  // holodet runs 128² windows and 512² tiles: the package must take both (dynamic sizes).
  segmenter.probe(path, 128);
  return segmenter;
}

const ModelInfo& Segmenter::info() const {
  return impl_->info;
}

std::string Segmenter::description() const {
  std::string text = impl_->unet ? "U-Net depth " + std::to_string(impl_->info.unet.depth) +
                                       " width " + std::to_string(impl_->info.unet.base_width)
                     : impl_->package ? std::string("AOTInductor package")
                                      : std::string("TorchScript model");
  text += ", " + impl_->device.str() + (impl_->dtype == torch::kFloat16 ? " float16" : " float32");
  return text;
}

void Segmenter::predict(std::span<const float> inputs, std::size_t count, std::size_t size_x,
                        std::size_t size_y, std::span<float> probabilities) {
  const std::size_t tile = size_x * size_y, channels = this->channels();
  if (inputs.size() != count * channels * tile || probabilities.size() != count * tile) {
    throw bad_input("segmenter: " + std::to_string(inputs.size()) + " input and " +
                    std::to_string(probabilities.size()) + " output values for " +
                    std::to_string(count) + " tiles of " + std::to_string(channels) + " × " +
                    std::to_string(size_x) + " × " + std::to_string(size_y));
  }
  const std::size_t limit_before = impl_->backoff.limit();
  impl_->backoff.run(count, [&](std::size_t first, std::size_t chunk) {
    predict_chunk(inputs.subspan(first * channels * tile, chunk * channels * tile), chunk, size_x,
                  size_y, probabilities.subspan(first * tile, chunk * tile));
  });
  report_backoff(limit_before);
}

void Segmenter::report_backoff(std::size_t limit_before) const {
  if (impl_->backoff.limit() != limit_before) {
    say(Said::kInfo, "segmenter: " + impl_->device.str() +
                         " ran out of memory; batches of at most " +
                         std::to_string(impl_->backoff.limit()) + " tiles from now on");
  }
}

std::string Segmenter::device() const {
  return impl_->device.str();
}

bool Segmenter::runs_in_half() const {
  return impl_->dtype == torch::kFloat16;
}

void Segmenter::predict_chunk(std::span<const float> inputs, std::size_t count, std::size_t size_x,
                              std::size_t size_y, std::span<float> probabilities) {
  const std::size_t channels = this->channels();
  if (count == 0) {
    return;
  }
  torch::InferenceMode guard;
  const torch::Tensor x =
      torch::from_blob(const_cast<float*>(inputs.data()),
                       {static_cast<std::int64_t>(count), static_cast<std::int64_t>(channels),
                        static_cast<std::int64_t>(size_x), static_cast<std::int64_t>(size_y)},
                       torch::kFloat32);
  const torch::Tensor result = impl_->probabilities(x).to(torch::kCPU).contiguous();
  std::copy_n(result.data_ptr<float>(), probabilities.size(), probabilities.data());
}

SparseMasks Segmenter::predict_masks(const TileSource& source, std::span<const std::size_t> tiles,
                                     float threshold) {
  if (source.channels != channels() || source.data == nullptr || source.size_x == 0 ||
      source.size_y == 0) {
    throw bad_input("segmenter: a tile source of " + std::to_string(source.channels) +
                    " channel(s) of " + std::to_string(source.size_x) + " × " +
                    std::to_string(source.size_y) + " for a " + std::to_string(channels()) +
                    "-channel model");
  }
  for (std::size_t index : tiles) {
    if (index >= source.count) {
      throw bad_input("segmenter: tile " + std::to_string(index) + " of a source of " +
                      std::to_string(source.count));
    }
  }
  SparseMasks masks;
  masks.first.assign(1, 0);
  if (tiles.empty()) {
    return masks;
  }
  torch::InferenceMode guard;
  const torch::Device where =
      source.on_cuda ? torch::Device(torch::kCUDA, source.cuda_device) : torch::Device(torch::kCPU);
  // The source's memory as a tensor, in place: no copy, on the device that holds it.
  const torch::Tensor all = torch::from_blob(
      const_cast<void*>(source.data),
      {static_cast<std::int64_t>(source.count), static_cast<std::int64_t>(source.channels),
       static_cast<std::int64_t>(source.size_x), static_cast<std::int64_t>(source.size_y)},
      torch::TensorOptions().dtype(source.float16 ? torch::kHalf : torch::kFloat32).device(where));
  std::vector<std::int64_t> wanted(tiles.begin(), tiles.end());
  const std::int64_t pixels = static_cast<std::int64_t>(source.size_x * source.size_y);
  const std::size_t limit_before = impl_->backoff.limit();
  impl_->backoff.run(tiles.size(), [&](std::size_t first, std::size_t chunk) {
    const torch::Tensor index =
        torch::from_blob(wanted.data() + first, {static_cast<std::int64_t>(chunk)}, torch::kInt64)
            .to(where);
    // The batch is gathered on the source's device; probabilities() moves it only when the
    // model runs elsewhere (a multi-channel host source for a CUDA model).
    const torch::Tensor probability = impl_->probabilities(all.index_select(0, index))
                                          .reshape({static_cast<std::int64_t>(chunk), pixels});
    // Reduced where the model ran: the (tile, pixel) pairs above the threshold, in order.
    const torch::Tensor above = (probability > threshold).nonzero();
    const torch::Tensor values = probability.index({above.select(1, 0), above.select(1, 1)});
    const torch::Tensor host_pairs = above.to(torch::kCPU).contiguous();
    const torch::Tensor host_values = values.to(torch::kCPU).contiguous();
    const std::int64_t* pairs = host_pairs.data_ptr<std::int64_t>();
    const float* probabilities = host_values.data_ptr<float>();
    const auto found = static_cast<std::size_t>(host_pairs.size(0));
    std::size_t tile = 0;
    for (std::size_t k = 0; k < found; ++k) {
      const auto in_chunk = static_cast<std::size_t>(pairs[2 * k]);
      while (tile < in_chunk) {
        masks.first.push_back(masks.pixel.size());
        ++tile;
      }
      masks.pixel.push_back(static_cast<std::uint32_t>(pairs[2 * k + 1]));
      masks.probability.push_back(probabilities[k]);
    }
    while (tile < chunk) {
      masks.first.push_back(masks.pixel.size());
      ++tile;
    }
  });
  report_backoff(limit_before);
  return masks;
}

void SparseMasks::expand(std::size_t k, std::vector<float>& dense, std::size_t pixels) const {
  dense.assign(pixels, 0.0f);
  for (std::size_t q = first[k]; q < first[k + 1]; ++q) {
    dense[pixel[q]] = probability[q];
  }
}

}  // namespace holodet::segment
