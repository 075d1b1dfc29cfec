#include "holodet/core/optics.h"

#include <cmath>
#include <sstream>
#include <string>

#include "holodet/core/error.h"

namespace holodet {
namespace {

void require_positive(double value, std::string_view name, std::string_view origin) {
  if (!std::isfinite(value) || value <= 0) {
    std::ostringstream message;
    message << origin << ": " << name << " = " << value << " must be a positive finite number";
    throw bad_input(message.str());
  }
}

}  // namespace

void validate(const Optics& optics, std::string_view origin) {
  require_positive(optics.wavelength_m, "wavelength_m", origin);
  require_positive(optics.pixel_pitch_x_m, "pixel_pitch_x_m", origin);
  require_positive(optics.pixel_pitch_y_m, "pixel_pitch_y_m", origin);
  require_positive(optics.z_min_m, "z_min_m", origin);
  require_positive(optics.z_max_m, "z_max_m", origin);
  if (optics.z_min_m >= optics.z_max_m) {
    std::ostringstream message;
    message << origin << ": z_min_m = " << optics.z_min_m
            << " must be below z_max_m = " << optics.z_max_m;
    throw bad_input(message.str());
  }
}

}  // namespace holodet
