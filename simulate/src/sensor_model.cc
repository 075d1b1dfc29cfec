#include "holodet/simulate/sensor_model.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "holodet/core/error.h"
#include "holodet/propagate/angular_spectrum.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/fft_size.h"

namespace holodet::simulate {

double counts_per_electron(const SensorSettings& settings) {
  return settings.background_fraction * std::ldexp(1.0, settings.nbits) / settings.ccdelevel;
}

std::vector<float> beam_profile(std::size_t size_x, std::size_t size_y, double pitch_x_m,
                                double pitch_y_m, const SensorSettings& settings,
                                std::mt19937_64& random) {
  // White noise low-passed at the cutoff frequency, rescaled to [0, 1].
  const std::size_t px = propagate::next_fast_fft_size(size_x);
  const std::size_t py = propagate::next_fast_fft_size(size_y);
  propagate::Fft2d forward(px, py, propagate::FftDirection::kForward, 0,
                           propagate::FftPlanning::kDeterministic);
  propagate::Fft2d inverse(px, py, propagate::FftDirection::kInverse, 0,
                           propagate::FftPlanning::kDeterministic);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (std::size_t k = 0; k < px * py; ++k) {
    forward.data()[k] = unit(random);
  }
  forward.execute();
  const double cutoff2 = settings.low_pass_cutoff * settings.low_pass_cutoff;
  for (std::size_t kx = 0; kx < px; ++kx) {
    const double fx = propagate::fft_frequency(kx, px, pitch_x_m);
    for (std::size_t ky = 0; ky < py; ++ky) {
      const double fy = propagate::fft_frequency(ky, py, pitch_y_m);
      inverse.data()[kx * py + ky] =
          fx * fx + fy * fy <= cutoff2 ? forward.data()[kx * py + ky] : 0.0f;
    }
  }
  inverse.execute();
  std::vector<float> smooth(size_x * size_y);
  for (std::size_t i = 0; i < size_x; ++i) {
    for (std::size_t j = 0; j < size_y; ++j) {
      smooth[i * size_y + j] = inverse.data()[i * py + j].real();
    }
  }
  const auto [low, high] = std::minmax_element(smooth.begin(), smooth.end());
  const float lowest = *low, span = *high - *low;
  for (float& value : smooth) {
    const float normalised = span > 0 ? (value - lowest) / span : 0.0f;
    value = 1.0f - static_cast<float>(settings.frac_beam_distort) * normalised;
  }
  return smooth;
}

std::vector<std::uint16_t> expose(FrameView<const float> intensity, double pitch_x_m,
                                  double pitch_y_m, const SensorSettings& settings,
                                  std::mt19937_64& random, double* noise_level) {
  if (settings.nbits != 8 && settings.nbits != 16) {
    throw bad_input("synthetic sensor: Nbits = " + std::to_string(settings.nbits) +
                    " must be 8 or 16");
  }
  if (!(settings.ccdelevel > 0) || !(settings.read_noise_std >= 0) ||
      !(settings.background_fraction > 0 && settings.background_fraction < 1)) {
    throw bad_input(
        "synthetic sensor: need ccdelevel > 0, readNoiseSTD >= 0 and a background "
        "fraction in (0, 1)");
  }
  std::vector<float> beam;
  if (settings.should_beam) {
    beam = beam_profile(intensity.size_x, intensity.size_y, pitch_x_m, pitch_y_m, settings, random);
  }
  const double gain = counts_per_electron(settings);
  const double full_scale = std::ldexp(1.0, settings.nbits) - 1;
  std::normal_distribution<double> read_noise(0.0, settings.read_noise_std);
  std::vector<std::uint16_t> counts(intensity.values.size());
  double noise_sum = 0;
  const double half_scale = std::ldexp(1.0, settings.nbits - 1);
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const double mean_electrons =
        std::max(0.0, static_cast<double>(intensity.values[k]) * (beam.empty() ? 1.0 : beam[k]) *
                          settings.ccdelevel);
    double electrons = mean_electrons;
    if (settings.should_noise) {
      std::poisson_distribution<long long> shot(std::max(mean_electrons, 1e-12));
      electrons = static_cast<double>(shot(random)) + read_noise(random);
    }
    const double noiseless = std::round(mean_electrons * gain);
    const double value = std::round(electrons * gain);
    noise_sum += ((value - noiseless) / half_scale) * ((value - noiseless) / half_scale);
    counts[k] = static_cast<std::uint16_t>(std::clamp(value, 0.0, full_scale));
  }
  if (noise_level != nullptr) {
    *noise_level = std::sqrt(noise_sum);
  }
  return counts;
}

}  // namespace holodet::simulate
