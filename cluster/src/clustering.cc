#include "holodet/cluster/clustering.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>
#include <unordered_map>

#include "holodet/core/error.h"

namespace holodet::cluster {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  std::size_t find(std::size_t k) {
    while (parent_[k] != k) {
      parent_[k] = parent_[parent_[k]];  // path halving
      k = parent_[k];
    }
    return k;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) {
      parent_[std::max(a, b)] = std::min(a, b);
    }
  }

 private:
  std::vector<std::size_t> parent_;
};

struct Cell {
  long long x, y, z;
  bool operator==(const Cell&) const = default;
};

struct CellHash {
  std::size_t operator()(const Cell& c) const {
    return static_cast<std::size_t>((c.x * 73856093) ^ (c.y * 19349663) ^ (c.z * 83492791));
  }
};

// A total order on detections by value, so ties and sums never depend on the input order.
auto order_key(const PlaneDetection& d) {
  return std::make_tuple(-d.score, d.z_um, d.x_um, d.y_um, d.d_um, d.area_px);
}

}  // namespace

std::vector<ClusteredParticle> cluster_detections(std::span<const PlaneDetection> detections,
                                                  const ClusterSettings& settings) {
  if (!(settings.xy_distance_um > 0) || !(settings.z_distance_um > 0)) {
    throw bad_input("clustering: link distances must be positive (xy " +
                    std::to_string(settings.xy_distance_um) + " um, z " +
                    std::to_string(settings.z_distance_um) + " um)");
  }
  const double xy = settings.xy_distance_um, zd = settings.z_distance_um;
  auto cell_of = [&](const PlaneDetection& d) {
    return Cell{static_cast<long long>(std::floor(d.x_um / xy)),
                static_cast<long long>(std::floor(d.y_um / xy)),
                static_cast<long long>(std::floor(d.z_um / zd))};
  };
  std::unordered_map<Cell, std::vector<std::size_t>, CellHash> cells;
  cells.reserve(detections.size());
  for (std::size_t k = 0; k < detections.size(); ++k) {
    cells[cell_of(detections[k])].push_back(k);
  }
  DisjointSets sets(detections.size());
  for (std::size_t k = 0; k < detections.size(); ++k) {
    const PlaneDetection& a = detections[k];
    const Cell home = cell_of(a);
    for (long long dx = -1; dx <= 1; ++dx) {
      for (long long dy = -1; dy <= 1; ++dy) {
        for (long long dz = -1; dz <= 1; ++dz) {
          const auto found = cells.find(Cell{home.x + dx, home.y + dy, home.z + dz});
          if (found == cells.end()) {
            continue;
          }
          for (std::size_t other : found->second) {
            if (other <= k) {
              continue;
            }
            const PlaneDetection& b = detections[other];
            const double distance =
                ((a.x_um - b.x_um) * (a.x_um - b.x_um) + (a.y_um - b.y_um) * (a.y_um - b.y_um)) /
                    (xy * xy) +
                (a.z_um - b.z_um) * (a.z_um - b.z_um) / (zd * zd);
            if (distance <= 1.0) {
              sets.unite(k, other);
            }
          }
        }
      }
    }
  }

  std::unordered_map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < detections.size(); ++k) {
    groups[sets.find(k)].push_back(k);
  }
  std::vector<ClusteredParticle> particles;
  particles.reserve(groups.size());
  for (auto& [root, members] : groups) {
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return order_key(detections[a]) < order_key(detections[b]);
    });
    const PlaneDetection& best = detections[members.front()];
    ClusteredParticle particle{best.x_um,      best.y_um,  best.z_um,        best.d_um,
                               members.size(), best.score, best.aspect_ratio};
    if (settings.depth == DepthEstimate::kScoreWeighted) {
      double weight = 0, weighted_z = 0;
      for (std::size_t member : members) {
        weight += detections[member].score;
        weighted_z += detections[member].score * detections[member].z_um;
      }
      if (weight > 0) {
        particle.z_um = weighted_z / weight;
      }
    }
    particles.push_back(particle);
  }
  std::sort(particles.begin(), particles.end(), [](const auto& a, const auto& b) {
    return std::tie(a.z_um, a.x_um, a.y_um, a.d_um) < std::tie(b.z_um, b.x_um, b.y_um, b.d_um);
  });
  return particles;
}

}  // namespace holodet::cluster
