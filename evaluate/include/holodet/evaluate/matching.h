#pragma once
// Pairs predicted particles with true ones the way the reference system scores detections
// (docs/HOLODEC.md): one-to-one, by the Hungarian algorithm, and only inside the
// tolerance ellipsoid (Δx² + Δy²)/xy_um² + Δz²/z_um² ≤ 1. Positions in µm, as in
// io::ParticleTable; one call handles one hologram.

#include <cstddef>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "holodet/io/particle_table.h"

namespace holodet::evaluate {

struct MatchTolerances {
  double xy_um = 50;  // transverse semi-axis of the ellipsoid
  double z_um = 360;  // depth semi-axis
};

// Throws bad_input naming the option ("xy tolerance", "z tolerance") when a tolerance is not a
// finite positive number.
void check_tolerances(const MatchTolerances& tolerances);

struct Position {
  double x_um = 0;
  double y_um = 0;
  double z_um = 0;
};

// The rows of `table` (all of them: select one hologram first with for_hologram).
std::vector<Position> positions(const io::ParticleTable& table);

// (Δx² + Δy²)/xy² + Δz²/z²: the pair is admissible when this is ≤ 1 (boundary included).
double normalised_distance(const Position& truth, const Position& prediction,
                           const MatchTolerances& tolerances);

// (truth index, prediction index) pairs, ascending in truth index.
using MatchPairs = std::vector<std::pair<std::size_t, std::size_t>>;

// The one-to-one pairing with the most admissible pairs and, among those, the least summed
// normalised distance. Only admissible pairs are returned. Rows and predictions that share no
// admissible pair are solved apart (connected components), so a detector with thousands of
// false positives far from every particle costs little.
MatchPairs match(std::span<const Position> truth, std::span<const Position> predictions,
                 const MatchTolerances& tolerances);

inline constexpr std::size_t kUnassigned = std::numeric_limits<std::size_t>::max();

// Minimum-cost assignment for a rows x cols matrix (row-major, finite costs) by the Hungarian
// algorithm with potentials (Kuhn-Munkres; O(n³), n = max(rows, cols)). A rectangular matrix
// is padded to square with zero-cost dummies. Returns, for each row, its column, or
// kUnassigned when the row went to a dummy column (rows > cols). Throws bad_input when the
// matrix size is wrong or a cost is not finite.
std::vector<std::size_t> min_cost_assignment(std::span<const double> cost, std::size_t rows,
                                             std::size_t cols);

}  // namespace holodet::evaluate
