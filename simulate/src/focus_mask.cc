#include "holodet/simulate/focus_mask.h"

#include <algorithm>
#include <cmath>

namespace holodet::simulate {

std::vector<std::uint8_t> focus_mask(const std::vector<SimParticle>& particles,
                                     const PixelGrid& grid, double z_um, double depth_band_um) {
  return focus_mask(particles, grid, z_um, [depth_band_um](double) { return depth_band_um; });
}

std::vector<std::uint8_t> focus_mask(const std::vector<SimParticle>& particles,
                                     const PixelGrid& grid, double z_um,
                                     const std::function<double(double z_um)>& depth_band_um) {
  std::vector<std::uint8_t> mask(grid.size_x * grid.size_y, 0);
  for (const SimParticle& p : particles) {
    if (std::abs(p.z_um - z_um) > depth_band_um(p.z_um)) {
      continue;
    }
    const double ci = grid.i_of_x(p.x_um), cj = grid.j_of_y(p.y_um);
    const double a = p.major_um() / 2, b = p.minor_um() / 2;
    const double c = std::cos(p.orientation), s = std::sin(p.orientation);
    const double reach_i = a / grid.pitch_x_um + 1, reach_j = a / grid.pitch_y_um + 1;
    const auto i_low = static_cast<long long>(std::max(0.0, std::floor(ci - reach_i)));
    const auto i_high =
        static_cast<long long>(std::min<double>(grid.size_x - 1, std::ceil(ci + reach_i)));
    const auto j_low = static_cast<long long>(std::max(0.0, std::floor(cj - reach_j)));
    const auto j_high =
        static_cast<long long>(std::min<double>(grid.size_y - 1, std::ceil(cj + reach_j)));
    for (long long i = i_low; i <= i_high; ++i) {
      for (long long j = j_low; j <= j_high; ++j) {
        // Pixel centre relative to the particle, in µm, in the particle's own axes.
        const double x = (static_cast<double>(i) - ci) * grid.pitch_x_um;
        const double y = (static_cast<double>(j) - cj) * grid.pitch_y_um;
        const double u = x * c + y * s, v = -x * s + y * c;
        if ((u * u) / (a * a) + (v * v) / (b * b) <= 1.0) {
          mask[static_cast<std::size_t>(i) * grid.size_y + static_cast<std::size_t>(j)] = 1;
        }
      }
    }
  }
  return mask;
}

}  // namespace holodet::simulate
