#pragma once
// A reusable in-place 2-D complex FFT on the CPU (FFTW single precision with threads), planned
// once. Row-major [n0][n1], n0 the slower axis, like holodet's [x][y] frames. Unnormalised in
// both directions (the inverse of the forward multiplies by n0·n1).

#include <complex>
#include <cstddef>
#include <memory>
#include <string>

namespace holodet::propagate {

// How much effort FFTW spends choosing its algorithm. kMeasure times candidates once per size
// and thread count (8 s for a full HOLODEC frame on 2 cores, then 2.6x faster transforms) and
// keeps the result as wisdom in ~/.cache/holodet/fftw-wisdom (docs/PERFORMANCE.md); kEstimate
// plans instantly, for one-off transforms. kDeterministic plans like kEstimate but ignores
// the wisdom (FFTW would otherwise reuse a measured plan for the size): the same inputs then
// give the same bits on every run, which the simulator promises for a seed.
enum class FftPlanning { kMeasure, kEstimate, kDeterministic };

enum class FftDirection { kForward, kInverse };

class Fft2d {
 public:
  // Allocates an aligned buffer of n0·n1 values and plans on it. threads 0: all cores.
  Fft2d(std::size_t n0, std::size_t n1, FftDirection direction, int threads, FftPlanning planning);
  ~Fft2d();
  Fft2d(Fft2d&&) noexcept;
  Fft2d& operator=(Fft2d&&) noexcept;
  Fft2d(const Fft2d&) = delete;
  Fft2d& operator=(const Fft2d&) = delete;

  std::complex<float>* data() const;  // the buffer the plan transforms in place
  std::size_t size() const { return n0_ * n1_; }
  std::size_t n0() const { return n0_; }
  std::size_t n1() const { return n1_; }
  void execute();

 private:
  struct Plan;
  std::size_t n0_;
  std::size_t n1_;
  std::unique_ptr<Plan> plan_;
};

// `batch` in-place 2-D complex FFTs of n0 × n1 over a caller's buffer (transform b at
// data + b·n0·n1), planned once on that buffer, which must outlive this object and stay where
// it is. The host execution of the GPU pipeline (`--device cpu-kernels`) runs it where the
// CUDA execution runs a batched cuFFT plan. Planning with kMeasure overwrites the buffer.
class BatchedFft2d {
 public:
  BatchedFft2d(std::complex<float>* data, std::size_t n0, std::size_t n1, std::size_t batch,
               FftDirection direction, int threads, FftPlanning planning);
  ~BatchedFft2d();
  BatchedFft2d(BatchedFft2d&&) noexcept;
  BatchedFft2d& operator=(BatchedFft2d&&) noexcept;
  BatchedFft2d(const BatchedFft2d&) = delete;
  BatchedFft2d& operator=(const BatchedFft2d&) = delete;

  void execute();

 private:
  struct Plan;
  std::unique_ptr<Plan> plan_;
};

// The process's FFTW wisdom as text, and its replacement by another process's: MPI ranks
// plan from rank 0's wisdom, so that every rank runs the plans rank 0 (and a single-process
// run with the same wisdom) runs. Replacing also keeps the file's wisdom from being mixed in.
std::string export_fft_wisdom();
void replace_fft_wisdom(const std::string& wisdom);

}  // namespace holodet::propagate
