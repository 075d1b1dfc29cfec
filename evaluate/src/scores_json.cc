// The scores as JSON, written by hand (no JSON library in the project): one object per
// hologram on its own line, so a diff of two runs reads line by line.
#include <cmath>
#include <fstream>
#include <set>

#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/core/json_text.h"
#include "holodet/evaluate/binned_scores.h"
#include "holodet/evaluate/scores.h"
#include "holodet/io/atomic_output.h"
#include "text_format.h"

namespace holodet::evaluate {
namespace {

std::string quoted(const std::string& text) {
  return json_string(text);
}

// JSON has no NaN or infinity: an undefined value (no matched pairs) is null.
std::string number(double value) {
  return json_number(value);
}

std::string errors(const ErrorSummary& summary) {
  return "{\"mean_um\": " + number(summary.mean_um) + ", \"rmse_um\": " + number(summary.rmse_um) +
         ", \"median_abs_um\": " + number(summary.median_abs_um) + "}";
}

std::string scores_object(const DetectionScores& s) {
  return format("\"truth\": %zu, \"predictions\": %zu, \"TP\": %zu, \"FP\": %zu, \"FN\": %zu, ",
                s.truth_count, s.prediction_count, s.true_positives, s.false_positives,
                s.false_negatives) +
         "\"POD\": " + number(s.pod) + ", \"FAR\": " + number(s.far) + ", \"F1\": " + number(s.f1) +
         ", \"CSI\": " + number(s.csi) + ", \"x\": " + errors(s.x) + ", \"y\": " + errors(s.y) +
         ", \"z\": " + errors(s.z) + ", \"d\": " + errors(s.d) +
         ", \"z_within_err\": " + number(s.z_within_err) +
         ", \"z_within_2err\": " + number(s.z_within_2err) + "}";
}

// "by_d": [{"low_um": 0, "high_um": 20, "truth": ..., "POD": ...}, ...]; an open edge is null.
std::string breakdown_array(const ScoresReport& report, const PredictionSet& set,
                            const Breakdown& breakdown) {
  std::string text =
      std::string("      \"by_") + (breakdown.axis == BinAxis::kDiameter ? "d" : "z") + "\": [";
  const std::vector<ScoreBin> bins = score_bins(report, set, breakdown.axis, breakdown.edges_um);
  for (std::size_t k = 0; k < bins.size(); ++k) {
    const ScoreBin& bin = bins[k];
    text += k == 0 ? "\n" : ",\n";
    text += "        {\"low_um\": " + number(bin.low_um) + ", \"high_um\": " + number(bin.high_um) +
            format(", \"truth\": %zu, \"found\": %zu, \"predictions\": %zu, \"FP\": %zu, ",
                   bin.truth, bin.found, bin.predictions, bin.false_positives) +
            "\"POD\": " + number(bin.pod) + ", \"FAR\": " + number(bin.far) +
            ", \"F1\": " + number(bin.f1) + "}";
  }
  return text + "\n      ],\n";
}

std::string prediction_set(const ScoresReport& report, const PredictionSet& set) {
  std::string text = "    {\n";
  text += "      \"name\": " + quoted(set.name) + ",\n";
  text += "      \"file\": " + quoted(set.file.string()) + ",\n";
  text += format("      \"particles\": %zu,\n", set.table.size());
  text += "      \"overall\": {" + scores_object(set.scores.overall) + ",\n";
  for (const Breakdown& breakdown : report.breakdowns) {
    text += breakdown_array(report, set, breakdown);
  }
  text += "      \"holograms\": [";
  for (std::size_t k = 0; k < set.scores.holograms.size(); ++k) {
    const HologramScores& entry = set.scores.holograms[k];
    text += k == 0 ? "\n" : ",\n";
    text += format("        {\"hid\": %d, ", entry.hid) + scores_object(entry.scores);
  }
  text += set.scores.holograms.empty() ? "]\n" : "\n      ]\n";
  return text + "    }";
}

}  // namespace

std::string scores_json(const ScoresReport& report) {
  const std::set<int> truth_hids(report.truth.hid.begin(), report.truth.hid.end());
  std::string text = "{\n";
  text += "  \"tolerances\": {\"xy_um\": " + number(report.tolerances.xy_um) +
          ", \"z_um\": " + number(report.tolerances.z_um) + "},\n";
  text += "  \"matching\": " +
          quoted(
              "one-to-one (Hungarian), admissible inside (dx^2 + dy^2)/xy_um^2 + "
              "dz^2/z_um^2 <= 1; most matches, then least summed distance") +
          ",\n";
  text += "  \"definitions\": " +
          quoted(
              "POD = TP/(TP+FN), FAR = FP/(TP+FP), F1 = 2TP/(2TP+FP+FN), "
              "CSI = TP/(TP+FP+FN), 0/0 = 0; errors: prediction - truth over matched pairs "
              "in um, null when there are none") +
          ",\n";
  text += "  \"truth\": {\"file\": " + quoted(report.truth_file.string()) +
          format(", \"particles\": %zu, \"holograms\": %zu},\n", report.truth.size(),
                 truth_hids.size());
  // Which holograms were scored, in --hologram's syntax; null when all in the tables were.
  const bool scoped = !report.scored_holograms.empty();
  text += "  \"scored_holograms\": " +
          (scoped ? quoted(format_hologram_ids(report.scored_holograms)) : "null") + ",\n";
  text += "  \"scope\": " + (scoped ? quoted(report.scope_reason) : "null") + ",\n";
  text += "  \"truth_holograms_left_out\": " +
          (scoped ? quoted(format_hologram_ids(report.truth_left_out)) : "null") + ",\n";
  text += "  \"predictions\": [\n";
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    text += prediction_set(report, report.predictions[k]);
    text += k + 1 < report.predictions.size() ? ",\n" : "\n";
  }
  text += "  ],\n";
  if (!report.detectable) {
    return text + "  \"detectable\": null\n}\n";
  }
  const ScoresReport::Detectable& part = *report.detectable;
  text += "  \"detectable\": {\"min_snr\": " + number(part.min_snr) +
          format(", \"above_noise\": %zu, \"below_noise\": %zu, \"overall\": [", part.above_noise,
                 part.below_noise);
  for (std::size_t k = 0; k < part.overall.size(); ++k) {
    text += k == 0 ? "\n" : ",\n";
    text += "    {\"name\": " + quoted(report.predictions[k].name) + ", " +
            scores_object(part.overall[k]);
  }
  return text + (part.overall.empty() ? "]}\n}\n" : "\n  ]}\n}\n");
}

void write_scores_json(const std::filesystem::path& path, const ScoresReport& report) {
  const std::string text = scores_json(report);
  io::AtomicOutput output(path);
  {
    std::ofstream file(output.temp_path());
    file << text;
    file.flush();
    if (!file) {
      throw write_failure(path.string(), errno);
    }
  }
  output.commit();
}

}  // namespace holodet::evaluate
