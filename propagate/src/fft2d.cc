#include "holodet/propagate/fft2d.h"

#include <fftw3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "holodet/core/error.h"

namespace holodet::propagate {
namespace {

// Where FFTW's wisdom (measured plans) is kept between runs: $HOLODET_FFTW_WISDOM, else
// $XDG_CACHE_HOME/holodet/fftw-wisdom, else ~/.cache/holodet/fftw-wisdom; "none" keeps none.
std::filesystem::path wisdom_path() {
  if (const char* explicit_path = std::getenv("HOLODET_FFTW_WISDOM")) {
    return std::string(explicit_path) == "none" ? std::filesystem::path() : explicit_path;
  }
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache != nullptr && *cache != '\0') {
    return std::filesystem::path(cache) / "holodet" / "fftw-wisdom";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache" / "holodet" / "fftw-wisdom";
  }
  return {};
}

// FFTW's planner is process-wide state: threads are enabled once, planning is made
// thread-safe so several propagators may be built concurrently (one per worker), and the
// wisdom of earlier runs is loaded.
void initialise_fftw_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    fftwf_init_threads();
    fftwf_make_planner_thread_safe();
    if (const std::filesystem::path path = wisdom_path(); !path.empty()) {
      fftwf_import_wisdom_from_filename(path.c_str());  // absent or stale: planning measures anew
    }
  });
}

// Saves the wisdom after a measured plan, atomically (a temporary file renamed into place)
// so concurrent runs never read half a file. Failing to save only costs time later.
void save_wisdom() {
  const std::filesystem::path path = wisdom_path();
  if (path.empty()) {
    return;
  }
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  const std::filesystem::path temporary = path.string() + ".tmp." + std::to_string(::getpid());
  if (fftwf_export_wisdom_to_filename(temporary.c_str()) != 0) {
    std::filesystem::rename(temporary, path, error);
  }
  std::filesystem::remove(temporary, error);
}

// Plans with FFTW's planner under the given planning mode; make(flags) makes the plan.
template <typename MakePlan>
fftwf_plan plan_transform(MakePlan make, int threads, FftPlanning planning,
                          const std::string& shape) {
  fftwf_plan_with_nthreads(
      threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
  // FFTW_MEASURE overwrites the buffer while planning: plan before any data goes in.
  const unsigned flags = planning == FftPlanning::kMeasure ? FFTW_MEASURE : FFTW_ESTIMATE;
  fftwf_plan plan = nullptr;
  bool measured = false;
  if (planning == FftPlanning::kDeterministic) {
    // Set the wisdom aside, plan by the heuristic alone, and restore it. Deterministic
    // planners take turns; a measuring planner on another thread meanwhile at worst measures
    // again.
    static std::mutex wisdom_mutex;
    const std::lock_guard lock(wisdom_mutex);
    char* wisdom = fftwf_export_wisdom_to_string();
    fftwf_forget_wisdom();
    plan = make(flags);
    if (wisdom != nullptr) {
      fftwf_import_wisdom_from_string(wisdom);
      std::free(wisdom);
    }
  } else if (planning == FftPlanning::kMeasure) {
    // From the wisdom when it has this transform; only a new measurement rewrites the file,
    // so concurrent runs do not keep re-exporting the same wisdom under each other.
    plan = make(flags | FFTW_WISDOM_ONLY);
    if (plan == nullptr) {
      plan = make(flags);
      measured = true;
    }
  } else {
    plan = make(flags);
  }
  if (plan == nullptr) {
    throw runtime_failure("FFT: FFTW could not plan a " + shape + " transform");
  }
  if (measured) {
    save_wisdom();
  }
  return plan;
}

int fft_sign(FftDirection direction) {
  return direction == FftDirection::kForward ? FFTW_FORWARD : FFTW_BACKWARD;
}

}  // namespace

struct Fft2d::Plan {
  fftwf_complex* buffer = nullptr;
  fftwf_plan plan = nullptr;
  ~Plan() {
    if (plan != nullptr) {
      fftwf_destroy_plan(plan);
    }
    fftwf_free(buffer);
  }
};

Fft2d::Fft2d(std::size_t n0, std::size_t n1, FftDirection direction, int threads,
             FftPlanning planning)
    : n0_(n0), n1_(n1), plan_(std::make_unique<Plan>()) {
  initialise_fftw_once();
  plan_->buffer = static_cast<fftwf_complex*>(fftwf_malloc(sizeof(fftwf_complex) * n0 * n1));
  if (plan_->buffer == nullptr) {
    throw runtime_failure("FFT: out of memory for a " + std::to_string(n0) + " x " +
                          std::to_string(n1) + " buffer");
  }
  plan_->plan = plan_transform(
      [&](unsigned flags) {
        return fftwf_plan_dft_2d(static_cast<int>(n0), static_cast<int>(n1), plan_->buffer,
                                 plan_->buffer, fft_sign(direction), flags);
      },
      threads, planning, std::to_string(n0) + " x " + std::to_string(n1));
}

Fft2d::~Fft2d() = default;
Fft2d::Fft2d(Fft2d&&) noexcept = default;
Fft2d& Fft2d::operator=(Fft2d&&) noexcept = default;

std::string export_fft_wisdom() {
  initialise_fftw_once();
  char* text = fftwf_export_wisdom_to_string();
  std::string wisdom = text != nullptr ? text : "";
  std::free(text);
  return wisdom;
}

void replace_fft_wisdom(const std::string& wisdom) {
  initialise_fftw_once();
  fftwf_forget_wisdom();
  if (!wisdom.empty() && fftwf_import_wisdom_from_string(wisdom.c_str()) == 0) {
    throw runtime_failure("FFT: another process's FFTW wisdom could not be imported");
  }
}

std::complex<float>* Fft2d::data() const {
  return reinterpret_cast<std::complex<float>*>(plan_->buffer);  // layout-compatible
}

void Fft2d::execute() {
  fftwf_execute(plan_->plan);
}

struct BatchedFft2d::Plan {
  fftwf_plan plan = nullptr;
  ~Plan() {
    if (plan != nullptr) {
      fftwf_destroy_plan(plan);
    }
  }
};

BatchedFft2d::BatchedFft2d(std::complex<float>* data, std::size_t n0, std::size_t n1,
                           std::size_t batch, FftDirection direction, int threads,
                           FftPlanning planning)
    : plan_(std::make_unique<Plan>()) {
  initialise_fftw_once();
  auto* buffer = reinterpret_cast<fftwf_complex*>(data);  // layout-compatible
  const int n[2] = {static_cast<int>(n0), static_cast<int>(n1)};
  const int distance = static_cast<int>(n0 * n1);
  plan_->plan = plan_transform(
      [&](unsigned flags) {
        return fftwf_plan_many_dft(2, n, static_cast<int>(batch), buffer, nullptr, 1, distance,
                                   buffer, nullptr, 1, distance, fft_sign(direction), flags);
      },
      threads, planning,
      std::to_string(batch) + " x " + std::to_string(n0) + " x " + std::to_string(n1));
}

BatchedFft2d::~BatchedFft2d() = default;
BatchedFft2d::BatchedFft2d(BatchedFft2d&&) noexcept = default;
BatchedFft2d& BatchedFft2d::operator=(BatchedFft2d&&) noexcept = default;

void BatchedFft2d::execute() {
  fftwf_execute(plan_->plan);
}

}  // namespace holodet::propagate
