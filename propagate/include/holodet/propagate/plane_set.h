#pragma once
// The depths to reconstruct. HOLODEC's convention (docs/HOLODEC.md): n bins of
// equal width over [z_min, z_max], one plane at each bin centre (1000 planes: dz = 144 µm,
// first 14 072 µm, last 157 928 µm).

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace holodet::propagate {

// n planes at the bin centres of [z_min_m, z_max_m]. Throws bad_input for n < 1 or an empty
// or non-finite range.
std::vector<double> holodec_planes(std::size_t n, double z_min_m, double z_max_m);

// z_first_m, z_first_m + step_m, ... up to and including z_last_m (within a 1e-9 relative
// tolerance). Throws bad_input for step ≤ 0 or z_last < z_first.
std::vector<double> plane_range(double z_first_m, double z_last_m, double step_m);

// Checks an explicit list: non-empty and finite (negative depths propagate towards the
// source). `origin` names the option.
void check_planes(std::span<const double> z_m, const std::string& origin);

}  // namespace holodet::propagate
