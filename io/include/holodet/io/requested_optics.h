#pragma once
// What the user asked of the optics, apart from the configuration that holds it (config/ lies
// above io/): the values and which of them the user set.

#include <set>
#include <string>
#include <string_view>

#include "holodet/core/optics.h"

namespace holodet::io {

// The optics the user asked for: the configuration's values (HOLODEC's defaults where the user
// set none) and the keys the user set (optics.wavelength_m, optics.pixel_pitch_x_m, ...), which
// win over a file's attributes. Config::requested_optics() makes one.
struct RequestedOptics {
  Optics values;
  std::set<std::string> explicit_keys;
  bool is_explicit(std::string_view key) const { return explicit_keys.contains(std::string(key)); }
};

}  // namespace holodet::io
