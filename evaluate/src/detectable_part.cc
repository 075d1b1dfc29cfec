#include "holodet/evaluate/detectable_part.h"

#include <optional>

#include "holodet/core/error.h"

namespace holodet::evaluate {
namespace {

io::ParticleTable rows_kept(const io::ParticleTable& table, const std::vector<bool>& keep) {
  io::ParticleTable kept;
  kept.holograms = table.holograms;
  for (const io::ParticleColumn& column : table.extra) {
    kept.extra.push_back({column.name, column.units, {}});
  }
  for (std::size_t row = 0; row < table.size(); ++row) {
    if (!keep[row]) {
      continue;
    }
    kept.append(table.hid[row], table.x_um[row], table.y_um[row], table.z_um[row], table.d_um[row]);
    for (std::size_t c = 0; c < table.extra.size(); ++c) {
      kept.extra[c].values.push_back(table.extra[c].values[row]);
    }
  }
  return kept;
}

}  // namespace

ScoresReport detectable_part(const ScoresReport& report, const std::vector<bool>& detectable) {
  if (detectable.size() != report.truth.size()) {
    throw runtime_failure("detectable_part: " + std::to_string(detectable.size()) + " flags for " +
                          std::to_string(report.truth.size()) + " true particles");
  }
  io::ParticleTable truth = rows_kept(report.truth, detectable);
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
    predictions.push_back({set.file, rows_kept(set.table, keep)});
  }
  const std::optional<std::vector<int>> scope =
      report.scored_holograms.empty() ? std::nullopt
                                      : std::optional<std::vector<int>>(report.scored_holograms);
  ScoresReport part = build_report({report.truth_file, std::move(truth)}, std::move(predictions),
                                   report.tolerances, scope);
  part.scope_reason = report.scope_reason;
  part.truth_left_out = report.truth_left_out;
  part.breakdowns = report.breakdowns;
  for (std::size_t k = 0; k < part.predictions.size(); ++k) {
    part.predictions[k].name = report.predictions[k].name;
  }
  return part;
}

}  // namespace holodet::evaluate
