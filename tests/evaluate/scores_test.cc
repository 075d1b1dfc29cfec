// Scores on hand-made tables whose counts, ratios and errors are known exactly, and the table
// and JSON that report them.
#include "holodet/evaluate/scores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "holodet/core/error.h"
#include "holodet/evaluate/binned_scores.h"
#include "holodet/io/particle_files.h"
#include "support/test_files.h"

namespace holodet::evaluate {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Hologram 1: three particles, two found (errors x +3, -1; y -4, 0; z +100, -200; d +2, -4)
// and one false alarm. Hologram 2: two particles, one found (0, +2, +50, 0). Hologram 3: no
// particle, one false alarm. Overall TP 3, FP 2, FN 2.
io::ParticleTable hand_made_truth() {
  io::ParticleTable truth;
  truth.append(1, 100, 200, 30000, 40);
  truth.append(1, -500, 700, 60000, 80);
  truth.append(1, 900, -900, 90000, 20);
  truth.append(2, 0, 0, 50000, 30);
  truth.append(2, 400, 400, 70000, 50);
  return truth;
}

io::ParticleTable hand_made_predictions() {
  io::ParticleTable predictions;
  predictions.append(2, 0, 2, 50050, 30);
  predictions.append(1, -501, 700, 59800, 76);
  predictions.append(1, 2000, 2000, 30000, 40);  // far from everything
  predictions.append(1, 103, 196, 30100, 42);
  predictions.append(3, 0, 0, 40000, 25);
  return predictions;
}

TEST(Scores, CountsRatiosAndErrorsOfAHandMadeCase) {
  const Scores scores = score_detections(hand_made_truth(), hand_made_predictions(), {});
  const DetectionScores& all = scores.overall;
  EXPECT_EQ(all.truth_count, 5u);
  EXPECT_EQ(all.prediction_count, 5u);
  EXPECT_EQ(all.true_positives, 3u);
  EXPECT_EQ(all.false_positives, 2u);
  EXPECT_EQ(all.false_negatives, 2u);
  EXPECT_DOUBLE_EQ(all.pod, 0.6);
  EXPECT_DOUBLE_EQ(all.far, 0.4);
  EXPECT_DOUBLE_EQ(all.f1, 0.6);
  EXPECT_DOUBLE_EQ(all.csi, 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(all.x.rmse_um, std::sqrt(10.0 / 3.0));
  EXPECT_DOUBLE_EQ(all.y.rmse_um, std::sqrt(20.0 / 3.0));
  EXPECT_DOUBLE_EQ(all.z.rmse_um, std::sqrt(52500.0 / 3.0));
  EXPECT_DOUBLE_EQ(all.d.rmse_um, std::sqrt(20.0 / 3.0));
  EXPECT_DOUBLE_EQ(all.x.median_abs_um, 1.0);
  EXPECT_DOUBLE_EQ(all.z.median_abs_um, 100.0);
  EXPECT_DOUBLE_EQ(all.z.mean_um, -50.0 / 3.0);
  EXPECT_DOUBLE_EQ(all.d.mean_um, -2.0 / 3.0);

  ASSERT_EQ(scores.pairs.size(), 3u);
  EXPECT_EQ(scores.pairs[0].hid, 1);
  EXPECT_EQ(scores.pairs[0].truth_row, 0u);
  EXPECT_EQ(scores.pairs[0].prediction_row, 3u);
  EXPECT_EQ(scores.pairs[1].truth_row, 1u);
  EXPECT_EQ(scores.pairs[1].prediction_row, 1u);
  EXPECT_EQ(scores.pairs[2].hid, 2);
  EXPECT_EQ(scores.pairs[2].prediction_row, 0u);
}

TEST(Scores, EveryHologramInEitherTableIsScoredAndZeroOverZeroIsZero) {
  const Scores scores = score_detections(hand_made_truth(), hand_made_predictions(), {});
  ASSERT_EQ(scores.holograms.size(), 3u);
  const DetectionScores& first = scores.holograms[0].scores;
  EXPECT_EQ(scores.holograms[0].hid, 1);
  EXPECT_EQ(first.true_positives, 2u);
  EXPECT_EQ(first.false_positives, 1u);
  EXPECT_EQ(first.false_negatives, 1u);
  EXPECT_DOUBLE_EQ(first.pod, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(first.far, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(first.f1, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(first.csi, 0.5);
  EXPECT_DOUBLE_EQ(first.z.rmse_um, std::sqrt(25000.0));
  const DetectionScores& second = scores.holograms[1].scores;
  EXPECT_DOUBLE_EQ(second.pod, 0.5);
  EXPECT_DOUBLE_EQ(second.far, 0.0);
  EXPECT_DOUBLE_EQ(second.y.rmse_um, 2.0);
  // Hologram 3 has no particle: POD is 0/0, defined as 0; no pair, so errors are NaN.
  const DetectionScores& third = scores.holograms[2].scores;
  EXPECT_EQ(scores.holograms[2].hid, 3);
  EXPECT_EQ(third.truth_count, 0u);
  EXPECT_EQ(third.false_positives, 1u);
  EXPECT_DOUBLE_EQ(third.pod, 0.0);
  EXPECT_DOUBLE_EQ(third.far, 1.0);
  EXPECT_DOUBLE_EQ(third.f1, 0.0);
  EXPECT_TRUE(std::isnan(third.z.rmse_um));

  const Scores empty = score_detections({}, {}, {});
  EXPECT_TRUE(empty.holograms.empty());
  EXPECT_DOUBLE_EQ(empty.overall.pod, 0.0);
  EXPECT_DOUBLE_EQ(empty.overall.far, 0.0);
  EXPECT_DOUBLE_EQ(empty.overall.csi, 0.0);
}

TEST(Scores, PredictionsOnlyMatchWithinTheirOwnHologram) {
  io::ParticleTable truth;
  truth.append(1, 0, 0, 20000, 30);
  io::ParticleTable predictions;
  predictions.append(2, 0, 0, 20000, 30);  // same place, other hologram
  const Scores scores = score_detections(truth, predictions, {});
  EXPECT_EQ(scores.overall.true_positives, 0u);
  EXPECT_EQ(scores.overall.false_positives, 1u);
  EXPECT_EQ(scores.overall.false_negatives, 1u);
}

TEST(Scores, ErrorSummaryOfAnEvenCountTakesTheMiddleMean) {
  const ErrorSummary summary = summarise_errors({1, -3, 2, -4});
  EXPECT_DOUBLE_EQ(summary.mean_um, -1.0);
  EXPECT_DOUBLE_EQ(summary.rmse_um, std::sqrt(30.0 / 4.0));
  EXPECT_DOUBLE_EQ(summary.median_abs_um, 2.5);
  EXPECT_DOUBLE_EQ(summarise_errors({-7}).median_abs_um, 7.0);
  EXPECT_TRUE(std::isnan(summarise_errors({}).rmse_um));
}

TEST(Scores, InconsistentTablesAndBadTolerancesAreBadInput) {
  io::ParticleTable broken = hand_made_truth();
  broken.z_um.pop_back();
  EXPECT_THROW(score_detections(broken, hand_made_predictions(), {}), Error);
  try {
    score_detections(hand_made_truth(), hand_made_predictions(), {50, 0});
    ADD_FAILURE() << "a zero tolerance was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_TRUE(contains(error.what(), "z tolerance")) << error.what();
  }
  EXPECT_THROW(build_report({"t.csv", hand_made_truth()}, {}, {}), Error);
}

TEST(ScoresReport, TableShowsOverallThenHologramsForTwoSetsSideBySide) {
  const ScoresReport report = build_report(
      {"truth.nc", hand_made_truth()},
      {{"runs/classic.csv", hand_made_predictions()}, {"runs/unet.nc", hand_made_truth()}}, {});
  ASSERT_EQ(report.predictions.size(), 2u);
  EXPECT_EQ(report.predictions[0].name, "classic");
  EXPECT_EQ(report.predictions[1].name, "unet");
  EXPECT_EQ(report.predictions[1].scores.overall.true_positives, 5u);
  const std::string table = scores_table(report);
  EXPECT_TRUE(contains(table, "truth        truth.nc: 5 particles in 2 holograms")) << table;
  EXPECT_TRUE(contains(table, "classic      unet\n")) << table;
  EXPECT_TRUE(contains(table, "  TP                             3         5\n")) << table;
  EXPECT_TRUE(contains(table, "  FN                             2         0\n")) << table;
  EXPECT_TRUE(contains(table, "  POD                       0.6000    1.0000\n")) << table;
  EXPECT_TRUE(contains(table, "  RMSE z (um)               132.29      0.00\n")) << table;
  EXPECT_LT(table.find("overall"), table.find("per hologram")) << table;
  EXPECT_TRUE(contains(table, "      3      0 |       1      0      1      0  0.0000  1.0000"))
      << table;
}

// The matched pairs' |Δz| are 50 (hologram 2), 200 and 100 (hologram 1): with z_err 60, 100
// and 100 the first and last are within 1 z_err, all three within 2.
TEST(Scores, ShareOfDepthErrorsWithinTheStatedUncertainty) {
  io::ParticleTable predictions = hand_made_predictions();
  predictions.extra = {{"z_err", "um", {60, 100, 5, 100, 5}}};
  const Scores scores = score_detections(hand_made_truth(), predictions, {});
  EXPECT_DOUBLE_EQ(scores.overall.z_within_err, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(scores.overall.z_within_2err, 1.0);
  EXPECT_TRUE(std::isnan(
      score_detections(hand_made_truth(), hand_made_predictions(), {}).overall.z_within_err));
  const ScoresReport report =
      build_report({"truth.nc", hand_made_truth()},
                   {{"refined.nc", predictions}, {"coarse.nc", hand_made_predictions()}}, {});
  const std::string table = scores_table(report);
  EXPECT_TRUE(contains(table, "  |error z| <= z_err        0.6667         -\n")) << table;
  EXPECT_TRUE(contains(table, "  |error z| <= 2 z_err      1.0000         -\n")) << table;
  EXPECT_TRUE(contains(scores_json(report), "\"z_within_err\": 0.6666666667"))
      << scores_json(report);
  // Without any z_err the rows are not shown at all.
  EXPECT_FALSE(contains(scores_table(build_report({"truth.nc", hand_made_truth()},
                                                  {{"coarse.nc", hand_made_predictions()}}, {})),
                        "<= z_err"));
}

TEST(ScoresReport, SetsFromFilesWithTheSameStemGetDistinctNames) {
  const ScoresReport report = build_report(
      {"t.csv", hand_made_truth()},
      {{"a/run.csv", hand_made_predictions()}, {"b/run.csv", hand_made_predictions()}}, {});
  EXPECT_EQ(report.predictions[0].name, "run_1");
  EXPECT_EQ(report.predictions[1].name, "run_2");
}

TEST(ScoresReport, JsonHoldsTolerancesFilesAndScoresWithNullForNoPairs) {
  const ScoresReport report = build_report({"dir/tr\"uth.nc", hand_made_truth()},
                                           {{"pred.csv", hand_made_predictions()}}, {40, 300});
  const std::string json = scores_json(report);
  EXPECT_TRUE(contains(json, "\"tolerances\": {\"xy_um\": 40, \"z_um\": 300}")) << json;
  EXPECT_TRUE(contains(json, "\"file\": \"dir/tr\\\"uth.nc\"")) << json;
  EXPECT_TRUE(contains(json, "\"name\": \"pred\"")) << json;
  EXPECT_TRUE(contains(json, "\"TP\": 3, \"FP\": 2, \"FN\": 2, \"POD\": 0.6, \"FAR\": 0.4"))
      << json;
  EXPECT_TRUE(contains(json, "{\"hid\": 3, \"truth\": 0, \"predictions\": 1")) << json;
  EXPECT_TRUE(contains(json, "\"z\": {\"mean_um\": null, \"rmse_um\": null")) << json;
  EXPECT_FALSE(contains(json, "nan")) << json;
  // Balanced brackets, outside strings.
  int depth = 0;
  bool in_string = false;
  for (std::size_t k = 0; k < json.size(); ++k) {
    if (json[k] == '"' && json[k - 1] != '\\') {
      in_string = !in_string;
    } else if (!in_string && (json[k] == '{' || json[k] == '[')) {
      ++depth;
    } else if (!in_string && (json[k] == '}' || json[k] == ']')) {
      --depth;
      ASSERT_GE(depth, 0) << json;
    }
  }
  EXPECT_EQ(depth, 0) << json;
  EXPECT_FALSE(in_string);
}

TEST(ScoresReport, ReadsTheTablesFromFilesAndWritesJsonAtomically) {
  test::TempDir dir;
  io::write_particles_csv(dir / "truth.csv", hand_made_truth());
  io::write_particles_csv(dir / "pred.csv", hand_made_predictions());
  const ScoresReport report = read_and_score(dir / "truth.csv", {dir / "pred.csv"}, {});
  EXPECT_EQ(report.predictions[0].scores.overall.true_positives, 3u);
  write_scores_json(dir / "s.json", report);
  std::ifstream file(dir / "s.json");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), scores_json(report));
  EXPECT_THROW(read_and_score(dir / "absent.csv", {dir / "pred.csv"}, {}), Error);
}

// Predictions that record covering hologram 1 are scored on hologram 1 alone: the truth of
// holograms 2 and 3 is left out (and said), not counted as missed; --hologram narrows further
// and may not ask for a hologram the predictions do not cover.
TEST(ScoresReport, ScoresOnlyTheHologramsThePredictionsCover) {
  io::ParticleTable predictions = hand_made_predictions().for_holograms({1});
  ASSERT_EQ(predictions.holograms, (std::vector<int>{1}));
  io::ParticleTable truth = hand_made_truth();
  truth.append(4, 0, 0, 50000, 30);
  const ScoresReport report = build_report({"truth.nc", truth}, {{"p.csv", predictions}}, {});
  const DetectionScores& overall = report.predictions[0].scores.overall;
  EXPECT_EQ(overall.truth_count, 3u);
  EXPECT_EQ(overall.false_negatives, 1u);
  EXPECT_DOUBLE_EQ(overall.pod, 2.0 / 3.0);  // 2 of 6 (0.33) if holograms 2 and 4 counted
  EXPECT_EQ(report.scored_holograms, (std::vector<int>{1}));
  EXPECT_EQ(report.truth_left_out, (std::vector<int>{2, 4}));
  const std::string table = scores_table(report);
  EXPECT_TRUE(contains(table,
                       "scored       holograms 1 (those the predictions cover); truth "
                       "holograms left out: 2,4"))
      << table;
  EXPECT_TRUE(contains(scores_json(report), "\"truth_holograms_left_out\": \"2,4\""));

  // A covered hologram without any particle still has its line, with nothing missed.
  io::ParticleTable wider = hand_made_predictions().for_holograms({1, 2, 3, 5});
  const ScoresReport covered = build_report({"truth.nc", truth}, {{"p.csv", wider}}, {});
  ASSERT_EQ(covered.predictions[0].scores.holograms.size(), 4u);
  EXPECT_EQ(covered.predictions[0].scores.holograms[3].hid, 5);
  EXPECT_EQ(covered.truth_left_out, (std::vector<int>{4}));

  const ScoresReport asked =
      build_report({"truth.nc", truth}, {{"p.csv", wider}}, {}, std::vector<int>{2});
  EXPECT_EQ(asked.predictions[0].scores.overall.truth_count, 2u);
  EXPECT_EQ(asked.scope_reason, "those asked for");
  try {
    build_report({"truth.nc", truth}, {{"p.csv", predictions}}, {}, std::vector<int>{1, 2});
    ADD_FAILURE() << "scored a hologram the predictions do not cover";
  } catch (const Error& error) {
    EXPECT_TRUE(contains(error.what(), "p.csv covers holograms 1, not hologram 2")) << error.what();
  }
  // Tables that say nothing of what they cover are scored on every hologram, as before.
  const ScoresReport unsaid =
      build_report({"truth.nc", truth}, {{"p.csv", hand_made_predictions()}}, {});
  EXPECT_TRUE(unsaid.scored_holograms.empty());
  EXPECT_EQ(unsaid.predictions[0].scores.overall.truth_count, 6u);
}

// The hand-made case binned by d at 0, 35, 60, inf: POD by the truth's d, FAR by the
// prediction's, F1 from both; the table and the JSON show the same bins.
TEST(ScoresReport, BinsBySizeCountTruthByItsSizeAndPredictionsByTheirs) {
  ScoresReport report =
      build_report({"truth.nc", hand_made_truth()}, {{"p.csv", hand_made_predictions()}}, {});
  const std::vector<ScoreBin> bins =
      score_bins(report, report.predictions[0], BinAxis::kDiameter, {0, 35, 60, INFINITY});
  ASSERT_EQ(bins.size(), 3u);
  EXPECT_EQ(bins[0].truth, 2u);  // d 20 missed, d 30 found
  EXPECT_EQ(bins[0].found, 1u);
  EXPECT_EQ(bins[0].predictions, 2u);  // d 30 matched, d 25 false
  EXPECT_EQ(bins[0].false_positives, 1u);
  EXPECT_DOUBLE_EQ(bins[0].f1, 0.5);
  EXPECT_DOUBLE_EQ(bins[1].pod, 0.5);  // d 40 found, d 50 missed
  EXPECT_DOUBLE_EQ(bins[1].far, 0.5);  // d 42 matched, d 40 at (2000, 2000) false
  EXPECT_DOUBLE_EQ(bins[2].pod, 1.0);
  EXPECT_DOUBLE_EQ(bins[2].f1, 1.0);
  report.breakdowns = {{BinAxis::kDiameter, {0, 35, 60, INFINITY}}, {BinAxis::kDepth, {0, 1e9}}};
  const std::string table = scores_table(report);
  EXPECT_TRUE(contains(table, "by d (um)")) << table;
  EXPECT_TRUE(contains(table, "  60-     ")) << table;
  EXPECT_TRUE(contains(table, "2  0.5000      2  0.5000  0.5000")) << table;
  EXPECT_TRUE(contains(table, "by z (mm)")) << table;
  const std::string json = scores_json(report);
  EXPECT_TRUE(contains(json, "\"by_d\": [")) << json;
  EXPECT_TRUE(contains(json, "{\"low_um\": 60, \"high_um\": null, \"truth\": 1, \"found\": 1"))
      << json;
  EXPECT_THROW(check_bin_edges({20, 10}, "--d-bins"), Error);
  EXPECT_THROW(check_bin_edges({20}, "--d-bins"), Error);
}

}  // namespace
}  // namespace holodet::evaluate
