#include "holodet/simulate/hologram_simulator.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <thread>

#include "holodet/core/error.h"
#include "holodet/propagate/angular_spectrum.h"
#include "holodet/propagate/fast_trig.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/fft_size.h"
#include "jinc_table.h"

namespace holodet::simulate {
namespace {

// One particle in the units of the spectrum loop. Its lateral phase
// exp(−2πi(fx·x0 + fy·y0)) separates into a per-row factor and a per-column table, both
// computed in double once: the per-bin work is then float arithmetic that vectorises, with
// only the depth phase z·g(f) (at most ~800 cycles, exact to 5e-5 cycles in float) left.
struct SpectralParticle {
  double x0_m, y0_m;  // centre in the padded grid's coordinates (index 0 at 0)
  float z_m;
  float limit_x, limit_y;  // band limits (1/m)
  float amplitude;         // area / (dx·dy): the DFT of the continuous transform
  float major_m, minor_m;  // diameters along the rotated axes
  float cos_t, sin_t;
  std::vector<std::complex<float>> column_phase;  // exp(−2πi·fy·y0) for every ky
};

// exp(−2πi·f_k·c) for the FFT bins k of an axis, by exact per-bin reduction in double.
std::vector<std::complex<float>> lateral_phase(const std::vector<float>& frequency, double c) {
  std::vector<std::complex<float>> phase(frequency.size());
  for (std::size_t k = 0; k < frequency.size(); ++k) {
    double cycles = -static_cast<double>(frequency[k]) * c;
    cycles -= std::nearbyint(cycles);
    phase[k] = std::polar(1.0f, static_cast<float>(2 * std::numbers::pi * cycles));
  }
  return phase;
}

}  // namespace

struct HologramSimulator::State {
  std::size_t size_x, size_y, padded_x, padded_y, offset_x, offset_y;
  SimulationSettings settings;
  int threads;
  propagate::Fft2d inverse;
  std::vector<float> frequency_x, frequency_y;

  State(std::size_t nx, std::size_t ny, const SimulationSettings& s, std::size_t px, std::size_t py,
        int thread_count)
      : size_x(nx),
        size_y(ny),
        padded_x(px),
        padded_y(py),
        offset_x((px - nx) / 2),
        offset_y((py - ny) / 2),
        settings(s),
        threads(thread_count),
        inverse(px, py, propagate::FftDirection::kInverse, thread_count,
                propagate::FftPlanning::kDeterministic) {}
};

namespace {

std::size_t padded(std::size_t n, double fraction) {
  return propagate::next_fast_fft_size(n + 2 * static_cast<std::size_t>(std::lround(fraction * n)));
}

}  // namespace

HologramSimulator::HologramSimulator(std::size_t size_x, std::size_t size_y,
                                     const SimulationSettings& settings) {
  if (size_x == 0 || size_y == 0) {
    throw bad_input("synthetic hologram: zero frame size");
  }
  validate(settings.optics, "synthetic hologram");
  if (!(settings.padding_fraction >= 0 && settings.padding_fraction <= 2)) {
    throw bad_input("synthetic hologram: padding fraction " +
                    std::to_string(settings.padding_fraction) + " must be in [0, 2]");
  }
  const int threads = settings.threads > 0
                          ? settings.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  state_ =
      std::make_unique<State>(size_x, size_y, settings, padded(size_x, settings.padding_fraction),
                              padded(size_y, settings.padding_fraction), threads);
  for (std::size_t k = 0; k < state_->padded_x; ++k) {
    state_->frequency_x.push_back(static_cast<float>(
        propagate::fft_frequency(k, state_->padded_x, settings.optics.pixel_pitch_x_m)));
  }
  for (std::size_t k = 0; k < state_->padded_y; ++k) {
    state_->frequency_y.push_back(static_cast<float>(
        propagate::fft_frequency(k, state_->padded_y, settings.optics.pixel_pitch_y_m)));
  }
}

HologramSimulator::~HologramSimulator() = default;

std::size_t HologramSimulator::size_x() const {
  return state_->size_x;
}
std::size_t HologramSimulator::size_y() const {
  return state_->size_y;
}
const Optics& HologramSimulator::optics() const {
  return state_->settings.optics;
}
std::size_t HologramSimulator::padded_size_x() const {
  return state_->padded_x;
}
std::size_t HologramSimulator::padded_size_y() const {
  return state_->padded_y;
}

namespace {

// The per-row constants of one particle.
struct RowTerms {
  float row_re, row_im;  // amplitude · exp(−2πi·fx·x0)
  float row_u, row_v;    // fx rotated into the particle's axes
  float major2, minor2;  // squared diameters
  float limit_y, z_m, sin_t, cos_t;
};

// Adds one particle's spectrum along one row of bins. Branch-free (out-of-band and evanescent
// bins are multiplied by 0) and on raw restrict pointers in a function of its own, so it
// vectorises (the table read becomes a gather; the table must arrive as a restrict parameter,
// or GCC fears the gather aliases the sums). Inside the OpenMP region it did not. Plain
// floats: std::complex's operator* calls __mulsc3 (for its NaN rules) per element.
[[gnu::noinline]] void accumulate_row(const RowTerms& t, std::size_t py,
                                      const float* __restrict frequency_y,
                                      const float* __restrict rates, const float* __restrict table,
                                      float max_x, const float* __restrict column_phase,
                                      float* __restrict sum_re, float* __restrict sum_im) {
  // Locals, not t's fields: stores to sum_re/sum_im could alias a reference's floats.
  const float limit_y = t.limit_y, row_u = t.row_u, row_v = t.row_v, sin_t = t.sin_t;
  const float cos_t = t.cos_t, major2 = t.major2, minor2 = t.minor2, z_m = t.z_m;
  const float row_re = t.row_re, row_im = t.row_im;
  for (std::size_t ky = 0; ky < py; ++ky) {
    const float fy = frequency_y[ky];
    const float keep = static_cast<float>((std::abs(fy) <= limit_y) & (rates[ky] <= 0.0f));
    const float fu = row_u + fy * sin_t;
    const float fv = row_v + fy * cos_t;
    const float argument =
        std::numbers::pi_v<float> * std::sqrt(major2 * fu * fu + minor2 * fv * fv);
    float cycles = z_m * rates[ky];
    cycles -= std::nearbyint(cycles);
    float sine, cosine;
    propagate::sincos_turns(cycles, sine, cosine);
    const float magnitude = keep * detail::JincTable::lookup(table, max_x, argument);
    // magnitude · row term · column phase · (cos + i·sin)
    const float column_re = column_phase[2 * ky], column_im = column_phase[2 * ky + 1];
    const float lateral_re = row_re * column_re - row_im * column_im;
    const float lateral_im = row_re * column_im + row_im * column_re;
    sum_re[ky] += magnitude * (lateral_re * cosine - lateral_im * sine);
    sum_im[ky] += magnitude * (lateral_re * sine + lateral_im * cosine);
  }
}

}  // namespace

std::vector<float> HologramSimulator::intensity(const std::vector<SimParticle>& particles) {
  State& s = *state_;
  const Optics& optics = s.settings.optics;
  const double dx = optics.pixel_pitch_x_m, dy = optics.pixel_pitch_y_m;
  std::vector<SpectralParticle> spectral;
  double largest_m = 0;
  for (const SimParticle& p : particles) {
    if (!(p.d_um > 0) || !(p.aspect > 0 && p.aspect <= 1) || !std::isfinite(p.z_um)) {
      throw bad_input("synthetic hologram: particle with diameter " + std::to_string(p.d_um) +
                      " um, aspect " + std::to_string(p.aspect) + " is not drawable");
    }
    const double z_m = p.z_um * 1e-6;
    const double major = p.major_um() * 1e-6, minor = p.minor_um() * 1e-6;
    largest_m = std::max(largest_m, major);
    spectral.push_back(
        {(static_cast<double>(s.offset_x) + static_cast<double>(s.size_x) / 2) * dx + p.x_um * 1e-6,
         (static_cast<double>(s.offset_y) + static_cast<double>(s.size_y) / 2) * dy + p.y_um * 1e-6,
         static_cast<float>(z_m),
         static_cast<float>(
             propagate::band_limit(std::abs(z_m), s.padded_x, dx, optics.wavelength_m)),
         static_cast<float>(
             propagate::band_limit(std::abs(z_m), s.padded_y, dy, optics.wavelength_m)),
         static_cast<float>(std::numbers::pi * major * minor / 4 / (dx * dy)),
         static_cast<float>(major),
         static_cast<float>(minor),
         static_cast<float>(std::cos(p.orientation)),
         static_cast<float>(std::sin(p.orientation)),
         {}});
    spectral.back().column_phase = lateral_phase(s.frequency_y, spectral.back().y0_m);
  }
  const double rho_max = std::hypot(0.5 / dx, 0.5 / dy);
  const detail::JincTable jinc(std::numbers::pi * largest_m * rho_max + 1);
  const double inverse_wavelength = 1.0 / optics.wavelength_m;
  const std::size_t px = s.padded_x, py = s.padded_y;
  std::complex<float>* spectrum = s.inverse.data();

#pragma omp parallel num_threads(s.threads)
  {
    std::vector<float> rate(py);
    std::vector<float> accumulated_re(py), accumulated_im(py);
#pragma omp for schedule(dynamic, 16)
    for (std::size_t kx = 0; kx < px; ++kx) {
      const float fx = s.frequency_x[kx];
      for (std::size_t ky = 0; ky < py; ++ky) {
        // Evanescent bins (never at HOLODEC's pitch and wavelength) get a NaN-free zero below.
        rate[ky] =
            static_cast<float>(propagate::phase_rate(fx, s.frequency_y[ky], inverse_wavelength));
      }
      std::fill(accumulated_re.begin(), accumulated_re.end(), 0.0f);
      std::fill(accumulated_im.begin(), accumulated_im.end(), 0.0f);
      for (const SpectralParticle& p : spectral) {
        if (std::abs(fx) > p.limit_x) {
          continue;  // this whole row is beyond the particle's band limit
        }
        double row_cycles = -static_cast<double>(fx) * p.x0_m;
        row_cycles -= std::nearbyint(row_cycles);
        const std::complex<float> row_factor =
            p.amplitude * std::polar(1.0f, static_cast<float>(2 * std::numbers::pi * row_cycles));
        const float row_u = fx * p.cos_t, row_v = -fx * p.sin_t;
        const float major2 = p.major_m * p.major_m, minor2 = p.minor_m * p.minor_m;
        const float row_re = row_factor.real(), row_im = row_factor.imag();
        accumulate_row(RowTerms{row_re, row_im, row_u, row_v, major2, minor2, p.limit_y, p.z_m,
                                p.sin_t, p.cos_t},
                       py, s.frequency_y.data(), rate.data(), jinc.data(), jinc.max_x(),
                       reinterpret_cast<const float*>(p.column_phase.data()), accumulated_re.data(),
                       accumulated_im.data());
      }
      for (std::size_t ky = 0; ky < py; ++ky) {
        // U = 1 − scattered: the plane wave is N at the zero frequency of the DFT.
        spectrum[kx * py + ky] = {-accumulated_re[ky], -accumulated_im[ky]};
      }
    }
  }
  spectrum[0] += static_cast<float>(px * py);
  s.inverse.execute();

  const float scale = 1.0f / static_cast<float>(px * py);
  std::vector<float> intensity(s.size_x * s.size_y);
#pragma omp parallel for num_threads(s.threads) schedule(static)
  for (std::size_t i = 0; i < s.size_x; ++i) {
    const std::complex<float>* row = spectrum + (i + s.offset_x) * py + s.offset_y;
    for (std::size_t j = 0; j < s.size_y; ++j) {
      const float re = row[j].real() * scale, im = row[j].imag() * scale;
      intensity[i * s.size_y + j] = re * re + im * im;
    }
  }
  return intensity;
}

}  // namespace holodet::simulate
