#pragma once
// Scores of predicted particles against known ones, as the reference system reports them
// (docs/HOLODEC.md): per hologram and overall counts, POD, FAR, F1, CSI, and the
// errors of x, y, z, d over matched pairs; then the same as a text table and as JSON, for one
// prediction set or several side by side. All positions and sizes in µm.

#include <cstddef>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "holodet/evaluate/matching.h"
#include "holodet/io/particle_table.h"

namespace holodet::evaluate {

// Prediction − truth over the matched pairs; NaN when there are none.
struct ErrorSummary {
  double mean_um = std::numeric_limits<double>::quiet_NaN();  // the bias
  double rmse_um = std::numeric_limits<double>::quiet_NaN();
  double median_abs_um = std::numeric_limits<double>::quiet_NaN();
};

struct DetectionScores {
  std::size_t truth_count = 0;
  std::size_t prediction_count = 0;
  std::size_t true_positives = 0;   // matched pairs
  std::size_t false_positives = 0;  // predictions left unmatched
  std::size_t false_negatives = 0;  // true particles left unmatched
  // Every ratio defines 0/0 as 0: POD of a hologram without particles, FAR of one without
  // predictions.
  double pod = 0;  // TP / (TP + FN)
  double far = 0;  // FP / (TP + FP)
  double f1 = 0;   // 2TP / (2TP + FP + FN): the harmonic mean of POD and 1 − FAR
  double csi = 0;  // TP / (TP + FP + FN)
  ErrorSummary x, y, z, d;
  // Shares of the matched pairs whose |Δz| is within the prediction's z_err (its 1σ depth
  // uncertainty), and within 2 z_err: about 0.68 and 0.95 when z_err is honest. NaN when the
  // predictions carry no z_err column or nothing matched.
  double z_within_err = std::numeric_limits<double>::quiet_NaN();
  double z_within_2err = std::numeric_limits<double>::quiet_NaN();
};

struct MatchedPair {
  int hid = 0;
  std::size_t truth_row = 0;       // row in the whole truth table
  std::size_t prediction_row = 0;  // row in the whole prediction table
};

struct HologramScores {
  int hid = 0;
  DetectionScores scores;
};

struct Scores {
  DetectionScores overall;                // all holograms' pairs pooled
  std::vector<HologramScores> holograms;  // every hid in either table, ascending
  std::vector<MatchedPair> pairs;         // by hid, then truth row
};

// Matches each hologram's rows (same hid) with match(). Throws bad_input when a table's
// columns differ in length.
Scores score_detections(const io::ParticleTable& truth, const io::ParticleTable& predictions,
                        const MatchTolerances& tolerances);

// The error summary of values (prediction − truth); NaN fields when `errors` is empty.
ErrorSummary summarise_errors(std::vector<double> errors);

struct ParticleFile {
  std::filesystem::path file;
  io::ParticleTable table;
};

struct PredictionSet {
  std::string name;  // column label: the file's stem, made distinct
  std::filesystem::path file;
  io::ParticleTable table;
  Scores scores;
};

// A breakdown of the scores by true (and predicted) diameter or depth (binned_scores.h).
enum class BinAxis { kDiameter, kDepth };
struct Breakdown {
  BinAxis axis = BinAxis::kDiameter;
  std::vector<double> edges_um;  // ascending bin edges
};

// One truth against one or more prediction sets: what the table, the JSON and the plots show.
struct ScoresReport {
  std::filesystem::path truth_file;
  io::ParticleTable truth;
  MatchTolerances tolerances;
  std::vector<PredictionSet> predictions;
  // The holograms scored: those asked for, else those every prediction set records covering
  // (a prediction file for hologram 1 of 6 is not charged with missing 2 to 6); empty when
  // neither is known, and then every hologram in the tables is scored.
  std::vector<int> scored_holograms;
  std::string scope_reason;           // why those: "those asked for", "those the predictions cover"
  std::vector<int> truth_left_out;    // truth holograms with particles that were not scored
  std::vector<Breakdown> breakdowns;  // --by d,z: shown after the overall block
  // --detectable (detectable_part.h): how many true particles stood above the noise on their
  // own plane, and each prediction set's overall scores on those, in the order of
  // `predictions`. In the JSON as "detectable" (null when not asked).
  struct Detectable {
    double min_snr = 1;
    std::size_t above_noise = 0;
    std::size_t below_noise = 0;
    std::vector<DetectionScores> overall;
  };
  std::optional<Detectable> detectable;
};

// Scores every prediction table against the truth, over the holograms `requested` (all when
// nullopt) that every prediction set covers. Throws bad_input for bad tolerances, when
// `predictions` is empty, or when a requested hologram is one a prediction set does not cover.
ScoresReport build_report(ParticleFile truth, std::vector<ParticleFile> predictions,
                          const MatchTolerances& tolerances,
                          const std::optional<std::vector<int>>& requested = std::nullopt);

// Reads the tables with io::read_particles (HOLODEC archive, holodet results .nc or CSV)
// and scores them.
ScoresReport read_and_score(const std::filesystem::path& truth_file,
                            const std::vector<std::filesystem::path>& prediction_files,
                            const MatchTolerances& tolerances,
                            const std::optional<std::vector<int>>& requested = std::nullopt);

// Overall first (one column per prediction set), then one line per hologram.
std::string scores_table(const ScoresReport& report);

// Tolerances, file names, overall and per-hologram scores of each set. NaN is written null.
std::string scores_json(const ScoresReport& report);
// scores_json written atomically (io::AtomicOutput).
void write_scores_json(const std::filesystem::path& path, const ScoresReport& report);

}  // namespace holodet::evaluate
