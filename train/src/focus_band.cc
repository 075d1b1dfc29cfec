#include "holodet/train/focus_band.h"

#include <algorithm>

namespace holodet::train {

FocusBand::FocusBand(const config::TrainConfig& train, const Optics& optics, std::size_t size_x,
                     std::size_t size_y)
    : fixed_um_(train.depth_band_um),
      fraction_(train.band_depth_of_field_fraction),
      wavelength_um_(optics.wavelength_m * 1e6),
      half_aperture_um_(0.5 *
                        std::min(static_cast<double>(size_x) * optics.pixel_pitch_x_m,
                                 static_cast<double>(size_y) * optics.pixel_pitch_y_m) *
                        1e6) {}

double FocusBand::operator()(double z_um) const {
  if (fraction_ <= 0) {
    return fixed_um_;
  }
  const double numerical_aperture = half_aperture_um_ / z_um;
  const double depth_of_field_um = wavelength_um_ / (numerical_aperture * numerical_aperture);
  return std::max(fixed_um_, fraction_ * depth_of_field_um);
}

}  // namespace holodet::train
