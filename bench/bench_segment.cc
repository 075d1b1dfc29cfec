// The network and the clustering: the stages after propagation. The network's floor is the
// device's multiply-add rate (segment::measure_multiply_add_rate reports it); the counters
// give the multiply-adds per second reached. Clustering's floor is a pass over the detections.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "holodet/cluster/clustering.h"
#include "holodet/segment/segmenter.h"
#include "holodet/segment/unet.h"

namespace {

using holodet::segment::Segmenter;

// The shipped architecture (depth 4, width 8) with fresh weights: the cost does not depend on
// the values. args: tile side, tiles per call; the device is CPU or CUDA (skipped without one).
void run_unet(benchmark::State& state, const std::string& device) {
  if (device != "cpu" && !torch::cuda::is_available()) {
    state.SkipWithError("no CUDA device for LibTorch");
    return;
  }
  const auto side = static_cast<std::size_t>(state.range(0));
  const auto batch = static_cast<std::size_t>(state.range(1));
  holodet::segment::ModelInfo info;
  holodet::segment::UNet net(info.unet);
  Segmenter segmenter(info, holodet::segment::unet_state(net), "bench", {device, true});
  std::vector<float> inputs(batch * side * side, 0.1f), out(batch * side * side);
  segmenter.predict(inputs, batch, side, side, out);  // warm-up: plans, allocations
  for (auto _ : state) {
    segmenter.predict(inputs, batch, side, side, out);
    benchmark::DoNotOptimize(out.data());
  }
  const double passes = static_cast<double>(state.iterations() * batch);
  state.counters["passes/s"] = benchmark::Counter(passes, benchmark::Counter::kIsRate);
  state.counters["MAC/s"] = benchmark::Counter(
      passes * static_cast<double>(holodet::segment::unet_multiply_adds(
                   info.unet, static_cast<std::int64_t>(side), static_cast<std::int64_t>(side))),
      benchmark::Counter::kIsRate);
}

void BM_UNetCpu(benchmark::State& state) {
  run_unet(state, "cpu");
}
void BM_UNetCuda(benchmark::State& state) {
  run_unet(state, "cuda:0");
}

// 10^5 detections in chains of 10 planes (one particle each), shuffled.
void BM_ClusterDetections(benchmark::State& state) {
  const auto particles = static_cast<std::size_t>(state.range(0)) / 10;
  std::mt19937 random(3);
  std::uniform_real_distribution<double> position(-7000, 7000), depth(14000, 158000);
  std::vector<holodet::cluster::PlaneDetection> detections;
  for (std::size_t p = 0; p < particles; ++p) {
    const double x = position(random), y = position(random), z = depth(random);
    for (int k = 0; k < 10; ++k) {
      detections.push_back({0, z + 144.0 * k, x, y, 40, 140, 0.9});
    }
  }
  std::shuffle(detections.begin(), detections.end(), random);
  for (auto _ : state) {
    benchmark::DoNotOptimize(holodet::cluster::cluster_detections(detections, {}));
  }
  state.counters["detections/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * detections.size()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_UNetCpu)
    ->Args({128, 16})
    ->Args({512, 4})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_UNetCuda)
    ->Args({128, 64})
    ->Args({512, 16})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_ClusterDetections)->Arg(100000)->Unit(benchmark::kMillisecond);
