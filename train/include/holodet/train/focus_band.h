#pragma once
// How far from its depth a particle counts as in focus, for training labels and for where
// positive and near-negative tiles are drawn. A frame of side L resolves depth only to its
// depth of field λ / NA², NA ≈ (L/2) / z: in a 1024² crop about 0.4 mm at 50 mm and 3.5 mm at
// 150 mm. A fixed band of 300 µm asks the network to call a far particle in focus at 0.2 mm
// and out of focus at 0.6 mm, which its plane cannot show: such labels contradict each other.
// With train.band_depth_of_field_fraction > 0 the band is that fraction of the depth of
// field wherever it exceeds train.depth_band_um.

#include <cstddef>

#include "holodet/config/config.h"
#include "holodet/core/optics.h"

namespace holodet::train {

class FocusBand {
 public:
  // The aperture is the frame's smaller side (size_x × pitch_x or size_y × pitch_y).
  FocusBand(const config::TrainConfig& train, const Optics& optics, std::size_t size_x,
            std::size_t size_y);

  double operator()(double z_um) const;

 private:
  double fixed_um_;
  double fraction_;
  double wavelength_um_;
  double half_aperture_um_;
};

}  // namespace holodet::train
