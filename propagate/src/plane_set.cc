#include "holodet/propagate/plane_set.h"

#include <cmath>

#include "holodet/core/error.h"

namespace holodet::propagate {

std::vector<double> holodec_planes(std::size_t n, double z_min_m, double z_max_m) {
  if (n < 1 || !std::isfinite(z_min_m) || !std::isfinite(z_max_m) || z_min_m >= z_max_m) {
    throw bad_input("planes: need at least one plane over a non-empty depth range, got " +
                    std::to_string(n) + " planes over [" + std::to_string(z_min_m) + ", " +
                    std::to_string(z_max_m) + "] m");
  }
  std::vector<double> z(n);
  const double width = (z_max_m - z_min_m) / static_cast<double>(n);
  for (std::size_t k = 0; k < n; ++k) {
    z[k] = z_min_m + (static_cast<double>(k) + 0.5) * width;
  }
  return z;
}

std::vector<double> plane_range(double z_first_m, double z_last_m, double step_m) {
  if (!(step_m > 0) || !std::isfinite(z_first_m) || !std::isfinite(z_last_m) ||
      z_last_m < z_first_m) {
    throw bad_input("planes: range from " + std::to_string(z_first_m) + " m to " +
                    std::to_string(z_last_m) + " m with step " + std::to_string(step_m) +
                    " m is empty or invalid");
  }
  const auto count =
      static_cast<std::size_t>(std::floor((z_last_m - z_first_m) / step_m * (1 + 1e-9))) + 1;
  std::vector<double> z(count);
  for (std::size_t k = 0; k < count; ++k) {
    z[k] = z_first_m + static_cast<double>(k) * step_m;
  }
  return z;
}

void check_planes(std::span<const double> z_m, const std::string& origin) {
  if (z_m.empty()) {
    throw bad_input(origin + ": the plane list is empty");
  }
  for (double z : z_m) {
    if (!std::isfinite(z)) {
      throw bad_input(origin + ": plane depth " + std::to_string(z) + " m is not finite");
    }
  }
}

}  // namespace holodet::propagate
