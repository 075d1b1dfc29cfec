// Scores of the detectable part: a particle no detector could see is neither a miss when it is
// missed nor a false detection when it is found.
#include "holodet/evaluate/detectable_part.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"

namespace holodet::evaluate {
namespace {

TEST(DetectablePart, DropsTheUndetectableAndThePredictionsMatchedToThem) {
  io::ParticleTable truth;
  truth.append(1, 100, 200, 30000, 40);   // found, detectable
  truth.append(1, -500, 700, 60000, 80);  // found, below the noise
  truth.append(1, 900, -900, 90000, 20);  // missed, below the noise
  truth.append(2, 0, 0, 50000, 30);       // found, detectable
  truth.append(2, 400, 400, 70000, 50);   // missed, detectable
  io::ParticleTable predictions;
  predictions.extra = {{"score", "1", {}}};
  predictions.holograms = {1, 2, 3};
  const float rows[][5] = {{2, 0, 2, 50050, 30},
                           {1, -501, 700, 59800, 76},
                           {1, 2000, 2000, 30000, 40},  // far from everything
                           {1, 103, 196, 30100, 42},
                           {3, 0, 0, 40000, 25}};  // a hologram without particles
  for (const auto& row : rows) {
    predictions.append(static_cast<int>(row[0]), row[1], row[2], row[3], row[4]);
    predictions.extra[0].values.push_back(row[1]);
  }
  const ScoresReport report = build_report({"truth.nc", truth}, {{"p.nc", predictions}}, {});
  ASSERT_EQ(report.predictions[0].scores.overall.true_positives, 3u);
  ASSERT_EQ(report.predictions[0].scores.overall.false_negatives, 2u);

  const ScoresReport part = detectable_part(report, {true, false, false, true, true});
  EXPECT_EQ(part.truth.size(), 3u);
  EXPECT_EQ(part.scored_holograms, report.scored_holograms);
  EXPECT_EQ(part.scope_reason, report.scope_reason);
  const PredictionSet& set = part.predictions.at(0);
  EXPECT_EQ(set.name, report.predictions[0].name);
  EXPECT_EQ(set.table.size(), 4u);  // the one matched to the 80 µm particle is gone
  ASSERT_EQ(set.table.extra.size(), 1u);
  EXPECT_EQ(set.table.extra[0].values, (std::vector<float>{0, 2000, 103, 0}));
  EXPECT_EQ(set.scores.overall.true_positives, 2u);
  EXPECT_EQ(set.scores.overall.false_positives, 2u);  // still false: neither was matched
  EXPECT_EQ(set.scores.overall.false_negatives, 1u);  // the 50 µm one; the 20 µm one no longer
  EXPECT_DOUBLE_EQ(set.scores.overall.pod, 2.0 / 3.0);

  const ScoresReport everything = detectable_part(report, std::vector<bool>(5, true));
  EXPECT_EQ(everything.predictions[0].scores.overall.true_positives, 3u);
  EXPECT_EQ(everything.predictions[0].scores.overall.false_positives, 2u);
  EXPECT_EQ(everything.predictions[0].scores.overall.false_negatives, 2u);
  EXPECT_THROW(detectable_part(report, {true, false}), Error);
}

}  // namespace
}  // namespace holodet::evaluate
