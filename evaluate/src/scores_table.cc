// The text table `holodet evaluate` prints: overall scores with one column per prediction set,
// then one line per hologram with each set's counts side by side.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "holodet/core/counted.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/evaluate/binned_scores.h"
#include "holodet/evaluate/scores.h"
#include "text_format.h"

namespace holodet::evaluate {
namespace {

constexpr int kLabelWidth = 24;

// At least 10 characters, wider for a long set name.
int column_width(const ScoresReport& report) {
  std::size_t width = 10;
  for (const PredictionSet& set : report.predictions) {
    width = std::max(width, set.name.size() + 2);
  }
  return static_cast<int>(width);
}

std::string number(double value, const char* pattern) {
  return std::isnan(value) ? std::string("-") : format(pattern, value);
}

// One line of the overall block: a label, then one value per prediction set.
template <typename Value>
std::string overall_row(const ScoresReport& report, const char* label, int width, Value value) {
  std::string line = format("  %-*s", kLabelWidth - 2, label);
  for (const PredictionSet& set : report.predictions) {
    line += format("%*s", width, value(set.scores.overall).c_str());
  }
  return line + "\n";
}

std::string overall_block(const ScoresReport& report) {
  const int width = column_width(report);
  std::string text = format("%-*s", kLabelWidth, "overall");
  for (const PredictionSet& set : report.predictions) {
    text += format("%*s", width, set.name.c_str());
  }
  text += "\n";
  using S = const DetectionScores&;
  const auto count = [](std::size_t value) { return format("%zu", value); };
  text += overall_row(report, "predictions", width, [&](S s) { return count(s.prediction_count); });
  text += overall_row(report, "TP", width, [&](S s) { return count(s.true_positives); });
  text += overall_row(report, "FP", width, [&](S s) { return count(s.false_positives); });
  text += overall_row(report, "FN", width, [&](S s) { return count(s.false_negatives); });
  text += overall_row(report, "POD", width, [](S s) { return number(s.pod, "%.4f"); });
  text += overall_row(report, "FAR", width, [](S s) { return number(s.far, "%.4f"); });
  text += overall_row(report, "F1", width, [](S s) { return number(s.f1, "%.4f"); });
  text += overall_row(report, "CSI", width, [](S s) { return number(s.csi, "%.4f"); });
  const std::pair<const char*, ErrorSummary DetectionScores::*> axes[] = {
      {"x", &DetectionScores::x},
      {"y", &DetectionScores::y},
      {"z", &DetectionScores::z},
      {"d", &DetectionScores::d}};
  for (const auto& [axis, member] : axes) {
    const std::string label = format("RMSE %s (um)", axis);
    text += overall_row(report, label.c_str(), width,
                        [&](S s) { return number((s.*member).rmse_um, "%.2f"); });
  }
  for (const auto& [axis, member] : axes) {
    const std::string label = format("median |error| %s (um)", axis);
    text += overall_row(report, label.c_str(), width,
                        [&](S s) { return number((s.*member).median_abs_um, "%.2f"); });
  }
  for (const auto& [axis, member] : axes) {
    const std::string label = format("mean error %s (um)", axis);
    text += overall_row(report, label.c_str(), width,
                        [&](S s) { return number((s.*member).mean_um, "%.2f"); });
  }
  const bool any_z_err = std::any_of(
      report.predictions.begin(), report.predictions.end(),
      [](const PredictionSet& set) { return std::isfinite(set.scores.overall.z_within_err); });
  if (any_z_err) {
    text += overall_row(report, "|error z| <= z_err", width,
                        [](S s) { return number(s.z_within_err, "%.4f"); });
    text += overall_row(report, "|error z| <= 2 z_err", width,
                        [](S s) { return number(s.z_within_2err, "%.4f"); });
  }
  return text;
}

// A set's scores of hologram `hid`, or nullptr when the hid appears only in another set's
// predictions (then this set has neither particles nor predictions there).
const DetectionScores* hologram_scores(const PredictionSet& set, int hid) {
  for (const HologramScores& entry : set.scores.holograms) {
    if (entry.hid == hid) {
      return &entry.scores;
    }
  }
  return nullptr;
}

std::string hologram_block(const ScoresReport& report) {
  std::set<int> hids;
  for (const PredictionSet& set : report.predictions) {
    for (const HologramScores& entry : set.scores.holograms) {
      hids.insert(entry.hid);
    }
  }
  const char* columns = "   pred     TP     FP     FN     POD     FAR     CSI  RMSE z";
  std::string names(14, ' ');  // above "    hid  truth"
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    const std::string& name = report.predictions[k].name;
    names += k + 1 < report.predictions.size()
                 ? format(" | %-*s", static_cast<int>(std::string(columns).size()), name.c_str())
                 : " | " + name;  // no trailing blanks
  }
  std::string text = "\nper hologram\n" + names + "\n    hid  truth";
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    text += format(" | %s", columns);
  }
  text += "\n";
  std::map<int, std::size_t> truth_counts;
  for (int hid : report.truth.hid) {
    ++truth_counts[hid];
  }
  const DetectionScores empty;
  for (int hid : hids) {
    text += format("  %5d  %5zu", hid, truth_counts[hid]);
    for (const PredictionSet& set : report.predictions) {
      const DetectionScores* found = hologram_scores(set, hid);
      const DetectionScores& s = found != nullptr ? *found : empty;
      text += format(" | %7zu %6zu %6zu %6zu  %6.4f  %6.4f  %6.4f %7s", s.prediction_count,
                     s.true_positives, s.false_positives, s.false_negatives, s.pod, s.far, s.csi,
                     number(s.z.rmse_um, "%.1f").c_str());
    }
    text += "\n";
  }
  return text;
}

// "0-20", "160-", "14.0-50.0": a bin's edges in the axis's unit (µm for d, mm for z).
std::string bin_label(const ScoreBin& bin, BinAxis axis) {
  const double unit = axis == BinAxis::kDepth ? 1e-3 : 1.0;
  const char* pattern = axis == BinAxis::kDepth ? "%.0f" : "%.0f";
  std::string label = format(pattern, bin.low_um * unit) + "-";
  if (std::isfinite(bin.high_um)) {
    label += format(pattern, bin.high_um * unit);
  }
  return label;
}

// One block per breakdown: a line per bin, each set's truth, POD, predictions, FAR and F1.
std::string breakdown_block(const ScoresReport& report, const Breakdown& breakdown) {
  const char* columns = "  truth     POD   pred     FAR      F1";
  std::string text = format("\nby %-*s", kLabelWidth - 3, bin_axis_name(breakdown.axis));
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    const std::string& name = report.predictions[k].name;
    text += k + 1 < report.predictions.size()
                ? format(" | %-*s", static_cast<int>(std::string(columns).size()) - 1,
                         name.c_str())
                : " | " + name;  // no trailing blanks
  }
  text += "\n" + std::string(kLabelWidth, ' ');
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    text += format(" |%s", columns);
  }
  text += "\n";
  std::vector<std::vector<ScoreBin>> bins;
  for (const PredictionSet& set : report.predictions) {
    bins.push_back(score_bins(report, set, breakdown.axis, breakdown.edges_um));
  }
  for (std::size_t b = 0; b + 1 < breakdown.edges_um.size(); ++b) {
    text += format("  %-*s", kLabelWidth - 2, bin_label(bins.front()[b], breakdown.axis).c_str());
    for (const std::vector<ScoreBin>& set_bins : bins) {
      const ScoreBin& bin = set_bins[b];
      text += format(" | %6zu  %6.4f %6zu  %6.4f  %6.4f", bin.truth, bin.pod, bin.predictions,
                     bin.far, bin.f1);
    }
    text += "\n";
  }
  return text;
}

}  // namespace

std::string scores_table(const ScoresReport& report) {
  std::set<int> truth_hids(report.truth.hid.begin(), report.truth.hid.end());
  std::string text = format("truth        %s: %s in %s\n", report.truth_file.string().c_str(),
                            counted(report.truth.size(), "particle").c_str(),
                            counted(truth_hids.size(), "hologram").c_str());
  if (!report.scored_holograms.empty()) {
    text +=
        format("scored       holograms %s (%s)",
               format_hologram_ids(report.scored_holograms).c_str(), report.scope_reason.c_str());
    text += report.truth_left_out.empty()
                ? std::string("\n")
                : format("; truth holograms left out: %s\n",
                         format_hologram_ids(report.truth_left_out).c_str());
  }
  for (const PredictionSet& set : report.predictions) {
    text += format("predictions  %s: %s, %s\n", set.name.c_str(), set.file.string().c_str(),
                   counted(set.table.size(), "particle").c_str());
  }
  text +=
      format("matching     one-to-one (Hungarian) inside (dx^2 + dy^2)/%g^2 + dz^2/%g^2 <= 1, um\n",
             report.tolerances.xy_um, report.tolerances.z_um);
  text +=
      "ratios       POD = TP/(TP+FN), FAR = FP/(TP+FP), F1 = 2TP/(2TP+FP+FN), "
      "CSI = TP/(TP+FP+FN); 0/0 = 0\n"
      "errors       prediction - truth over matched pairs\n\n";
  text += overall_block(report);
  for (const Breakdown& breakdown : report.breakdowns) {
    text += breakdown_block(report, breakdown);
  }
  return text + hologram_block(report);
}

}  // namespace holodet::evaluate
