#include "holodet/evaluate/binned_scores.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "holodet/core/error.h"

namespace holodet::evaluate {
namespace {

double ratio(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

const std::vector<float>& values_of(const io::ParticleTable& table, BinAxis axis) {
  return axis == BinAxis::kDiameter ? table.d_um : table.z_um;
}

// The bin of `value`, or none when it lies outside the edges.
std::ptrdiff_t bin_of(const std::vector<double>& edges, double value) {
  const auto above = std::upper_bound(edges.begin(), edges.end(), value);
  if (above == edges.begin() || above == edges.end()) {
    return -1;
  }
  return (above - edges.begin()) - 1;
}

}  // namespace

std::vector<double> default_bin_edges(BinAxis axis) {
  constexpr double kOpen = std::numeric_limits<double>::infinity();
  if (axis == BinAxis::kDiameter) {
    return {0, 20, 40, 80, 160, kOpen};
  }
  return {0, 50000, 86000, 122000, kOpen};
}

BinAxis parse_bin_axis(const std::string& text) {
  if (text == "d") {
    return BinAxis::kDiameter;
  }
  if (text == "z") {
    return BinAxis::kDepth;
  }
  throw bad_input("--by " + text + ": expected d (diameter) or z (depth), e.g. --by d,z");
}

const char* bin_axis_name(BinAxis axis) {
  return axis == BinAxis::kDiameter ? "d (um)" : "z (mm)";
}

void check_bin_edges(const std::vector<double>& edges_um, const std::string& what) {
  const bool ascending =
      std::adjacent_find(edges_um.begin(), edges_um.end(),
                         [](double a, double b) { return !(a < b); }) == edges_um.end();
  const bool numbers =
      std::none_of(edges_um.begin(), edges_um.end(), [](double edge) { return std::isnan(edge); });
  if (edges_um.size() < 2 || !ascending || !numbers) {
    throw bad_input(what +
                    ": the bin edges must be at least two ascending numbers of um "
                    "(e.g. 0,20,40,inf)");
  }
}

std::vector<ScoreBin> score_bins(const ScoresReport& report, const PredictionSet& set, BinAxis axis,
                                 const std::vector<double>& edges_um) {
  check_bin_edges(edges_um, "score bins");
  std::vector<ScoreBin> bins(edges_um.size() - 1);
  for (std::size_t k = 0; k < bins.size(); ++k) {
    bins[k].low_um = edges_um[k];
    bins[k].high_um = edges_um[k + 1];
  }
  const std::vector<float>& truth_values = values_of(report.truth, axis);
  const std::vector<float>& predicted_values = values_of(set.table, axis);
  std::vector<bool> truth_matched(truth_values.size(), false);
  std::vector<bool> prediction_matched(predicted_values.size(), false);
  for (const MatchedPair& pair : set.scores.pairs) {
    truth_matched[pair.truth_row] = true;
    prediction_matched[pair.prediction_row] = true;
  }
  for (std::size_t row = 0; row < truth_values.size(); ++row) {
    const std::ptrdiff_t bin = bin_of(edges_um, truth_values[row]);
    if (bin >= 0) {
      ++bins[static_cast<std::size_t>(bin)].truth;
      bins[static_cast<std::size_t>(bin)].found += truth_matched[row] ? 1 : 0;
    }
  }
  for (std::size_t row = 0; row < predicted_values.size(); ++row) {
    const std::ptrdiff_t bin = bin_of(edges_um, predicted_values[row]);
    if (bin >= 0) {
      ++bins[static_cast<std::size_t>(bin)].predictions;
      bins[static_cast<std::size_t>(bin)].false_positives += prediction_matched[row] ? 0 : 1;
    }
  }
  for (ScoreBin& bin : bins) {
    bin.pod = ratio(bin.found, bin.truth);
    bin.far = ratio(bin.false_positives, bin.predictions);
    const std::size_t missed = bin.truth - bin.found;
    bin.f1 = ratio(2 * bin.found, 2 * bin.found + missed + bin.false_positives);
  }
  return bins;
}

}  // namespace holodet::evaluate
