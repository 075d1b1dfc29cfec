#include "holodet/detect/volume_guard.h"

#include <algorithm>
#include <cmath>

namespace holodet::detect {

std::vector<double> guard_planes(const Optics& optics, double step_um,
                                 std::span<const double> z_m) {
  std::vector<double> planes;
  if (!(step_um > 0)) {
    return planes;
  }
  const double step = step_um * 1e-6;
  double widest_gap = 0;
  for (std::size_t k = 1; k < z_m.size(); ++k) {
    widest_gap = std::max(widest_gap, z_m[k] - z_m[k - 1]);
  }
  const double margin = std::max(step / 2, widest_gap);
  for (double z = kNearestGuardM; z <= optics.z_min_m - margin; z += step) {
    planes.push_back(z);
  }
  for (double z = optics.z_max_m + margin; z <= optics.z_max_m + kFarGuardM; z += step) {
    planes.push_back(z);
  }
  return planes;
}

std::vector<double> with_guard(std::span<const double> z_m, const std::vector<double>& guard) {
  std::vector<double> planes(z_m.begin(), z_m.end());
  planes.insert(planes.end(), guard.begin(), guard.end());
  std::sort(planes.begin(), planes.end());
  return planes;
}

bool focuses_outside(std::span<const std::size_t> core,
                     const propagate::MinimumProjection& projection, double first_m,
                     double last_m) {
  if (core.empty()) {
    return false;
  }
  std::vector<float> depths;
  depths.reserve(core.size());
  for (std::size_t pixel : core) {
    depths.push_back(projection.depth_m()[pixel]);
  }
  const auto middle = depths.begin() + static_cast<std::ptrdiff_t>(depths.size() / 2);
  std::nth_element(depths.begin(), middle, depths.end());
  // float depths against double planes: half a micrometre of slack.
  return *middle < first_m - 0.5e-6 || *middle > last_m + 0.5e-6;
}

}  // namespace holodet::detect
