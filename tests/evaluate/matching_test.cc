// Pairing predictions with true particles: hand-made cases with known answers, then random
// cases against brute force and a greedy nearest-first baseline.
#include "holodet/evaluate/matching.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>

#include "holodet/core/error.h"

namespace holodet::evaluate {
namespace {

const MatchTolerances kTolerances{50, 360};

// Greedy nearest-first: the closest admissible pair first, then the next among those left.
std::size_t greedy_match_count(const std::vector<Position>& truth,
                               const std::vector<Position>& predictions) {
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    for (std::size_t j = 0; j < predictions.size(); ++j) {
      const double distance = normalised_distance(truth[i], predictions[j], kTolerances);
      if (distance <= 1) {
        pairs.emplace_back(distance, i, j);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<bool> truth_used(truth.size()), prediction_used(predictions.size());
  std::size_t count = 0;
  for (const auto& [distance, i, j] : pairs) {
    if (!truth_used[i] && !prediction_used[j]) {
      truth_used[i] = prediction_used[j] = true;
      ++count;
    }
  }
  return count;
}

double summed_distance(const MatchPairs& pairs, const std::vector<Position>& truth,
                       const std::vector<Position>& predictions) {
  double sum = 0;
  for (const auto& [i, j] : pairs) {
    sum += normalised_distance(truth[i], predictions[j], kTolerances);
  }
  return sum;
}

// The best (most pairs, then least summed distance) over every one-to-one admissible pairing.
std::pair<std::size_t, double> brute_force_best(const std::vector<Position>& truth,
                                                const std::vector<Position>& predictions) {
  std::pair<std::size_t, double> best{0, 0.0};
  std::vector<bool> used(predictions.size());
  std::function<void(std::size_t, std::size_t, double)> visit = [&](std::size_t i,
                                                                    std::size_t count, double sum) {
    if (i == truth.size()) {
      if (count > best.first || (count == best.first && sum < best.second)) {
        best = {count, sum};
      }
      return;
    }
    visit(i + 1, count, sum);  // truth i left unmatched
    for (std::size_t j = 0; j < predictions.size(); ++j) {
      const double distance = normalised_distance(truth[i], predictions[j], kTolerances);
      if (!used[j] && distance <= 1) {
        used[j] = true;
        visit(i + 1, count + 1, sum + distance);
        used[j] = false;
      }
    }
  };
  visit(0, 0, 0.0);
  return best;
}

std::vector<Position> random_positions(std::mt19937& random, std::size_t count, double side_um,
                                       double depth_um) {
  std::uniform_real_distribution<double> lateral(0, side_um), depth(0, depth_um);
  std::vector<Position> positions(count);
  for (Position& p : positions) {
    p = {lateral(random), lateral(random), depth(random)};
  }
  return positions;
}

TEST(Matching, PairsEachPredictionWithItsOwnParticle) {
  const std::vector<Position> truth = {{0, 0, 20000}, {500, 0, 30000}, {0, 500, 40000}};
  const std::vector<Position> predictions = {{1, 499, 40100}, {3, -2, 20050}, {510, 5, 29900}};
  const MatchPairs expected = {{0, 1}, {1, 2}, {2, 0}};
  EXPECT_EQ(match(truth, predictions, kTolerances), expected);
}

// P is nearest to A but also admissible for B; Q is admissible only for A. Greedy takes (A, P)
// first and leaves B and Q unmatched; the Hungarian pairing takes (A, Q) and (B, P).
TEST(Matching, FindsTwoPairsWhereGreedyNearestFirstFindsOne) {
  const std::vector<Position> truth = {{0, 0, 50000}, {60, 0, 50000}};          // A, B
  const std::vector<Position> predictions = {{20, 0, 50000}, {-40, 0, 50000}};  // P, Q
  EXPECT_EQ(greedy_match_count(truth, predictions), 1u);
  const MatchPairs expected = {{0, 1}, {1, 0}};
  EXPECT_EQ(match(truth, predictions, kTolerances), expected);
}

TEST(Matching, PrefersTheSmallerSummedDistanceAmongEquallyManyPairs) {
  const std::vector<Position> truth = {{0, 0, 10000}, {30, 0, 10000}};
  const std::vector<Position> predictions = {{28, 0, 10000}, {2, 0, 10000}};
  const MatchPairs expected = {{0, 1}, {1, 0}};
  EXPECT_EQ(match(truth, predictions, kTolerances), expected);
}

TEST(Matching, TheEllipsoidBoundaryIsInsideAndJustBeyondIsOutside) {
  const std::vector<Position> truth = {{1000, 2000, 30000}};
  // On the ellipsoid: 50 um across, 360 um deep, and 30-40-50 across.
  for (const Position& on :
       {Position{1050, 2000, 30000}, Position{1000, 1950, 30000}, Position{1000, 2000, 30360},
        Position{1000, 2000, 29640}, Position{1030, 2040, 30000}}) {
    const std::vector<Position> predictions = {on};
    EXPECT_DOUBLE_EQ(normalised_distance(truth[0], on, kTolerances), 1.0);
    EXPECT_EQ(match(truth, predictions, kTolerances).size(), 1u)
        << on.x_um << ", " << on.y_um << ", " << on.z_um;
  }
  for (const Position& beyond : {Position{1050.001, 2000, 30000}, Position{1000, 2000, 30360.01},
                                 Position{1030, 2040, 30001}}) {
    const std::vector<Position> predictions = {beyond};
    EXPECT_TRUE(match(truth, predictions, kTolerances).empty())
        << beyond.x_um << ", " << beyond.y_um << ", " << beyond.z_um;
  }
}

TEST(Matching, TolerancesScaleTheEllipsoid) {
  const std::vector<Position> truth = {{0, 0, 0}};
  const std::vector<Position> predictions = {{0, 80, 500}};
  EXPECT_TRUE(match(truth, predictions, kTolerances).empty());
  EXPECT_EQ(match(truth, predictions, {100, 1000}).size(), 1u);
  EXPECT_THROW(match(truth, predictions, {0, 360}), Error);
  EXPECT_THROW(match(truth, predictions, {50, -1}), Error);
}

TEST(Matching, EmptyInputsGiveNoPairs) {
  const std::vector<Position> some = {{0, 0, 0}, {10, 10, 10}};
  const std::vector<Position> none;
  EXPECT_TRUE(match(none, none, kTolerances).empty());
  EXPECT_TRUE(match(some, none, kTolerances).empty());
  EXPECT_TRUE(match(none, some, kTolerances).empty());
  EXPECT_TRUE(min_cost_assignment({}, 0, 3).empty());
  EXPECT_EQ(min_cost_assignment({}, 2, 0), (std::vector<std::size_t>{kUnassigned, kUnassigned}));
}

TEST(Matching, RectangularCasesLeaveTheExtraRowsOrPredictionsUnmatched) {
  const std::vector<Position> three = {{0, 0, 1000}, {200, 0, 1000}, {400, 0, 1000}};
  const std::vector<Position> one = {{205, 3, 1100}};
  EXPECT_EQ(match(three, one, kTolerances), (MatchPairs{{1, 0}}));
  EXPECT_EQ(match(one, three, kTolerances), (MatchPairs{{0, 1}}));
  // Two predictions compete for one particle: the nearer one wins.
  const std::vector<Position> rivals = {{20, 0, 1000}, {5, 0, 1000}};
  EXPECT_EQ(match(std::span(three).first(1), rivals, kTolerances), (MatchPairs{{0, 1}}));
}

TEST(Matching, AssignmentSolvesSmallMatricesExactly) {
  // Rows 0..2, columns 0..3: the optimum is 1 + 2 + 1 = 4 (row 0 -> 1, 1 -> 3, 2 -> 0).
  const std::vector<double> cost = {9, 1, 8, 7, 6, 5, 9, 2, 1, 9, 9, 9};
  EXPECT_EQ(min_cost_assignment(cost, 3, 4), (std::vector<std::size_t>{1, 3, 0}));
  // Transposed: one row goes to a padding column.
  const std::vector<double> tall = {9, 6, 1, 1, 5, 9, 8, 9, 9, 7, 2, 9};
  const std::vector<std::size_t> assigned = min_cost_assignment(tall, 4, 3);
  EXPECT_EQ(assigned, (std::vector<std::size_t>{2, 0, kUnassigned, 1}));
  EXPECT_THROW(min_cost_assignment(cost, 3, 3), Error);
  const std::vector<double> infinite = {1, std::numeric_limits<double>::infinity()};
  EXPECT_THROW(min_cost_assignment(infinite, 1, 2), Error);
}

TEST(Matching, RandomCasesAgreeWithBruteForce) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 300; ++trial) {
    const auto truth = random_positions(random, 1 + trial % 6, 150, 1000);
    const auto predictions = random_positions(random, 1 + (trial / 6) % 6, 150, 1000);
    const MatchPairs pairs = match(truth, predictions, kTolerances);
    const auto [best_count, best_sum] = brute_force_best(truth, predictions);
    ASSERT_EQ(pairs.size(), best_count) << "trial " << trial;
    EXPECT_NEAR(summed_distance(pairs, truth, predictions), best_sum, 1e-9) << "trial " << trial;
    std::vector<bool> truth_used(truth.size()), prediction_used(predictions.size());
    for (const auto& [i, j] : pairs) {
      EXPECT_LE(normalised_distance(truth[i], predictions[j], kTolerances), 1.0);
      EXPECT_FALSE(truth_used[i] || prediction_used[j]) << "not one-to-one, trial " << trial;
      truth_used[i] = prediction_used[j] = true;
    }
  }
}

TEST(Matching, ThreeHundredByThreeHundredIsFastAndNoWorseThanGreedy) {
  std::mt19937 random(11);
  // Dense enough that most particles have several admissible predictions and one component
  // spans nearly everything: the Hungarian solve sees a matrix close to 300 x 300.
  const auto truth = random_positions(random, 300, 600, 1500);
  const auto predictions = random_positions(random, 300, 600, 1500);
  const auto start = std::chrono::steady_clock::now();
  const MatchPairs pairs = match(truth, predictions, kTolerances);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 0.5);
  const std::size_t greedy = greedy_match_count(truth, predictions);
  EXPECT_GE(pairs.size(), greedy);
  EXPECT_GT(greedy, 100u) << "the case should be crowded";
  std::printf("300 x 300 positions: %zu pairs (greedy %zu) in %.1f ms\n", pairs.size(), greedy,
              seconds * 1e3);

  // The solver alone on a dense 300 x 300 matrix, no component split to help it.
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> cost(300 * 300);
  for (double& value : cost) {
    value = uniform(random);
  }
  const auto dense_start = std::chrono::steady_clock::now();
  const std::vector<std::size_t> assigned = min_cost_assignment(cost, 300, 300);
  const double dense_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - dense_start).count();
  EXPECT_LT(dense_seconds, 0.5);
  double total = 0;
  std::vector<bool> taken(300);
  for (std::size_t row = 0; row < 300; ++row) {
    ASSERT_NE(assigned[row], kUnassigned);
    EXPECT_FALSE(taken[assigned[row]]);
    taken[assigned[row]] = true;
    total += cost[row * 300 + assigned[row]];
  }
  // Row-wise greedy (each row its cheapest free column) is feasible, so never cheaper.
  double greedy_total = 0;
  std::fill(taken.begin(), taken.end(), false);
  for (std::size_t row = 0; row < 300; ++row) {
    std::size_t best = 0;
    double best_cost = 2;
    for (std::size_t col = 0; col < 300; ++col) {
      if (!taken[col] && cost[row * 300 + col] < best_cost) {
        best = col;
        best_cost = cost[row * 300 + col];
      }
    }
    taken[best] = true;
    greedy_total += best_cost;
  }
  EXPECT_LE(total, greedy_total);
  std::printf("300 x 300 dense assignment: cost %.3f (greedy %.3f) in %.1f ms\n", total,
              greedy_total, dense_seconds * 1e3);
}

}  // namespace
}  // namespace holodet::evaluate
