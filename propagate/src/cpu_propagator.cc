// The CPU backend: FFTW3 single precision, planned once per propagator, threads for the
// transforms and OpenMP for the element-wise passes. docs/PERFORMANCE.md compares it with
// LibTorch's pocketfft on the same sizes.
#include "cpu_propagator.h"

#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <numbers>
#include <thread>

#include "field_preparation.h"
#include "holodet/core/error.h"
#include "holodet/propagate/angular_spectrum.h"
#include "holodet/propagate/fast_trig.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/network_normalisation.h"
#include "network_input.h"

namespace holodet::propagate::detail {
namespace {

// One row of work = spectrum · H_z: branch-free (aliased and evanescent bins are multiplied
// by 0) on restrict float pointers in a function of its own, so GCC vectorises it.
[[gnu::noinline]] void multiply_row(const float* __restrict spectrum, const float* __restrict rates,
                                    const float* __restrict frequency_y, float z, float limit_y,
                                    std::size_t py, float* __restrict work) {
  for (std::size_t ky = 0; ky < py; ++ky) {
    const float rate = rates[ky];
    const float keep = static_cast<float>((frequency_y[ky] <= limit_y) & (rate <= 0.0f));
    float cycles = z * rate;
    cycles -= std::nearbyint(cycles);
    float sine, cosine;
    sincos_turns(cycles, sine, cosine);
    const float re = spectrum[2 * ky], im = spectrum[2 * ky + 1];
    work[2 * ky] = keep * (re * cosine - im * sine);
    work[2 * ky + 1] = keep * (re * sine + im * cosine);
  }
}

class CpuPropagator final : public Propagator {
 public:
  explicit CpuPropagator(const PropagatorOptions& options)
      : geometry_(padded_geometry(options.size_x, options.size_y, options.settings.min_padding_px)),
        settings_(options.settings),
        threads_(options.threads > 0
                     ? options.threads
                     : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
        projection_(options.size_x, options.size_y) {
    const FftPlanning planning = options.fft_planning;
    forward_ = std::make_unique<Fft2d>(geometry_.padded_x, geometry_.padded_y,
                                       FftDirection::kForward, threads_, planning);
    inverse_ = std::make_unique<Fft2d>(geometry_.padded_x, geometry_.padded_y,
                                       FftDirection::kInverse, threads_, planning);
    compute_phase_rates();
    tiles_ = resolve_tiles(network_layout_, geometry_.size_x, geometry_.size_y);
  }

  void set_hologram(FrameView<const float> counts) override {
    const std::vector<float> field = prepare_field(counts, geometry_, settings_);
    std::copy(field.begin(), field.end(), forward_->data());
    transform_spectrum();
  }

  MinimumProjection minimum_projection() const override { return projection_; }

  void set_field(FrameView<const std::complex<float>> field) override {
    const std::vector<std::complex<float>> padded =
        prepare_complex_field(field, geometry_, settings_.pad);
    std::copy(padded.begin(), padded.end(), forward_->data());
    transform_spectrum();
  }

  std::vector<std::complex<float>> spectrum() const override {
    if (!has_spectrum_) {
      throw runtime_failure("propagation: spectrum() before set_hologram()");
    }
    return {forward_->data(), forward_->data() + forward_->size()};
  }

  void set_spectrum(std::span<const std::complex<float>> spectrum) override {
    check_spectrum_size(spectrum.size(), forward_->size());
    std::copy(spectrum.begin(), spectrum.end(), forward_->data());
    has_spectrum_ = true;
    projection_ = MinimumProjection(geometry_.size_x, geometry_.size_y);
  }

  void set_network_input(const NetworkInputLayout& layout) override {
    tiles_ = resolve_tiles(layout, geometry_.size_x, geometry_.size_y);
    network_layout_ = layout;
    network_planes_ = 0;
  }

  void propagate(std::span<const double> z_m, unsigned outputs, PlaneBatch& out) override {
    if (!has_spectrum_) {
      throw runtime_failure("propagation: propagate() before set_hologram()");
    }
    prepare_plane_batch(z_m, outputs, geometry_.size_x, geometry_.size_y, out);
    network_planes_ = 0;
    if (outputs & kNetworkInput) {
      const std::size_t values = z_m.size() * tiles_.origins.size() * tiles_.tile_x * tiles_.tile_y;
      network_f32_.resize(network_layout_.float16 ? 0 : values);
      network_f16_.resize(network_layout_.float16 ? values : 0);
    }
    for (std::size_t p = 0; p < z_m.size(); ++p) {
      multiply_transfer_function(z_m[p]);
      inverse_->execute();
      write_outputs(p, z_m[p], outputs, out);
      if (outputs & kMinimumProjection) {
        // This backend's "device" is the host: the amplitude plane folds in from host memory.
        const FrameView<const float> amplitude =
            outputs & kAmplitude ? out.amplitude_plane(p)
                                 : FrameView<const float>{std::span<const float>(projection_plane_),
                                                          geometry_.size_x, geometry_.size_y};
        projection_.add(amplitude, z_m[p]);
      }
    }
    network_planes_ = outputs & kNetworkInput ? z_m.size() : 0;
  }

  NetworkInputView network_input() const override {
    const void* data = network_layout_.float16 ? static_cast<const void*>(network_f16_.data())
                                               : static_cast<const void*>(network_f32_.data());
    return network_view(data, network_planes_, tiles_, network_layout_.float16, false, 0);
  }

  HostNetworkInput download_network_input() const override {
    const NetworkInputView view = network_input();
    HostNetworkInput host;
    if (view.float16) {
      host.f16.assign(network_f16_.begin(),
                      network_f16_.begin() + static_cast<std::ptrdiff_t>(view.values()));
    } else {
      host.f32.assign(network_f32_.begin(),
                      network_f32_.begin() + static_cast<std::ptrdiff_t>(view.values()));
    }
    return host;
  }

  std::size_t padded_size_x() const override { return geometry_.padded_x; }
  std::size_t padded_size_y() const override { return geometry_.padded_y; }
  std::size_t max_batch() const override { return 1; }
  std::string description() const override {
    return "CPU FFTW, " + std::to_string(threads_) + " threads";
  }

 private:
  // The forward transform's buffer keeps the spectrum until the next hologram.
  void transform_spectrum() {
    forward_->execute();
    has_spectrum_ = true;
    projection_ = MinimumProjection(geometry_.size_x, geometry_.size_y);
  }

  // g(f) of every bin, once per propagator: the per-plane pass is then one multiply and one
  // sincos per bin. Evaluated in double, stored in float (its relative error, 6e-8, costs at
  // most 5e-5 cycles of phase at HOLODEC's largest depth).
  void compute_phase_rates() {
    const std::size_t px = geometry_.padded_x;
    const std::size_t py = geometry_.padded_y;
    const double inverse_wavelength = 1.0 / settings_.optics.wavelength_m;
    phase_rate_.resize(px * py);
    frequency_x_.resize(px);
    frequency_y_.resize(py);
    for (std::size_t k = 0; k < px; ++k) {
      frequency_x_[k] =
          static_cast<float>(std::abs(fft_frequency(k, px, settings_.optics.pixel_pitch_x_m)));
    }
    for (std::size_t k = 0; k < py; ++k) {
      frequency_y_[k] =
          static_cast<float>(std::abs(fft_frequency(k, py, settings_.optics.pixel_pitch_y_m)));
    }
    for (std::size_t kx = 0; kx < px; ++kx) {
      const double fx = fft_frequency(kx, px, settings_.optics.pixel_pitch_x_m);
      for (std::size_t ky = 0; ky < py; ++ky) {
        const double fy = fft_frequency(ky, py, settings_.optics.pixel_pitch_y_m);
        phase_rate_[kx * py + ky] = static_cast<float>(phase_rate(fx, fy, inverse_wavelength));
      }
    }
  }

  void multiply_transfer_function(double z) {
    const std::size_t px = geometry_.padded_x;
    const std::size_t py = geometry_.padded_y;
    const double wavelength = settings_.optics.wavelength_m;
    const float limit_x = settings_.band_limit
                              ? static_cast<float>(band_limit(
                                    std::abs(z), px, settings_.optics.pixel_pitch_x_m, wavelength))
                              : INFINITY;
    const float limit_y = settings_.band_limit
                              ? static_cast<float>(band_limit(
                                    std::abs(z), py, settings_.optics.pixel_pitch_y_m, wavelength))
                              : INFINITY;
    const auto zf = static_cast<float>(z);
    const std::complex<float>* spectrum = forward_->data();
    std::complex<float>* work = inverse_->data();
    const float* rates = phase_rate_.data();
    const float* fy = frequency_y_.data();
#pragma omp parallel for num_threads(threads_) schedule(static)
    for (std::size_t kx = 0; kx < px; ++kx) {
      const std::size_t row = kx * py;
      if (frequency_x_[kx] > limit_x) {
        std::fill_n(work + row, py, std::complex<float>(0));  // the whole row aliases at z
        continue;
      }
      multiply_row(reinterpret_cast<const float*>(spectrum + row), rates + row, fy, zf, limit_y, py,
                   reinterpret_cast<float*>(work + row));
    }
  }

  void write_outputs(std::size_t p, double z, unsigned outputs, PlaneBatch& out) {
    if ((outputs & kMinimumProjection) && !(outputs & kAmplitude)) {
      projection_plane_.resize(geometry_.size_x * geometry_.size_y);
    }
    const std::size_t nx = geometry_.size_x;
    const std::size_t ny = geometry_.size_y;
    const std::size_t py = geometry_.padded_y;
    const float scale = 1.0f / static_cast<float>(geometry_.padded_x * geometry_.padded_y);
    std::complex<float> factor = scale;
    if (!settings_.remove_carrier) {
      const double cycles = z / settings_.optics.wavelength_m;
      const double angle = 2.0 * std::numbers::pi * (cycles - std::floor(cycles));
      factor *= std::complex<float>(static_cast<float>(std::cos(angle)),
                                    static_cast<float>(std::sin(angle)));
    }
    if (outputs & kNetworkInput) {
      write_network_input(p, factor);
    }
    const std::size_t base = p * nx * ny;
    const std::complex<float>* work = inverse_->data();
    // One loop per output so each vectorises; amplitude and phase avoid std::abs/std::arg's
    // overflow-safe (and slow) hypot.
#pragma omp parallel for num_threads(threads_) schedule(static)
    for (std::size_t i = 0; i < nx; ++i) {
      const std::complex<float>* row = work + (i + geometry_.offset_x) * py + geometry_.offset_y;
      const std::size_t out_row = base + i * ny;
      if (outputs & kField) {
        for (std::size_t j = 0; j < ny; ++j) {
          out.field[out_row + j] = row[j] * factor;
        }
      }
      if (outputs & (kAmplitude | kMinimumProjection)) {
        const float magnitude = std::abs(factor);
        float* amplitude = outputs & kAmplitude ? out.amplitude.data() + out_row
                                                : projection_plane_.data() + i * ny;
        for (std::size_t j = 0; j < ny; ++j) {
          const float re = row[j].real(), im = row[j].imag();
          amplitude[j] = magnitude * std::sqrt(re * re + im * im);
        }
      }
      if (outputs & kPhase) {
        for (std::size_t j = 0; j < ny; ++j) {
          const std::complex<float> value = row[j] * factor;
          out.phase[out_row + j] = std::atan2(value.imag(), value.real());
        }
      }
    }
  }

  // The segmenter's tiles straight from the field: (|E| − offset) · scale per pixel.
  void write_network_input(std::size_t p, const std::complex<float>& factor) {
    const std::size_t py = geometry_.padded_y;
    const float magnitude = std::abs(factor);
    const float offset = network_layout_.offset;
    const float scale = network_layout_.scale;
    const std::size_t tiles = tiles_.origins.size();
    const std::complex<float>* work = inverse_->data();
#pragma omp parallel for num_threads(threads_) schedule(static) collapse(2)
    for (std::size_t t = 0; t < tiles; ++t) {
      for (std::size_t tx = 0; tx < tiles_.tile_x; ++tx) {
        const auto& origin = tiles_.origins[t];
        const std::complex<float>* row =
            work + (geometry_.offset_x + origin[0] + tx) * py + geometry_.offset_y + origin[1];
        const std::size_t base = ((p * tiles + t) * tiles_.tile_x + tx) * tiles_.tile_y;
        for (std::size_t ty = 0; ty < tiles_.tile_y; ++ty) {
          const float re = row[ty].real(), im = row[ty].imag();
          const float value =
              normalised_input(magnitude * std::sqrt(re * re + im * im), offset, scale);
          if (network_layout_.float16) {
            network_f16_[base + ty] = float_to_half_bits(value);
          } else {
            network_f32_[base + ty] = value;
          }
        }
      }
    }
  }

  PaddedGeometry geometry_;
  PropagationSettings settings_;
  int threads_;
  std::unique_ptr<Fft2d> forward_;  // its buffer holds the hologram's spectrum
  std::unique_ptr<Fft2d> inverse_;  // its buffer is the per-plane work area
  std::vector<float> phase_rate_;
  std::vector<float> frequency_x_;
  std::vector<float> frequency_y_;
  bool has_spectrum_ = false;
  NetworkInputLayout network_layout_;
  ResolvedTiles tiles_;
  // The network input of the last propagate(): this backend's "device" memory is the host's.
  std::vector<float> network_f32_;
  std::vector<std::uint16_t> network_f16_;
  std::size_t network_planes_ = 0;
  MinimumProjection projection_;
  std::vector<float> projection_plane_;  // the amplitude for the projection when not asked for
};

}  // namespace

std::unique_ptr<Propagator> make_cpu_propagator(const PropagatorOptions& options) {
  return std::make_unique<CpuPropagator>(options);
}

}  // namespace holodet::propagate::detail
