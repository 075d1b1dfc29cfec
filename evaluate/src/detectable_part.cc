#include "holodet/evaluate/detectable_part.h"

#include <optional>

#include "holodet/core/error.h"

namespace holodet::evaluate {

ScoresReport detectable_part(const ScoresReport& report, const std::vector<bool>& detectable) {
  if (detectable.size() != report.truth.size()) {
    throw runtime_failure("detectable_part: " + std::to_string(detectable.size()) + " flags for " +
                          std::to_string(report.truth.size()) + " true particles");
  }
  io::ParticleTable truth = report.truth.rows_where(detectable);
  // Holograms without a detectable particle are still scored: a detection there is false.
  if (!report.scored_holograms.empty()) {
    truth.holograms = report.scored_holograms;
  }
  std::vector<ParticleFile> predictions;
  for (const PredictionSet& set : report.predictions) {
    std::vector<bool> keep(set.table.size(), true);
    for (const MatchedPair& pair : set.scores.pairs) {
      if (!detectable[pair.truth_row]) {
        keep[pair.prediction_row] = false;
      }
    }
    predictions.push_back({set.file, set.table.rows_where(keep)});
  }
  const std::optional<std::vector<int>> scope =
      report.scored_holograms.empty() ? std::nullopt
                                      : std::optional<std::vector<int>>(report.scored_holograms);
  ScoresReport part = build_report({report.truth_file, std::move(truth)}, std::move(predictions),
                                   report.tolerances, scope);
  part.scope_reason = report.scope_reason;
  part.truth_left_out = report.truth_left_out;
  part.breakdowns = report.breakdowns;
  return part;
}

}  // namespace holodet::evaluate
