// Scatter plots and error histograms of the matched pairs, and writing all plots to a folder.
#include "holodet/evaluate/plots.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "canvas.h"
#include "holodet/core/error.h"
#include "holodet/io/image_file.h"
#include "text_format.h"

namespace holodet::evaluate {
namespace {

using Column = const std::vector<float> io::ParticleTable::*;

// (true, predicted) values of `column` over a set's matched pairs, times `scale`.
std::vector<std::pair<double, double>> pair_values(const ScoresReport& report,
                                                   const PredictionSet& set, Column column,
                                                   double scale) {
  std::vector<std::pair<double, double>> values;
  for (const MatchedPair& pair : set.scores.pairs) {
    values.emplace_back((report.truth.*column)[pair.truth_row] * scale,
                        (set.table.*column)[pair.prediction_row] * scale);
  }
  return values;
}

struct ScatterSpec {
  Column column;
  double scale;  // data to plotted units
  const char* title;
  const char* x_label;
  const char* y_label;
  ErrorSummary DetectionScores::*errors;
};

RgbImage scatter(const ScoresReport& report, const ScatterSpec& spec) {
  cv::Mat canvas = blank_canvas(900, 820);
  std::vector<double> all;
  for (const PredictionSet& set : report.predictions) {
    for (const auto& [truth, predicted] : pair_values(report, set, spec.column, spec.scale)) {
      all.push_back(truth);
      all.push_back(predicted);
    }
  }
  const auto [low, high] = padded_range(all, 0.04);
  // Equal ranges on both axes, so the 1:1 line is the diagonal.
  const Axes axes{cv::Rect(100, 60, 760, 680), low, high, low, high, false};
  cv::line(canvas, axes.point(low, low), axes.point(high, high), kGrey, 1, cv::LINE_AA);
  std::vector<std::pair<std::string, cv::Scalar>> legend;
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    const PredictionSet& set = report.predictions[k];
    for (const auto& [truth, predicted] : pair_values(report, set, spec.column, spec.scale)) {
      cv::circle(canvas, axes.point(truth, predicted), 3, set_colour(k), cv::FILLED, cv::LINE_AA);
    }
    const ErrorSummary& errors = set.scores.overall.*spec.errors;
    legend.emplace_back(set.scores.pairs.empty()
                            ? set.name + ": no matched pairs"
                            : format("%s: %zu pairs, RMSE %.2f um, bias %.2f um", set.name.c_str(),
                                     set.scores.pairs.size(), errors.rmse_um, errors.mean_um),
                        set_colour(k));
  }
  legend.emplace_back("1:1", kGrey);
  if (all.empty()) {
    draw_centred_text(canvas, "no matched pairs", 480, 400, 0.8, kBlack);
  }
  draw_axes(canvas, axes, spec.x_label, spec.y_label);
  draw_legend(canvas, {axes.area.x + 12, axes.area.y + 12}, legend);
  draw_centred_text(canvas, spec.title, 450, 35, 0.75, kBlack, 2);
  return to_rgb_image(canvas);
}

// One histogram panel: counts of prediction − truth per bin over [−range, range], one
// outline per set (the first also filled lightly).
void histogram_panel(cv::Mat& canvas, const ScoresReport& report, const cv::Rect& area,
                     Column column, double range, const std::string& name) {
  constexpr int kBins = 31;
  std::vector<std::vector<int>> counts;
  int highest = 4;  // keeps the count axis's ticks whole numbers
  for (const PredictionSet& set : report.predictions) {
    std::vector<int> bins(kBins, 0);
    for (const auto& [truth, predicted] : pair_values(report, set, column, 1.0)) {
      const double at = (predicted - truth + range) / (2 * range) * kBins;
      bins[static_cast<std::size_t>(std::clamp(static_cast<int>(at), 0, kBins - 1))] += 1;
    }
    highest = std::max(highest, *std::max_element(bins.begin(), bins.end()));
    counts.push_back(std::move(bins));
  }
  const Axes axes{area, -range, range, 0.0, highest * 1.1, false};
  const double width = 2 * range / kBins;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const cv::Scalar light = set_colour(k) * 0.35 + kWhite * 0.65;
    for (int b = 0; b < kBins; ++b) {
      const double left = -range + b * width;
      const cv::Point corner_low = axes.point(left, 0.0);
      const cv::Point corner_high = axes.point(left + width, counts[k][b]);
      if (k == 0 && counts[k][b] > 0) {
        cv::rectangle(canvas, cv::Rect(corner_low, corner_high), light, cv::FILLED);
      }
      // The outline's top and the step to the next bin.
      cv::line(canvas, {corner_low.x, corner_high.y}, corner_high, set_colour(k), 2);
      const int next = b + 1 < kBins ? counts[k][b + 1] : 0;
      cv::line(canvas, corner_high, axes.point(left + width, next), set_colour(k), 2);
      if (b == 0) {
        cv::line(canvas, corner_low, {corner_low.x, corner_high.y}, set_colour(k), 2);
      }
    }
  }
  cv::line(canvas, axes.point(0.0, 0.0), axes.point(0.0, highest * 1.1), kGrey, 1);
  draw_axes(canvas, axes, "prediction - truth, " + name + " (um)", "pairs");
  draw_centred_text(canvas, name + " error", area.x + area.width / 2, area.y - 10, 0.6, kBlack, 1);
}

}  // namespace

RgbImage plot_z_scatter(const ScoresReport& report) {
  return scatter(report, {&io::ParticleTable::z_um, 1e-3, "Depth of matched pairs", "true z (mm)",
                          "predicted z (mm)", &DetectionScores::z});
}

RgbImage plot_d_scatter(const ScoresReport& report) {
  return scatter(report, {&io::ParticleTable::d_um, 1.0, "Diameter of matched pairs", "true d (um)",
                          "predicted d (um)", &DetectionScores::d});
}

RgbImage plot_error_histograms(const ScoresReport& report) {
  cv::Mat canvas = blank_canvas(1200, 980);
  double d_range = 1;  // the largest diameter error, rounded up to a tick
  for (const PredictionSet& set : report.predictions) {
    for (const auto& [truth, predicted] : pair_values(report, set, &io::ParticleTable::d_um, 1)) {
      d_range = std::max(d_range, std::abs(predicted - truth) * 1.05);
    }
  }
  const std::vector<double> ticks = nice_ticks(0, d_range, 4);
  if (ticks.size() > 1) {
    d_range = std::ceil(d_range / (ticks[1] - ticks[0])) * (ticks[1] - ticks[0]);
  }
  const double xy = report.tolerances.xy_um;
  const int w = 470;
  const int h = 330;
  histogram_panel(canvas, report, {110, 120, w, h}, &io::ParticleTable::x_um, xy, "x");
  histogram_panel(canvas, report, {700, 120, w, h}, &io::ParticleTable::y_um, xy, "y");
  histogram_panel(canvas, report, {110, 570, w, h}, &io::ParticleTable::z_um,
                  report.tolerances.z_um, "z");
  histogram_panel(canvas, report, {700, 570, w, h}, &io::ParticleTable::d_um, d_range, "d");
  draw_centred_text(canvas, "Errors of matched pairs", 600, 35, 0.75, kBlack, 2);
  std::vector<std::pair<std::string, cv::Scalar>> legend;
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    legend.emplace_back(report.predictions[k].name, set_colour(k));
  }
  draw_legend(canvas, {110, 55}, legend);
  return to_rgb_image(canvas);
}

std::vector<std::filesystem::path> write_evaluation_plots(
    const std::filesystem::path& folder, const ScoresReport& report,
    std::span<const HologramPicture> pictures) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw bad_input(folder.string() + ": cannot create the plot folder: " + error.message());
  }
  std::vector<std::pair<std::string, RgbImage>> images;
  images.emplace_back("z_scatter.png", plot_z_scatter(report));
  images.emplace_back("d_scatter.png", plot_d_scatter(report));
  images.emplace_back("errors.png", plot_error_histograms(report));
  for (const HologramPicture& picture : pictures) {
    images.emplace_back(format("hologram_%d.png", picture.hologram.hid),
                        plot_hologram(picture, report));
  }
  std::vector<std::filesystem::path> written;
  for (const auto& [name, image] : images) {
    io::write_png_rgb8(folder / name, image.width, image.height, image.rgb);
    written.push_back(folder / name);
  }
  return written;
}

}  // namespace holodet::evaluate
