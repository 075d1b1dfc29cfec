// The transform alone: FFTW (single precision, threads, measured plans, as the CPU backend
// uses it) against the pocketfft inside LibTorch, on the padded sizes holodet transforms.
// This is the measurement behind the CPU backend's choice of FFTW (docs/PERFORMANCE.md).
#include <benchmark/benchmark.h>
#include <fftw3.h>
#include <torch/torch.h>

#include <complex>
#include <thread>

namespace {

void BM_FftInverseFftw(benchmark::State& state) {
  const int n0 = static_cast<int>(state.range(0));
  const int n1 = static_cast<int>(state.range(1));
  fftwf_init_threads();
  fftwf_plan_with_nthreads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  auto* data = static_cast<fftwf_complex*>(fftwf_malloc(sizeof(fftwf_complex) * n0 * n1));
  fftwf_plan plan = fftwf_plan_dft_2d(n0, n1, data, data, FFTW_BACKWARD, FFTW_MEASURE);
  for (int k = 0; k < n0 * n1; ++k) {
    data[k][0] = static_cast<float>(k % 17);
    data[k][1] = 0;
  }
  for (auto _ : state) {
    fftwf_execute(plan);
    benchmark::DoNotOptimize(data[0][0]);
  }
  fftwf_destroy_plan(plan);
  fftwf_free(data);
  state.counters["transforms_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_FftInverseTorch(benchmark::State& state) {
  torch::InferenceMode inference;
  const torch::Tensor data = torch::randn({state.range(0), state.range(1)},
                                          torch::TensorOptions().dtype(torch::kComplexFloat));
  for (auto _ : state) {
    const torch::Tensor result = torch::fft::ifft2(data);
    benchmark::DoNotOptimize(result.data_ptr());
  }
  state.counters["transforms_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_FftInverseFftw)
    ->Args({1024, 1024})
    ->Args({4900, 3360})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FftInverseTorch)
    ->Args({1024, 1024})
    ->Args({4900, 3360})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
