#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/core/progress.h"
#include "holodet/detect/particle_visibility.h"
#include "holodet/evaluate/binned_scores.h"
#include "holodet/evaluate/detectable_part.h"
#include "holodet/evaluate/plots.h"
#include "holodet/evaluate/scores.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/output_paths.h"
#include "option_checks.h"
#include "plot_script.h"

namespace holodet::tools {
namespace {

struct EvaluateOptions {
  std::string truth;
  std::vector<std::string> predictions;
  double xy_tol_um = 50;
  double z_tol_um = 360;
  std::string json;
  std::string plots;
  int hologram_image = 0;  // 0: no hologram picture
  std::string hologram = "all";
  std::vector<std::string> by;    // "d", "z"
  std::vector<double> d_bins_um;  // edges; empty: the defaults
  std::vector<double> z_bins_um;
  bool detectable = false;
  double detectable_snr = 1;
};

// True when the file holds holograms (a HOLODEC archive), not only a particle table.
bool holds_holograms(const std::string& path) {
  if (!io::looks_like_hdf5(path)) {
    return false;
  }
  try {
    io::ArchiveReader reader(path);
    return true;
  } catch (const Error&) {
    return false;  // a results file: HDF5 without `image`
  }
}

// Which true particles stand above the noise on their own plane, by propagating the truth
// archive's holograms (with progress on stderr).
std::vector<bool> detectable_flags(const evaluate::ScoresReport& report,
                                   const EvaluateOptions& options, const GlobalOptions& global) {
  const config::Config config = build_config(global, {});
  Progress progress("detectable", report.truth.size(), "particles", global.quiet);
  const std::vector<detect::ParticleVisibility> visibility = detect::measure_visibility(
      options.truth, report.truth, config, [&progress] { progress.advance(); });
  progress.finish();
  std::vector<bool> flags(visibility.size());
  for (std::size_t row = 0; row < visibility.size(); ++row) {
    flags[row] = detect::is_detectable(visibility[row], options.detectable_snr);
  }
  return flags;
}

// CLI11's PositiveNumber would print its range up to DBL_MAX in full; this names the option.
void check_tolerance(const char* option, double value_um) {
  if (!std::isfinite(value_um) || value_um <= 0) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", value_um);
    throw bad_input(std::string(option) + " " + text + ": must be a positive number of um");
  }
}

int run_evaluate(const EvaluateOptions& options, const GlobalOptions& global) {
  check_tolerance("--xy-tol", options.xy_tol_um);
  check_tolerance("--z-tol", options.z_tol_um);
  if (options.predictions.size() > 2) {
    throw bad_input("--pred: at most two prediction files, got " +
                    std::to_string(options.predictions.size()));
  }
  const evaluate::MatchTolerances tolerances{options.xy_tol_um, options.z_tol_um};
  const std::optional<std::vector<int>> requested =
      parse_hologram_ids(options.hologram, "--hologram");
  // Outputs are checked before anything is read, and never one of the inputs.
  std::vector<std::filesystem::path> inputs{options.truth};
  inputs.insert(inputs.end(), options.predictions.begin(), options.predictions.end());
  if (!options.json.empty()) {
    io::check_output_file(options.json, "--json", {".json"}, inputs);
  }
  if (!options.plots.empty()) {
    io::check_output_folder(options.plots, "--plots");
  }
  if (options.detectable && !holds_holograms(options.truth)) {
    throw bad_input("--detectable: " + options.truth +
                    " holds no holograms (not a HOLODEC archive): the truth must be the archive "
                    "whose particles are scored");
  }
  if (!(options.detectable_snr >= 0) || !std::isfinite(options.detectable_snr)) {
    throw bad_input("--detectable-snr: must be a number >= 0");
  }
  // The picture is read first, so a bad --hologram-image fails before any output is written.
  std::vector<evaluate::HologramPicture> pictures;
  if (options.hologram_image > 0) {
    if (holds_holograms(options.truth)) {
      pictures.push_back(evaluate::read_hologram_picture(options.truth, options.hologram_image));
    } else {
      std::fprintf(stderr,
                   "holodet evaluate: %s holds no holograms (not a HOLODEC archive): no "
                   "hologram picture\n",
                   options.truth.c_str());
    }
  }
  const std::vector<std::filesystem::path> prediction_files(options.predictions.begin(),
                                                            options.predictions.end());
  std::vector<evaluate::Breakdown> breakdowns;
  for (const std::string& axis_name : options.by) {
    const evaluate::BinAxis axis = evaluate::parse_bin_axis(axis_name);
    const std::vector<double>& given =
        axis == evaluate::BinAxis::kDiameter ? options.d_bins_um : options.z_bins_um;
    if (!given.empty()) {
      evaluate::check_bin_edges(given,
                                axis == evaluate::BinAxis::kDiameter ? "--d-bins" : "--z-bins");
    }
    breakdowns.push_back({axis, given.empty() ? evaluate::default_bin_edges(axis) : given});
  }
  evaluate::ScoresReport report =
      evaluate::read_and_score(options.truth, prediction_files, tolerances, requested);
  report.breakdowns = breakdowns;
  std::cout << evaluate::scores_table(report) << std::flush;
  if (options.detectable) {
    const std::vector<bool> flags = detectable_flags(report, options, global);
    const auto count = static_cast<std::size_t>(std::count(flags.begin(), flags.end(), true));
    const std::size_t total = flags.size();
    std::printf(
        "\nDetectable part: %zu of %zu true particles (%.1f %%) have an in-focus contrast "
        "above %g x the noise beside them on their own plane; %zu (%.1f %%) are below "
        "it. Scored on the detectable ones, predictions matched to the others "
        "dropped:\n\n",
        count, total, total > 0 ? 100.0 * static_cast<double>(count) / total : 0.0,
        options.detectable_snr, total - count,
        total > 0 ? 100.0 * static_cast<double>(total - count) / total : 0.0);
    const evaluate::ScoresReport part = evaluate::detectable_part(report, flags);
    std::cout << evaluate::scores_table(part) << std::flush;
    evaluate::ScoresReport::Detectable summary{options.detectable_snr, count, total - count, {}};
    for (const evaluate::PredictionSet& set : part.predictions) {
      summary.overall.push_back(set.scores.overall);
    }
    report.detectable = std::move(summary);
  }
  if (!options.json.empty()) {
    evaluate::write_scores_json(options.json, report);
    if (!global.quiet) {
      std::fprintf(stderr, "evaluate: scores in %s\n", options.json.c_str());
    }
  }
  if (!options.plots.empty()) {
    const auto written = evaluate::write_evaluation_plots(options.plots, report, pictures);
    // The scatter plots, error histograms and depth bias, from the pairs just written.
    const std::string failed = run_plot_script("plot-evaluation", {options.plots});
    if (!failed.empty()) {
      std::fprintf(stderr,
                   "evaluate: the scatter, error and depth-bias plots were not drawn: %s; "
                   "%s/pairs.csv holds their data (scripts/plot-evaluation %s draws them)\n",
                   failed.c_str(), options.plots.c_str(), options.plots.c_str());
    } else if (!global.quiet) {
      std::fprintf(stderr,
                   "evaluate: z_scatter, d_scatter, errors, dz_vs_z (.png, .svg), pairs.csv%s "
                   "in %s\n",
                   written.size() > 1 ? " and the hologram pictures" : "", options.plots.c_str());
    }
  }
  return 0;
}

}  // namespace

Command add_evaluate_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<EvaluateOptions>();
  CLI::App* command = app.add_subcommand(
      "evaluate",
      "Score detections against known particles: one-to-one (Hungarian) matching inside the "
      "ellipsoid (dx^2 + dy^2)/xy_tol^2 + dz^2/z_tol^2 <= 1; POD, FAR, F1, CSI and the errors "
      "of x, y, z, d per hologram and overall. Tables: HOLODEC archive, holodet results .nc "
      "or CSV (hid,x,y,z,d in um).");
  command->add_option("--truth", options->truth, "Truth: archive, results file or CSV")->required();
  command
      ->add_option("--pred", options->predictions,
                   "Predictions (one file, or two to compare side by side)")
      ->required();
  command->add_option("--xy-tol", options->xy_tol_um, "Transverse tolerance in um (default 50)");
  command->add_option("--z-tol", options->z_tol_um, "Depth tolerance in um (default 360)");
  command->add_option("--json", options->json, "Write the scores as JSON");
  command
      ->add_option("--by", options->by,
                   "Also score per bin of true and predicted d and/or z: d, z or d,z")
      ->delimiter(',');
  command
      ->add_option("--d-bins", options->d_bins_um,
                   "Diameter bin edges in um (default 0,20,40,80,160,inf)")
      ->delimiter(',');
  command
      ->add_option("--z-bins", options->z_bins_um,
                   "Depth bin edges in um (default 0,50000,86000,122000,inf)")
      ->delimiter(',');
  command->add_option("--hologram", options->hologram,
                      "Holograms to score: 3, 1,3-5 or all (default: those the predictions "
                      "record covering, else all)");
  command->add_flag("--detectable", options->detectable,
                    "Also score the detectable part: the true particles whose in-focus contrast "
                    "stands above the noise (the truth archive's holograms are propagated to "
                    "each particle's depth)");
  command
      ->add_option("--detectable-snr", options->detectable_snr,
                   "Contrast over noise a detectable particle needs (default 1)")
      ->needs("--detectable");
  CLI::Option* plots = command->add_option(
      "--plots", options->plots,
      "Folder for the plots: z_scatter, d_scatter, errors, dz_vs_z (.png and .svg, drawn by "
      "scripts/plot-evaluation), pairs.csv (every matched pair) and hologram_<hid>.png");
  command
      ->add_option("--hologram-image", options->hologram_image,
                   "Also draw hologram K (1-based hid) with true and predicted particles; the "
                   "truth must be an archive")
      ->check(at_least(1))
      ->needs(plots);
  return {command, [options, &global] { return run_evaluate(*options, global); }};
}

}  // namespace holodet::tools
