// Planes per second of the angular-spectrum propagation, CPU (FFTW) and CUDA (cuFFT), against
// a plain LibTorch implementation of the same computation (fft2 · H · ifft2 with torch ops) on
// the same padded size, in the same run. Each timed iteration turns a batch of depths into
// amplitude planes in host memory (the CUDA backend synchronises before returning).
// Floors: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <cmath>
#include <numbers>
#include <random>
#include <thread>

#include "holodet/core/devices.h"
#include "holodet/propagate/plane_set.h"
#include "holodet/propagate/propagator.h"

namespace {

using holodet::propagate::PlaneBatch;
using holodet::propagate::Propagator;
using holodet::propagate::PropagatorOptions;

std::vector<float> noisy_hologram(std::size_t nx, std::size_t ny) {
  std::mt19937 generator(5);
  std::normal_distribution<float> noise(128.0f, 8.0f);
  std::vector<float> counts(nx * ny);
  for (float& value : counts) {
    value = noise(generator);
  }
  return counts;
}

// Depths cycling through the HOLODEC volume, `batch` per iteration.
std::vector<double> depths(std::size_t batch, std::size_t iteration) {
  static const std::vector<double> all = holodet::propagate::holodec_planes(1000, 0.014, 0.158);
  std::vector<double> z(batch);
  for (std::size_t b = 0; b < batch; ++b) {
    z[b] = all[(iteration * batch + b * 37) % all.size()];
  }
  return z;
}

void run_propagator(benchmark::State& state, holodet::Backend backend) {
  const auto nx = static_cast<std::size_t>(state.range(0));
  const auto ny = static_cast<std::size_t>(state.range(1));
  const auto batch = static_cast<std::size_t>(state.range(2));
  PropagatorOptions options;
  options.size_x = nx;
  options.size_y = ny;
  options.backend = backend;
  options.max_batch = batch;
  if (backend == holodet::Backend::kCuda) {
    const holodet::DeviceInventory inventory = holodet::probe_devices();
    if (inventory.devices.empty()) {
      state.SkipWithError(("no CUDA device: " + inventory.unavailable_reason).c_str());
      return;
    }
    options.cuda_device = inventory.devices.front().index;
  }
  auto propagator = holodet::propagate::make_propagator(options);
  const std::vector<float> counts = noisy_hologram(nx, ny);
  propagator->set_hologram({std::span<const float>(counts), nx, ny});
  PlaneBatch planes;
  std::size_t iteration = 0;
  for (auto _ : state) {
    propagator->propagate(depths(batch, iteration++), holodet::propagate::kAmplitude, planes);
    benchmark::DoNotOptimize(planes.amplitude.data());
  }
  state.counters["planes_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * batch), benchmark::Counter::kIsRate);
  state.counters["padded_px"] =
      static_cast<double>(propagator->padded_size_x() * propagator->padded_size_y());
  state.SetLabel(propagator->description());
}

void BM_PropagateCpu(benchmark::State& state) {
  run_propagator(state, holodet::Backend::kCpu);
}
void BM_PropagateCuda(benchmark::State& state) {
  run_propagator(state, holodet::Backend::kCuda);
}

// The plain LibTorch version: what one writes with torch ops. Same padded size, same depths,
// same outputs (cropped amplitude), the phase rate g(f) precomputed once like ours.
void BM_PropagateTorch(benchmark::State& state) {
  const auto nx = static_cast<std::size_t>(state.range(0));
  const auto ny = static_cast<std::size_t>(state.range(1));
  const auto batch = static_cast<std::size_t>(state.range(2));
  const bool cuda = state.range(3) != 0;
  if (cuda && !torch::cuda::is_available()) {
    state.SkipWithError("LibTorch has no CUDA here");
    return;
  }
  PropagatorOptions options;  // only to learn the padded size our propagator uses
  options.size_x = nx;
  options.size_y = ny;
  const auto reference = holodet::propagate::make_propagator(options);
  const auto px = static_cast<std::int64_t>(reference->padded_size_x());
  const auto py = static_cast<std::int64_t>(reference->padded_size_y());
  const torch::Device device = cuda ? torch::kCUDA : torch::kCPU;
  const auto real = torch::TensorOptions().dtype(torch::kFloat32).device(device);
  torch::InferenceMode inference;
  const std::vector<float> counts = noisy_hologram(nx, ny);
  torch::Tensor field =
      torch::from_blob(const_cast<float*>(counts.data()),
                       {static_cast<std::int64_t>(nx), static_cast<std::int64_t>(ny)})
          .to(device)
          .sqrt();
  field = torch::nn::functional::pad(
              field.unsqueeze(0).unsqueeze(0),
              torch::nn::functional::PadFuncOptions(
                  {0, py - static_cast<std::int64_t>(ny), 0, px - static_cast<std::int64_t>(nx)})
                  .mode(torch::kReflect))
              .squeeze();
  const torch::Tensor spectrum = torch::fft::fft2(field.to(torch::kComplexFloat));
  const double pitch = 2.96e-6, wavelength = 355e-9;
  const torch::Tensor fx = torch::fft::fftfreq(px, pitch, real).unsqueeze(1);
  const torch::Tensor fy = torch::fft::fftfreq(py, pitch, real).unsqueeze(0);
  const torch::Tensor f2 = fx * fx + fy * fy;
  const double inverse_wavelength = 1.0 / wavelength;
  const torch::Tensor rate =
      -f2 / (torch::sqrt(inverse_wavelength * inverse_wavelength - f2) + inverse_wavelength);
  std::size_t iteration = 0;
  for (auto _ : state) {
    for (double z : depths(batch, iteration++)) {
      const torch::Tensor angle = rate * (2.0 * std::numbers::pi * z);
      const torch::Tensor transfer = torch::polar(torch::ones_like(angle), angle);
      const torch::Tensor plane = torch::fft::ifft2(spectrum * transfer);
      const torch::Tensor amplitude = plane.abs()
                                          .narrow(0, 0, static_cast<std::int64_t>(nx))
                                          .narrow(1, 0, static_cast<std::int64_t>(ny))
                                          .contiguous()
                                          .to(torch::kCPU);
      benchmark::DoNotOptimize(amplitude.data_ptr<float>());
    }
  }
  state.counters["planes_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * batch), benchmark::Counter::kIsRate);
  state.SetLabel(std::string("LibTorch ") + TORCH_VERSION + (cuda ? " CUDA" : " CPU") + ", " +
                 std::to_string(at::get_num_threads()) + " threads");
}

void sizes_and_batches(benchmark::internal::Benchmark* benchmark) {
  for (std::int64_t batch : {1, 4, 16}) {
    benchmark->Args({1024, 1024, batch});
  }
  for (std::int64_t batch : {1, 4}) {
    benchmark->Args({4872, 3248, batch});
  }
}

void torch_cases(benchmark::internal::Benchmark* benchmark) {
  for (std::int64_t cuda : {0, 1}) {
    benchmark->Args({1024, 1024, 4, cuda});
    benchmark->Args({4872, 3248, 1, cuda});
  }
}

BENCHMARK(BM_PropagateCpu)->Apply(sizes_and_batches)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PropagateTorch)->Apply(torch_cases)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PropagateCuda)->Apply(sizes_and_batches)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

// LibTorch starts with one intra-op thread (Debian's build): give it all cores, as holodet
// does, so the comparison is fair.
int main(int argc, char** argv) {
  at::set_num_threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
