#include "holodet/propagate/crop_refocuser.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "holodet/core/error.h"
#include "holodet/propagate/angular_spectrum.h"

namespace holodet::propagate {

CropRefocuser::CropRefocuser(std::size_t size, const Optics& optics, FftPlanning planning)
    : size_(size),
      optics_(optics),
      forward_(size, size, FftDirection::kForward, 1, planning),
      inverse_(size, size, FftDirection::kInverse, 1, planning) {
  if (size < 8) {
    throw runtime_failure("CropRefocuser: crops of at least 8 x 8 pixels");
  }
  spectrum_.resize(size * size);
  phase_rate_.resize(size * size);
  fx_.resize(size);
  fy_.resize(size);
  const double inverse_wavelength = 1.0 / optics.wavelength_m;
  for (std::size_t k = 0; k < size; ++k) {
    fx_[k] = std::abs(fft_frequency(k, size, optics.pixel_pitch_x_m));
    fy_[k] = std::abs(fft_frequency(k, size, optics.pixel_pitch_y_m));
  }
  for (std::size_t k = 0; k < size; ++k) {
    for (std::size_t l = 0; l < size; ++l) {
      phase_rate_[k * size + l] = phase_rate(fx_[k], fy_[l], inverse_wavelength);
    }
  }
  // Tukey: 1 over the middle half, a raised cosine down to 0 over each outer quarter.
  taper_.resize(size);
  const double edge = static_cast<double>(size) / 4;
  for (std::size_t k = 0; k < size; ++k) {
    const double from_edge =
        std::min(static_cast<double>(k) + 0.5, static_cast<double>(size - k) - 0.5);
    taper_[k] = from_edge >= edge
                    ? 1.0f
                    : static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * from_edge / edge));
  }
}

void CropRefocuser::set_crop(std::span<const std::complex<float>> crop) {
  if (crop.size() != size_ * size_) {
    throw runtime_failure("CropRefocuser: the crop has " + std::to_string(crop.size()) +
                          " values, not " + std::to_string(size_ * size_));
  }
  std::complex<double> border_sum = 0;
  for (std::size_t k = 0; k < size_; ++k) {
    border_sum +=
        std::complex<double>(crop[k]) + std::complex<double>(crop[(size_ - 1) * size_ + k]);
    if (k > 0 && k + 1 < size_) {
      border_sum +=
          std::complex<double>(crop[k * size_]) + std::complex<double>(crop[k * size_ + size_ - 1]);
    }
  }
  const auto border_mean = std::complex<float>(border_sum / static_cast<double>(4 * size_ - 4));
  std::complex<float>* data = forward_.data();
  for (std::size_t k = 0; k < size_; ++k) {
    for (std::size_t l = 0; l < size_; ++l) {
      const float weight = taper_[k] * taper_[l];
      data[k * size_ + l] = border_mean + weight * (crop[k * size_ + l] - border_mean);
    }
  }
  forward_.execute();
  std::copy_n(data, size_ * size_, spectrum_.begin());
}

void CropRefocuser::propagate_to(double dz_m) {
  const double limit_x = band_limit(dz_m, size_, optics_.pixel_pitch_x_m, optics_.wavelength_m);
  const double limit_y = band_limit(dz_m, size_, optics_.pixel_pitch_y_m, optics_.wavelength_m);
  std::complex<float>* data = inverse_.data();
  for (std::size_t k = 0; k < size_; ++k) {
    for (std::size_t l = 0; l < size_; ++l) {
      const std::size_t at = k * size_ + l;
      const double rate = phase_rate_[at];
      if (rate > 0 || fx_[k] > limit_x || fy_[l] > limit_y) {
        data[at] = 0;
        continue;
      }
      const double phase = 2 * std::numbers::pi * dz_m * rate;
      data[at] = spectrum_[at] * std::complex<float>(static_cast<float>(std::cos(phase)),
                                                     static_cast<float>(std::sin(phase)));
    }
  }
  inverse_.execute();
}

void CropRefocuser::amplitude_at(double dz_m, std::vector<float>& amplitude) {
  propagate_to(dz_m);
  const std::complex<float>* data = inverse_.data();
  amplitude.resize(size_ * size_);
  const float scale = 1.0f / static_cast<float>(size_ * size_);
  for (std::size_t at = 0; at < size_ * size_; ++at) {
    amplitude[at] = std::abs(data[at]) * scale;
  }
}

void CropRefocuser::field_at(double dz_m, std::vector<std::complex<float>>& field) {
  propagate_to(dz_m);
  const std::complex<float>* data = inverse_.data();
  field.resize(size_ * size_);
  const float scale = 1.0f / static_cast<float>(size_ * size_);
  for (std::size_t at = 0; at < size_ * size_; ++at) {
    field[at] = data[at] * scale;
  }
}

void CropRefocuser::scan(
    double dz_first_m, double dz_step_m, std::size_t count,
    const std::function<void(std::size_t, const std::vector<std::complex<float>>&)>& visit) {
  const std::size_t bins = size_ * size_;
  transfer_.resize(bins);
  transfer_step_.resize(bins);
  for (std::size_t at = 0; at < bins; ++at) {
    const double rate = phase_rate_[at] > 0 ? 0.0 : phase_rate_[at];
    transfer_[at] = std::polar(1.0, 2 * std::numbers::pi * dz_first_m * rate);
    transfer_step_[at] = std::polar(1.0, 2 * std::numbers::pi * dz_step_m * rate);
  }
  std::complex<float>* data = inverse_.data();
  const float scale = 1.0f / static_cast<float>(bins);
  scan_field_.resize(bins);
  for (std::size_t k = 0; k < count; ++k) {
    const double dz = dz_first_m + static_cast<double>(k) * dz_step_m;
    const double limit_x = band_limit(dz, size_, optics_.pixel_pitch_x_m, optics_.wavelength_m);
    const double limit_y = band_limit(dz, size_, optics_.pixel_pitch_y_m, optics_.wavelength_m);
    for (std::size_t a = 0; a < size_; ++a) {
      for (std::size_t b = 0; b < size_; ++b) {
        const std::size_t at = a * size_ + b;
        const bool passes = phase_rate_[at] <= 0 && fx_[a] <= limit_x && fy_[b] <= limit_y;
        data[at] = passes ? spectrum_[at] * std::complex<float>(transfer_[at]) * scale
                          : std::complex<float>(0);
        transfer_[at] *= transfer_step_[at];
      }
    }
    inverse_.execute();
    std::copy_n(data, bins, scan_field_.begin());
    visit(k, scan_field_);
  }
}

}  // namespace holodet::propagate
