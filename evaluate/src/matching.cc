#include "holodet/evaluate/matching.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "holodet/core/error.h"
#include "text_format.h"

namespace holodet::evaluate {
namespace {

struct Edge {
  std::size_t truth = 0;
  std::size_t prediction = 0;
  double distance = 0;
};

// Union-find over truth rows [0, m) followed by predictions [m, m + p).
class Components {
 public:
  explicit Components(std::size_t count) : parent_(count) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t root(std::size_t node) {
    while (parent_[node] != node) {
      parent_[node] = parent_[parent_[node]];
      node = parent_[node];
    }
    return node;
  }
  void join(std::size_t a, std::size_t b) { parent_[root(a)] = root(b); }

 private:
  std::vector<std::size_t> parent_;
};

// Solves one connected component of the admissibility graph and appends its admissible pairs.
void match_component(const std::vector<Edge>& edges, MatchPairs& pairs) {
  std::vector<std::size_t> rows;
  std::vector<std::size_t> cols;
  for (const Edge& edge : edges) {
    rows.push_back(edge.truth);
    cols.push_back(edge.prediction);
  }
  for (std::vector<std::size_t>* ids : {&rows, &cols}) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
  const auto index_of = [](const std::vector<std::size_t>& ids, std::size_t id) {
    return static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
  };
  // An admissible pair costs at most 1 and an inadmissible one n + 1, so trading any k
  // admissible pairs (cost ≤ k ≤ n) for one more match always pays: the optimum has the most
  // matches first and the least summed distance among those.
  const double inadmissible = static_cast<double>(std::max(rows.size(), cols.size())) + 1.0;
  std::vector<double> cost(rows.size() * cols.size(), inadmissible);
  for (const Edge& edge : edges) {
    cost[index_of(rows, edge.truth) * cols.size() + index_of(cols, edge.prediction)] =
        edge.distance;
  }
  const std::vector<std::size_t> assigned = min_cost_assignment(cost, rows.size(), cols.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (assigned[r] != kUnassigned && cost[r * cols.size() + assigned[r]] <= 1.0) {
      pairs.emplace_back(rows[r], cols[assigned[r]]);
    }
  }
}

}  // namespace

void check_tolerances(const MatchTolerances& tolerances) {
  const std::pair<const char*, double> values[] = {{"xy tolerance", tolerances.xy_um},
                                                   {"z tolerance", tolerances.z_um}};
  for (const auto& [name, value] : values) {
    if (!std::isfinite(value) || value <= 0) {
      throw bad_input(format("%s %g um: must be a positive number", name, value));
    }
  }
}

std::vector<Position> positions(const io::ParticleTable& table) {
  table.check_consistent("particle table");
  std::vector<Position> result(table.size());
  for (std::size_t k = 0; k < table.size(); ++k) {
    result[k] = {table.x_um[k], table.y_um[k], table.z_um[k]};
  }
  return result;
}

double normalised_distance(const Position& truth, const Position& prediction,
                           const MatchTolerances& tolerances) {
  const double dx = prediction.x_um - truth.x_um;
  const double dy = prediction.y_um - truth.y_um;
  const double dz = prediction.z_um - truth.z_um;
  return (dx * dx + dy * dy) / (tolerances.xy_um * tolerances.xy_um) +
         dz * dz / (tolerances.z_um * tolerances.z_um);
}

MatchPairs match(std::span<const Position> truth, std::span<const Position> predictions,
                 const MatchTolerances& tolerances) {
  check_tolerances(tolerances);
  const std::size_t m = truth.size();
  Components components(m + predictions.size());
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < predictions.size(); ++j) {
      const double distance = normalised_distance(truth[i], predictions[j], tolerances);
      if (distance <= 1.0) {
        edges.push_back({i, j, distance});
        components.join(i, m + j);
      }
    }
  }
  // Group the edges by component (keyed by the root of their truth row).
  std::vector<std::size_t> keys(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) {
    keys[e] = components.root(edges[e].truth);
  }
  std::vector<std::size_t> order(edges.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  MatchPairs pairs;
  std::vector<Edge> component;
  for (std::size_t k = 0; k < order.size(); ++k) {
    component.push_back(edges[order[k]]);
    if (k + 1 == order.size() || keys[order[k + 1]] != keys[order[k]]) {
      match_component(component, pairs);
      component.clear();
    }
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

// The shortest-augmenting-path form of the Hungarian algorithm: row i is added at step i and
// the potentials u (rows), v (columns) keep every reduced cost a[i][j] − u[i] − v[j] ≥ 0, zero
// on the assignment. Index 0 is the sentinel column of that formulation, so arrays are 1-based.
std::vector<std::size_t> min_cost_assignment(std::span<const double> cost, std::size_t rows,
                                             std::size_t cols) {
  if (cost.size() != rows * cols) {
    throw bad_input("assignment: " + std::to_string(cost.size()) + " costs for a " +
                    std::to_string(rows) + " x " + std::to_string(cols) + " matrix");
  }
  for (double value : cost) {
    if (!std::isfinite(value)) {
      throw bad_input("assignment: a cost is not finite");
    }
  }
  std::vector<std::size_t> column_of(rows, kUnassigned);
  if (rows == 0 || cols == 0) {
    return column_of;
  }
  const std::size_t n = std::max(rows, cols);
  const auto a = [&](std::size_t i, std::size_t j) {  // 1-based, padded with zeros
    return i <= rows && j <= cols ? cost[(i - 1) * cols + (j - 1)] : 0.0;
  };
  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0.0), v(n + 1, 0.0), min_reduced(n + 1);
  std::vector<std::size_t> row_of(n + 1, 0), way(n + 1, 0);
  std::vector<char> used(n + 1);
  for (std::size_t i = 1; i <= n; ++i) {
    row_of[0] = i;
    std::size_t j0 = 0;
    std::fill(min_reduced.begin(), min_reduced.end(), infinity);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const std::size_t i0 = row_of[j0];
      double delta = infinity;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j] != 0) {
          continue;
        }
        const double reduced = a(i0, j) - u[i0] - v[j];
        if (reduced < min_reduced[j]) {
          min_reduced[j] = reduced;
          way[j] = j0;
        }
        if (min_reduced[j] < delta) {
          delta = min_reduced[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= n; ++j) {
        if (used[j] != 0) {
          u[row_of[j]] += delta;
          v[j] -= delta;
        } else {
          min_reduced[j] -= delta;
        }
      }
      j0 = j1;
    } while (row_of[j0] != 0);
    do {  // flip the augmenting path back to the sentinel
      const std::size_t j1 = way[j0];
      row_of[j0] = row_of[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  for (std::size_t j = 1; j <= cols; ++j) {
    if (row_of[j] >= 1 && row_of[j] <= rows) {
      column_of[row_of[j] - 1] = j - 1;
    }
  }
  return column_of;
}

}  // namespace holodet::evaluate
