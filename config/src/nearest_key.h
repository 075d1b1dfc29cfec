#pragma once
// The known configuration key an unknown one was most likely meant to be, for the error that
// refuses it: a suggestion reads better than the list of all ninety keys.

#include <string_view>

namespace holodet::config {

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each count one ("wavelenght" is one from "wavelength").
std::size_t edit_distance(std::string_view a, std::string_view b);

// The key nearest to `unknown`, comparing the whole dotted name and, for a wrong or missing
// group, the part after the dot; "" when none is close enough to be a likely typo.
std::string_view nearest_key(std::string_view unknown);

}  // namespace holodet::config
