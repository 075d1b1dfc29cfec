#pragma once
// The instrument's optics and sample volume. Defaults are HOLODEC's
// (docs/HOLODEC.md): 355 nm laser, 2.96 µm square pixels, particles 14–158 mm
// from the sensor.

#include <string_view>

namespace holodet {

struct Optics {
  double wavelength_m = 355e-9;
  double pixel_pitch_x_m = 2.96e-6;  // along x, the archive's slower image axis (xsize)
  double pixel_pitch_y_m = 2.96e-6;  // along y, the faster axis (ysize)
  double z_min_m = 0.014;            // nearest particle plane from the sensor
  double z_max_m = 0.158;            // farthest

  friend bool operator==(const Optics&, const Optics&) = default;
};

// Throws bad_input naming `origin` (a file or "config") when a value is not finite, not
// positive, or z_min_m >= z_max_m.
void validate(const Optics& optics, std::string_view origin);

}  // namespace holodet
