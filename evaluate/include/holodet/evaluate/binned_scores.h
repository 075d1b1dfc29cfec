#pragma once
// Scores per size or depth bin (`holodet evaluate --by d,z`): where a detector loses particles
// and where its false ones sit. POD of a bin counts the true particles whose true d (or z)
// falls in it; FAR counts the predictions whose predicted value falls in it; F1 joins the two,
// 2·TP / (2·TP + FN + FP), TP and FN by the truth's bin, FP by the prediction's.

#include <cstddef>
#include <string>
#include <vector>

#include "holodet/evaluate/scores.h"

namespace holodet::evaluate {

struct ScoreBin {
  double low_um = 0;   // lower edge, included
  double high_um = 0;  // upper edge, excluded (the last bin's too: +inf)
  std::size_t truth = 0;
  std::size_t found = 0;  // true particles of the bin that were matched
  std::size_t predictions = 0;
  std::size_t false_positives = 0;  // predictions of the bin left unmatched
  double pod = 0;                   // 0/0 = 0, as everywhere
  double far = 0;
  double f1 = 0;
};

// The edges (µm) when none are given: d 0, 20, 40, 80, 160, ∞; z 0, 50, 86, 122 mm, ∞ (the
// HOLODEC volume 14–158 mm in four, its ends open so nothing falls outside).
std::vector<double> default_bin_edges(BinAxis axis);

// "d" or "z" (what --by takes), and the axis's label in tables: "d (um)", "z (mm)".
BinAxis parse_bin_axis(const std::string& text);
const char* bin_axis_name(BinAxis axis);

// Throws bad_input naming `what` unless `edges_um` holds at least two strictly ascending
// numbers (the last may be inf).
void check_bin_edges(const std::vector<double>& edges_um, const std::string& what);

// The bins of one prediction set against the report's truth. `edges_um` ascending, at least
// two (bad_input otherwise).
std::vector<ScoreBin> score_bins(const ScoresReport& report, const PredictionSet& set, BinAxis axis,
                                 const std::vector<double>& edges_um);

}  // namespace holodet::evaluate
