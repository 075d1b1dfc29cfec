#include "holodet/segment/trainer.h"

#include <ATen/autocast_mode.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <numbers>
#include <numeric>
#include <random>

#include "holodet/core/error.h"
#include "holodet/segment/losses.h"
#include "holodet/segment/unet.h"

namespace holodet::segment {
namespace {

using Clock = std::chrono::steady_clock;

// Mixed precision on CUDA: bfloat16 autocast needs no loss scaling (its range is float32's).
class CudaAutocast {
 public:
  explicit CudaAutocast(bool enabled) : enabled_(enabled) {
    if (!enabled_) {
      return;
    }
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
  }
  ~CudaAutocast() {
    if (!enabled_) {
      return;
    }
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_enabled(at::kCUDA, false);
#else
    at::autocast::set_enabled(false);
#endif
    at::autocast::clear_cache();
  }
  CudaAutocast(const CudaAutocast&) = delete;
  CudaAutocast& operator=(const CudaAutocast&) = delete;

 private:
  bool enabled_;
};

struct TileTensors {
  torch::Tensor inputs;  // [N][C][S][S] float32, host
  torch::Tensor labels;  // [N][1][S][S] float32, host
};

TileTensors as_tensors(const TileSet& set) {
  const auto n = static_cast<std::int64_t>(set.count());
  const auto c = static_cast<std::int64_t>(set.channels);
  const auto s = static_cast<std::int64_t>(set.size);
  if (set.inputs.size() != set.count() * set.channels * set.size * set.size ||
      set.labels.size() != set.count() * set.size * set.size) {
    throw bad_input("training tiles: inputs or labels do not match " + std::to_string(n) +
                    " tiles of " + std::to_string(c) + " × " + std::to_string(s) + "²");
  }
  TileTensors tensors;
  tensors.inputs =
      torch::from_blob(const_cast<float*>(set.inputs.data()), {n, c, s, s}, torch::kFloat32);
  tensors.labels =
      torch::from_blob(const_cast<std::uint8_t*>(set.labels.data()), {n, 1, s, s}, torch::kUInt8)
          .to(torch::kFloat32);
  return tensors;
}

// Flips and transposes (the same for input and label), brightness and offset, noise, blur.
void augment(torch::Tensor& x, torch::Tensor& y, const TrainSettings& settings,
             std::mt19937_64& random) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (unit(random) < 0.5) {
    x = x.flip({2});
    y = y.flip({2});
  }
  if (unit(random) < 0.5) {
    x = x.flip({3});
    y = y.flip({3});
  }
  if (unit(random) < 0.5) {
    x = x.transpose(2, 3).contiguous();
    y = y.transpose(2, 3).contiguous();
  }
  const std::int64_t n = x.size(0);
  const auto options = x.options();
  const torch::Tensor gain = torch::empty({n, 1, 1, 1}, options).uniform_(0.9, 1.1);
  const torch::Tensor shift = torch::empty({n, 1, 1, 1}, options).uniform_(-0.1, 0.1);
  const torch::Tensor sigma = torch::empty({n, 1, 1, 1}, options).uniform_(0.0, settings.noise_max);
  x = x * gain + shift + torch::randn_like(x) * sigma;
  if (unit(random) < 0.25) {
    // A 3×3 Gaussian (σ ≈ 0.7 px): a slightly softer optical system or focus.
    const torch::Tensor taps = torch::tensor({0.25f, 0.5f, 0.25f}, options);
    const auto channels = x.size(1);
    const torch::Tensor kernel = torch::outer(taps, taps).expand({channels, 1, 3, 3}).contiguous();
    x = torch::nn::functional::conv2d(torch::replication_pad2d(x, {1, 1, 1, 1}), kernel,
                                      torch::nn::functional::Conv2dFuncOptions().groups(channels));
  }
}

torch::Tensor loss_of(const torch::Tensor& logits, const torch::Tensor& labels,
                      const TrainSettings& settings) {
  if (settings.loss == "dice") {
    return dice_loss(logits, labels);
  }
  if (settings.loss == "focal_tversky") {
    return focal_tversky_loss(logits, labels, settings.tversky_alpha, settings.tversky_gamma);
  }
  throw bad_input("train loss '" + settings.loss + "': expected dice or focal_tversky");
}

ValidationFigures validate(UNet& net, const TileSet& set, const TileTensors& tensors,
                           const TrainSettings& settings, torch::Device device) {
  ValidationFigures figures;
  if (set.count() == 0) {
    return figures;
  }
  net->eval();
  torch::InferenceMode guard;
  double overlap = 0, predicted = 0, labelled = 0, loss = 0;
  std::size_t positives = 0, found = 0, negatives = 0, clean = 0, batches = 0;
  const std::int64_t batch = 32;
  for (std::int64_t first = 0; first < tensors.inputs.size(0); first += batch) {
    const std::int64_t count = std::min(batch, tensors.inputs.size(0) - first);
    const torch::Tensor x = tensors.inputs.narrow(0, first, count).to(device);
    const torch::Tensor y = tensors.labels.narrow(0, first, count).to(device);
    const torch::Tensor logits = net->forward(x);
    loss += loss_of(logits, y, settings).item<double>();
    ++batches;
    const torch::Tensor p = (logits > 0).to(torch::kFloat32);
    overlap += (p * y).sum().item<double>();
    predicted += p.sum().item<double>();
    labelled += y.sum().item<double>();
    const torch::Tensor hits = (p * y).sum({1, 2, 3}).to(torch::kCPU);
    const torch::Tensor strays = (p * (1 - y)).sum({1, 2, 3}).to(torch::kCPU);
    for (std::int64_t k = 0; k < count; ++k) {
      if (set.kinds[static_cast<std::size_t>(first + k)] == TileKind::kPositive) {
        ++positives;
        found += hits[k].item<double>() > 0 ? 1 : 0;
      } else {
        ++negatives;
        clean += strays[k].item<double>() == 0 ? 1 : 0;
      }
    }
  }
  net->train();
  figures.dice = (2 * overlap + 1) / (predicted + labelled + 1);
  figures.positive_found =
      positives > 0 ? static_cast<double>(found) / static_cast<double>(positives) : 0;
  figures.negative_clean =
      negatives > 0 ? static_cast<double>(clean) / static_cast<double>(negatives) : 0;
  figures.loss = loss / static_cast<double>(batches);
  return figures;
}

void save_optimizer(torch::optim::AdamW& optimizer, const std::filesystem::path& path) {
  if (path.empty()) {
    return;
  }
  const std::filesystem::path temp = path.string() + ".tmp";
  torch::save(optimizer, temp.string());
  std::filesystem::rename(temp, path);
}

double mean_of(const std::deque<double>& values) {
  return values.empty() ? 0
                        : std::accumulate(values.begin(), values.end(), 0.0) /
                              static_cast<double>(values.size());
}

}  // namespace

TrainResult train_unet(const UNetOptions& options, const TileSet& train, const TileSet& validation,
                       const TrainSettings& settings, const TrainCallbacks& callbacks,
                       const std::vector<NamedArray>& resume_state, int start_step) {
  if (train.count() == 0) {
    throw bad_input("training: no training tiles");
  }
  if (settings.batch < 1 || settings.steps < 1) {
    throw bad_input("training: batch " + std::to_string(settings.batch) + " and steps " +
                    std::to_string(settings.steps) + " must both be at least 1");
  }
  if (train.channels != static_cast<std::size_t>(options.in_channels)) {
    throw bad_input("training: tiles have " + std::to_string(train.channels) +
                    " channels, the network takes " + std::to_string(options.in_channels));
  }
  const torch::Device device(settings.device);
  torch::manual_seed(settings.seed);
  std::mt19937_64 random(settings.seed + static_cast<std::uint64_t>(start_step));
  UNet net(options);
  if (!resume_state.empty()) {
    load_unet_state(net, resume_state, "checkpoint");
  }
  net->to(device);
  net->train();
  torch::optim::AdamW optimizer(
      net->parameters(),
      torch::optim::AdamWOptions(settings.learning_rate).weight_decay(settings.weight_decay));
  if (!resume_state.empty() && std::filesystem::exists(settings.optimizer_state)) {
    torch::load(optimizer, settings.optimizer_state.string());
  }
  const TileTensors train_tensors = as_tensors(train);
  const TileTensors validation_tensors = as_tensors(validation);
  const auto count = static_cast<std::int64_t>(train.count());
  std::uniform_int_distribution<std::int64_t> pick(0, count - 1);

  TrainResult result;
  std::deque<double> recent, first;
  const auto start = Clock::now();
  auto window_start = start;
  std::size_t window_tiles = 0;
  for (int step = start_step + 1; step <= settings.steps; ++step) {
    // Cosine decay from the learning rate to 5 % of it over the whole run.
    const double progress = static_cast<double>(step - 1) / settings.steps;
    const double rate =
        settings.learning_rate * (0.05 + 0.95 * 0.5 * (1 + std::cos(std::numbers::pi * progress)));
    for (auto& group : optimizer.param_groups()) {
      static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
    }
    std::vector<std::int64_t> picked(static_cast<std::size_t>(settings.batch));
    for (std::int64_t& index : picked) {
      index = pick(random);
    }
    const torch::Tensor indices = torch::tensor(picked, torch::kInt64);
    torch::Tensor x = train_tensors.inputs.index_select(0, indices).to(device);
    torch::Tensor y = train_tensors.labels.index_select(0, indices).to(device);
    if (settings.augment) {
      augment(x, y, settings, random);
    }
    optimizer.zero_grad();
    torch::Tensor loss;
    {
      CudaAutocast autocast(device.is_cuda());
      loss = loss_of(net->forward(x), y, settings);
    }
    loss.backward();
    optimizer.step();
    const double value = loss.item<double>();
    recent.push_back(value);
    if (recent.size() > 20) {
      recent.pop_front();
    }
    if (first.size() < 20) {
      first.push_back(value);
    }
    window_tiles += static_cast<std::size_t>(settings.batch);
    if (callbacks.on_step) {
      const double seconds = std::chrono::duration<double>(Clock::now() - window_start).count();
      callbacks.on_step({step, mean_of(recent), static_cast<double>(window_tiles) / seconds});
      if (seconds > 10) {
        window_start = Clock::now();
        window_tiles = 0;
      }
    }
    const bool last = step == settings.steps;
    if (settings.validate_every > 0 && (step % settings.validate_every == 0 || last)) {
      ValidationFigures figures = validate(net, validation, validation_tensors, settings, device);
      figures.step = step;
      result.validations.push_back(figures);
      if (callbacks.on_validation) {
        callbacks.on_validation(figures);
      }
    }
    if (settings.checkpoint_every > 0 && (step % settings.checkpoint_every == 0 || last)) {
      // The optimizer first: a crash between the two leaves weights one checkpoint behind it,
      // which resumes fine; the reverse would pair new weights with stale moments silently.
      save_optimizer(optimizer, settings.optimizer_state);
      if (callbacks.on_checkpoint) {
        callbacks.on_checkpoint(step, unet_state(net));
      }
    }
  }
  result.first_loss = mean_of(first);
  result.last_loss = mean_of(recent);
  result.state = unet_state(net);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace holodet::segment
