#include "holodet/products/sample_volume.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_set>

namespace holodet::products {
namespace {

constexpr double kUm3PerCm3 = 1e12;

}  // namespace

UsableArea frame_area(const SampleFrame& frame) {
  const double nx = static_cast<double>(frame.size_x), ny = static_cast<double>(frame.size_y);
  // Pixel i's centre is at (i - Nx/2)·dx: the first pixel's outer edge is half a pitch below.
  const double x_min = (-nx / 2 - 0.5) * frame.pitch_x_um;
  const double y_min = (-ny / 2 - 0.5) * frame.pitch_y_um;
  return {x_min, x_min + nx * frame.pitch_x_um, y_min, y_min + ny * frame.pitch_y_um};
}

UsableArea usable_area(const SampleFrame& frame, double margin_um) {
  UsableArea area = frame_area(frame);
  area.x_min += margin_um;
  area.x_max -= margin_um;
  area.y_min += margin_um;
  area.y_max -= margin_um;
  if (area.x_max < area.x_min) {
    area.x_min = area.x_max = (area.x_min + area.x_max) / 2;
  }
  if (area.y_max < area.y_min) {
    area.y_min = area.y_max = (area.y_min + area.y_max) / 2;
  }
  return area;
}

double footprint_area_um2(const UsableArea& area, std::span<const Footprint> footprints) {
  if (footprints.empty() || area.area_um2() <= 0) {
    return 0;
  }
  double smallest = footprints.front().radius_um;
  for (const Footprint& footprint : footprints) {
    smallest = std::min(smallest, footprint.radius_um);
  }
  const double cell = std::clamp(smallest / 40, 0.05, 0.5);
  // Cells by their index from the area's corner; a cell counts when its centre is inside a
  // footprint and inside the area, once however many footprints cover it.
  std::unordered_set<std::uint64_t> covered;
  for (const Footprint& footprint : footprints) {
    const double r = footprint.radius_um;
    const auto first_i = static_cast<std::int64_t>(
        std::floor((std::max(footprint.x_um - r, area.x_min) - area.x_min) / cell));
    const auto last_i = static_cast<std::int64_t>(
        std::floor((std::min(footprint.x_um + r, area.x_max) - area.x_min) / cell));
    const auto first_j = static_cast<std::int64_t>(
        std::floor((std::max(footprint.y_um - r, area.y_min) - area.y_min) / cell));
    const auto last_j = static_cast<std::int64_t>(
        std::floor((std::min(footprint.y_um + r, area.y_max) - area.y_min) / cell));
    for (std::int64_t i = std::max<std::int64_t>(first_i, 0); i <= last_i; ++i) {
      const double x = area.x_min + (static_cast<double>(i) + 0.5) * cell;
      if (x > area.x_max) {
        continue;
      }
      for (std::int64_t j = std::max<std::int64_t>(first_j, 0); j <= last_j; ++j) {
        const double y = area.y_min + (static_cast<double>(j) + 0.5) * cell;
        if (y <= area.y_max && std::hypot(x - footprint.x_um, y - footprint.y_um) <= r) {
          covered.insert(static_cast<std::uint64_t>(i) << 32 | static_cast<std::uint64_t>(j));
        }
      }
    }
  }
  return static_cast<double>(covered.size()) * cell * cell;
}

SampleVolume sample_volume(const SampleFrame& frame, double margin_um,
                           std::span<const Footprint> footprints) {
  const double depth_um = frame.z_max_um - frame.z_min_um;
  const UsableArea usable = usable_area(frame, margin_um);
  SampleVolume volume;
  volume.frame_cm3 = frame_area(frame).area_um2() * depth_um / kUm3PerCm3;
  volume.margin_cm3 = volume.frame_cm3 - usable.area_um2() * depth_um / kUm3PerCm3;
  volume.artefact_cm3 = footprint_area_um2(usable, footprints) * depth_um / kUm3PerCm3;
  volume.volume_cm3 = std::max(0.0, volume.frame_cm3 - volume.margin_cm3 - volume.artefact_cm3);
  return volume;
}

}  // namespace holodet::products
