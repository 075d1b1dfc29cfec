#include "holodet/evaluate/scores.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/io/particle_files.h"

namespace holodet::evaluate {
namespace {

double ratio(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// Rows of each hologram, by hid.
std::map<int, std::vector<std::size_t>> rows_by_hologram(const io::ParticleTable& table) {
  std::map<int, std::vector<std::size_t>> rows;
  for (std::size_t k = 0; k < table.size(); ++k) {
    rows[table.hid[k]].push_back(k);
  }
  return rows;
}

DetectionScores detection_scores(const io::ParticleTable& truth,
                                 const io::ParticleTable& predictions,
                                 std::span<const MatchedPair> pairs, std::size_t truth_count,
                                 std::size_t prediction_count) {
  DetectionScores scores;
  scores.truth_count = truth_count;
  scores.prediction_count = prediction_count;
  scores.true_positives = pairs.size();
  scores.false_positives = prediction_count - pairs.size();
  scores.false_negatives = truth_count - pairs.size();
  const std::size_t tp = scores.true_positives;
  const std::size_t fp = scores.false_positives;
  const std::size_t fn = scores.false_negatives;
  scores.pod = ratio(tp, tp + fn);
  scores.far = ratio(fp, tp + fp);
  scores.f1 = ratio(2 * tp, 2 * tp + fp + fn);
  scores.csi = ratio(tp, tp + fp + fn);
  const std::pair<ErrorSummary DetectionScores::*, const std::vector<float> io::ParticleTable::*>
      columns[] = {{&DetectionScores::x, &io::ParticleTable::x_um},
                   {&DetectionScores::y, &io::ParticleTable::y_um},
                   {&DetectionScores::z, &io::ParticleTable::z_um},
                   {&DetectionScores::d, &io::ParticleTable::d_um}};
  for (const auto& [summary, column] : columns) {
    std::vector<double> errors;
    errors.reserve(pairs.size());
    for (const MatchedPair& pair : pairs) {
      errors.push_back(static_cast<double>((predictions.*column)[pair.prediction_row]) -
                       static_cast<double>((truth.*column)[pair.truth_row]));
    }
    scores.*summary = summarise_errors(std::move(errors));
  }
  const auto z_err = std::find_if(predictions.extra.begin(), predictions.extra.end(),
                                  [](const io::ParticleColumn& c) { return c.name == "z_err"; });
  if (z_err != predictions.extra.end() && !pairs.empty()) {
    std::size_t within = 0, within_two = 0;
    for (const MatchedPair& pair : pairs) {
      const double error = std::abs(static_cast<double>(predictions.z_um[pair.prediction_row]) -
                                    static_cast<double>(truth.z_um[pair.truth_row]));
      const double stated = z_err->values[pair.prediction_row];
      within += error <= stated ? 1 : 0;
      within_two += error <= 2 * stated ? 1 : 0;
    }
    scores.z_within_err = ratio(within, pairs.size());
    scores.z_within_2err = ratio(within_two, pairs.size());
  }
  return scores;
}

// The file's stem, or the stem and its position when two files share a stem.
std::vector<std::string> set_names(const std::vector<ParticleFile>& files) {
  std::vector<std::string> names;
  std::multiset<std::string> stems;
  for (const ParticleFile& file : files) {
    stems.insert(file.file.stem().string());
  }
  for (std::size_t k = 0; k < files.size(); ++k) {
    std::string stem = files[k].file.stem().string();
    if (stem.empty()) {
      stem = "predictions";
    }
    names.push_back(
        stems.count(files[k].file.stem().string()) > 1 ? stem + "_" + std::to_string(k + 1) : stem);
  }
  return names;
}

}  // namespace

ErrorSummary summarise_errors(std::vector<double> errors) {
  ErrorSummary summary;
  if (errors.empty()) {
    return summary;
  }
  const double count = static_cast<double>(errors.size());
  double sum = 0;
  double sum_squares = 0;
  for (double& error : errors) {
    sum += error;
    sum_squares += error * error;
    error = std::abs(error);
  }
  summary.mean_um = sum / count;
  summary.rmse_um = std::sqrt(sum_squares / count);
  // The median of an even count is the mean of the two middle values.
  const std::size_t middle = errors.size() / 2;
  std::nth_element(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(middle),
                   errors.end());
  summary.median_abs_um = errors[middle];
  if (errors.size() % 2 == 0) {
    const double below =
        *std::max_element(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(middle));
    summary.median_abs_um = 0.5 * (summary.median_abs_um + below);
  }
  return summary;
}

Scores score_detections(const io::ParticleTable& truth, const io::ParticleTable& predictions,
                        const MatchTolerances& tolerances) {
  check_tolerances(tolerances);
  truth.check_consistent("truth table");
  predictions.check_consistent("prediction table");
  const auto truth_rows = rows_by_hologram(truth);
  const auto prediction_rows = rows_by_hologram(predictions);
  // A covered hologram without particles on either side still gets its (empty) line.
  std::set<int> hids(truth.holograms.begin(), truth.holograms.end());
  hids.insert(predictions.holograms.begin(), predictions.holograms.end());
  for (const auto* rows : {&truth_rows, &prediction_rows}) {
    for (const auto& entry : *rows) {
      hids.insert(entry.first);
    }
  }
  const std::vector<Position> truth_positions = positions(truth);
  const std::vector<Position> prediction_positions = positions(predictions);
  const auto select = [](const std::vector<Position>& all, const std::vector<std::size_t>& rows) {
    std::vector<Position> chosen;
    for (std::size_t row : rows) {
      chosen.push_back(all[row]);
    }
    return chosen;
  };
  Scores scores;
  const std::vector<std::size_t> none;
  for (int hid : hids) {
    const auto truth_found = truth_rows.find(hid);
    const auto prediction_found = prediction_rows.find(hid);
    const auto& t_rows = truth_found == truth_rows.end() ? none : truth_found->second;
    const auto& p_rows =
        prediction_found == prediction_rows.end() ? none : prediction_found->second;
    const std::size_t first_pair = scores.pairs.size();
    for (const auto& [t, p] :
         match(select(truth_positions, t_rows), select(prediction_positions, p_rows), tolerances)) {
      scores.pairs.push_back({hid, t_rows[t], p_rows[p]});
    }
    const std::span<const MatchedPair> pairs =
        std::span<const MatchedPair>(scores.pairs).subspan(first_pair);
    scores.holograms.push_back(
        {hid, detection_scores(truth, predictions, pairs, t_rows.size(), p_rows.size())});
  }
  scores.overall =
      detection_scores(truth, predictions, scores.pairs, truth.size(), predictions.size());
  return scores;
}

ScoresReport build_report(ParticleFile truth, std::vector<ParticleFile> predictions,
                          const MatchTolerances& tolerances,
                          const std::optional<std::vector<int>>& requested) {
  check_tolerances(tolerances);
  if (predictions.empty()) {
    throw bad_input("evaluation: no prediction set to score");
  }
  const std::vector<std::string> names = set_names(predictions);
  ScoresReport report;
  report.tolerances = tolerances;
  // What every prediction set covers (when any says), then what is asked of that.
  std::optional<std::vector<int>> covered;
  for (const ParticleFile& set : predictions) {
    const std::vector<int>& holograms = set.table.holograms;
    if (holograms.empty()) {
      continue;
    }
    if (requested) {
      for (int hid : *requested) {
        if (!std::binary_search(holograms.begin(), holograms.end(), hid)) {
          throw bad_input("--hologram " + format_hologram_ids(*requested) + ": " +
                          set.file.string() + " covers holograms " +
                          format_hologram_ids(holograms) + ", not hologram " + std::to_string(hid));
        }
      }
    }
    if (!covered) {
      covered = holograms;
    } else {
      std::vector<int> both;
      std::set_intersection(covered->begin(), covered->end(), holograms.begin(), holograms.end(),
                            std::back_inserter(both));
      covered = std::move(both);
    }
  }
  const std::optional<std::vector<int>> scope = requested ? requested : covered;
  if (scope) {
    report.scored_holograms = *scope;
    report.scope_reason = requested ? "those asked for" : "those the predictions cover";
    std::set<int> left_out;
    for (int hid : truth.table.hid) {
      if (!std::binary_search(scope->begin(), scope->end(), hid)) {
        left_out.insert(hid);
      }
    }
    report.truth_left_out.assign(left_out.begin(), left_out.end());
    truth.table = truth.table.for_holograms(*scope);
    for (ParticleFile& set : predictions) {
      set.table = set.table.for_holograms(*scope);
    }
  }
  report.truth_file = std::move(truth.file);
  report.truth = std::move(truth.table);
  for (std::size_t k = 0; k < predictions.size(); ++k) {
    PredictionSet set;
    set.name = names[k];
    set.file = std::move(predictions[k].file);
    set.table = std::move(predictions[k].table);
    set.scores = score_detections(report.truth, set.table, tolerances);
    report.predictions.push_back(std::move(set));
  }
  return report;
}

ScoresReport read_and_score(const std::filesystem::path& truth_file,
                            const std::vector<std::filesystem::path>& prediction_files,
                            const MatchTolerances& tolerances,
                            const std::optional<std::vector<int>>& requested) {
  check_tolerances(tolerances);
  ParticleFile truth{truth_file, io::read_particles(truth_file)};
  std::vector<ParticleFile> predictions;
  for (const std::filesystem::path& file : prediction_files) {
    predictions.push_back({file, io::read_particles(file)});
  }
  return build_report(std::move(truth), std::move(predictions), tolerances, requested);
}

}  // namespace holodet::evaluate
