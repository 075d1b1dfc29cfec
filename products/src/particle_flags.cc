#include "holodet/products/particle_flags.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>

namespace holodet::products {
namespace {

struct CellKey {
  std::int64_t i, j, k;
  bool operator==(const CellKey&) const = default;
};

struct CellHash {
  std::size_t operator()(const CellKey& key) const {
    return static_cast<std::size_t>(key.i * 73856093 ^ key.j * 19349663 ^ key.k * 83492791);
  }
};

// Rows of the table by hash cell, cells as large as the recurrence distances: a row's
// neighbours are in its own cell or the 26 around it.
class SpatialHash {
 public:
  SpatialHash(const io::ParticleTable& particles, const ProductSettings& settings)
      : particles_(particles), settings_(settings) {
    for (std::size_t row = 0; row < particles.size(); ++row) {
      cells_[key_of(row)].push_back(row);
    }
  }

  // Rows within the recurrence distances of `row`, itself included.
  template <typename Visit>
  void for_neighbours(std::size_t row, Visit&& visit) const {
    const CellKey centre = key_of(row);
    for (std::int64_t di = -1; di <= 1; ++di) {
      for (std::int64_t dj = -1; dj <= 1; ++dj) {
        for (std::int64_t dk = -1; dk <= 1; ++dk) {
          const auto found = cells_.find({centre.i + di, centre.j + dj, centre.k + dk});
          if (found == cells_.end()) {
            continue;
          }
          for (std::size_t other : found->second) {
            if (near(row, other)) {
              visit(other);
            }
          }
        }
      }
    }
  }

 private:
  CellKey key_of(std::size_t row) const {
    return {static_cast<std::int64_t>(std::floor(particles_.x_um[row] / settings_.artefact_xy_um)),
            static_cast<std::int64_t>(std::floor(particles_.y_um[row] / settings_.artefact_xy_um)),
            static_cast<std::int64_t>(std::floor(particles_.z_um[row] / settings_.artefact_z_um))};
  }

  bool near(std::size_t a, std::size_t b) const {
    const double dx = particles_.x_um[a] - particles_.x_um[b];
    const double dy = particles_.y_um[a] - particles_.y_um[b];
    const double dz = particles_.z_um[a] - particles_.z_um[b];
    return std::hypot(dx, dy) <= settings_.artefact_xy_um &&
           std::abs(dz) <= settings_.artefact_z_um;
  }

  const io::ParticleTable& particles_;
  const ProductSettings& settings_;
  std::unordered_map<CellKey, std::vector<std::size_t>, CellHash> cells_;
};

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t row) {
  while (parent[row] != row) {
    parent[row] = parent[parent[row]];
    row = parent[row];
  }
  return row;
}

// Cut by the frame's edge, or its centre in the margin.
bool near_frame_edge(const io::ParticleTable& particles, std::size_t row, const UsableArea& frame,
                     const UsableArea& usable) {
  const double x = particles.x_um[row], y = particles.y_um[row];
  const double r = particles.d_um[row] / 2;
  const bool cut =
      x - r < frame.x_min || x + r > frame.x_max || y - r < frame.y_min || y + r > frame.y_max;
  return cut || !usable.contains(x, y);
}

}  // namespace

ParticleFlags flag_particles(const io::ParticleTable& particles, const SampleFrame& frame,
                             std::size_t run_holograms, const ProductSettings& settings) {
  ParticleFlags flags;
  flags.flag.assign(particles.size(), 0);
  const UsableArea whole = frame_area(frame);
  const UsableArea usable = usable_area(frame, settings.edge_margin_um);
  for (std::size_t row = 0; row < particles.size(); ++row) {
    if (near_frame_edge(particles, row, whole, usable)) {
      flags.flag[row] |= kNearFrameEdge;
    }
  }
  // More than the share, and never fewer than the minimum: in a run of three holograms a
  // speck in all three recurs; a pair of droplets that happen to line up does not.
  const auto needed = std::max<std::size_t>(
      static_cast<std::size_t>(settings.artefact_min_holograms),
      static_cast<std::size_t>(
          std::floor(settings.artefact_fraction * static_cast<double>(run_holograms))) +
          1);
  if (run_holograms < needed) {
    return flags;
  }
  const SpatialHash hash(particles, settings);
  std::vector<bool> recurs(particles.size(), false);
  for (std::size_t row = 0; row < particles.size(); ++row) {
    std::set<int> holograms;
    hash.for_neighbours(row, [&](std::size_t other) { holograms.insert(particles.hid[other]); });
    recurs[row] = holograms.size() >= needed;
  }
  // Sites: recurring rows linked by the same distances, each linked group one place.
  std::vector<std::size_t> parent(particles.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (std::size_t row = 0; row < particles.size(); ++row) {
    if (!recurs[row]) {
      continue;
    }
    flags.flag[row] |= kRecurringArtefact;
    hash.for_neighbours(row, [&](std::size_t other) {
      if (recurs[other]) {
        parent[find_root(parent, row)] = find_root(parent, other);
      }
    });
  }
  std::unordered_map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t row = 0; row < particles.size(); ++row) {
    if (recurs[row]) {
      groups[find_root(parent, row)].push_back(row);
    }
  }
  for (auto& [root, rows] : groups) {
    ArtefactSite site;
    std::set<int> holograms;
    for (std::size_t row : rows) {
      site.x_um += particles.x_um[row];
      site.y_um += particles.y_um[row];
      site.z_um += particles.z_um[row];
      site.d_um = std::max(site.d_um, static_cast<double>(particles.d_um[row]));
      holograms.insert(particles.hid[row]);
    }
    const auto count = static_cast<double>(rows.size());
    site.x_um /= count;
    site.y_um /= count;
    site.z_um /= count;
    site.holograms = static_cast<int>(holograms.size());
    flags.sites.push_back(site);
  }
  // The same order whatever the hash's: by place.
  std::sort(flags.sites.begin(), flags.sites.end(),
            [](const ArtefactSite& a, const ArtefactSite& b) {
              return std::tie(a.x_um, a.y_um, a.z_um) < std::tie(b.x_um, b.y_um, b.z_um);
            });
  return flags;
}

std::vector<Footprint> site_footprints(const std::vector<ArtefactSite>& sites,
                                       const ProductSettings& settings) {
  std::vector<Footprint> footprints;
  for (const ArtefactSite& site : sites) {
    footprints.push_back({site.x_um, site.y_um, site.d_um / 2 + settings.artefact_xy_um});
  }
  return footprints;
}

}  // namespace holodet::products
