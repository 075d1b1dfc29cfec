// A hologram with the true and predicted particles drawn on it.
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "canvas.h"
#include "holodet/core/error.h"
#include "holodet/core/pixel_grid.h"
#include "holodet/evaluate/plots.h"
#include "holodet/io/archive_reader.h"
#include "text_format.h"

namespace holodet::evaluate {
namespace {

constexpr double kLargestSide = 1400;  // px of the drawn hologram
constexpr int kLeft = 100;
constexpr int kTop = 125;
constexpr double kZLabelScale = 0.4;

// The hologram as 8-bit gray rows (image columns = x), its 1st to 99th percentile of counts
// spread over 50..215 so circles in colour stay visible on it.
cv::Mat stretched_rows(const io::Hologram& hologram) {
  // Percentiles from at most about a million counts: a sample is plenty for a contrast stretch.
  const std::size_t stride = std::max<std::size_t>(1, hologram.counts.size() / 1000000);
  std::vector<std::uint16_t> sample;
  for (std::size_t k = 0; k < hologram.counts.size(); k += stride) {
    sample.push_back(hologram.counts[k]);
  }
  const auto percentile = [&](double fraction) {
    const auto at = sample.begin() + static_cast<std::ptrdiff_t>(fraction * (sample.size() - 1));
    std::nth_element(sample.begin(), at, sample.end());
    return static_cast<double>(*at);
  };
  const double low = percentile(0.01);
  const double high = std::max(percentile(0.99), low + 1);
  cv::Mat rows(static_cast<int>(hologram.size_y), static_cast<int>(hologram.size_x), CV_8UC1);
  for (std::size_t j = 0; j < hologram.size_y; ++j) {
    auto* row = rows.ptr<std::uint8_t>(static_cast<int>(j));
    for (std::size_t i = 0; i < hologram.size_x; ++i) {
      const double fraction = std::clamp((hologram.at(i, j) - low) / (high - low), 0.0, 1.0);
      row[i] = static_cast<std::uint8_t>(std::lround(50 + 165 * fraction));
    }
  }
  return rows;
}

// Coloured text with a white halo, readable on any part of the hologram.
void draw_label(cv::Mat& canvas, const std::string& text, cv::Point origin,
                const cv::Scalar& colour) {
  draw_text(canvas, text, origin, kZLabelScale, kWhite, 3);
  draw_text(canvas, text, origin, kZLabelScale, colour, 1);
}

struct Marks {
  cv::Scalar colour;
  int thickness = 1;
  bool is_truth = false;
  int line = 0;  // prediction set k labels on line k below the circle
};

// Circles of each particle's diameter (at least 4 px across), labelled with z in mm: truth
// above right, each prediction set below right one line further down, so the labels of a
// particle found by both sets do not overlap.
void draw_particles(cv::Mat& canvas, const Axes& axes, double px_per_um,
                    const io::ParticleTable& table, const Marks& marks) {
  for (std::size_t k = 0; k < table.size(); ++k) {
    const cv::Point centre = axes.point(table.x_um[k] * 1e-3, table.y_um[k] * 1e-3);
    const int radius = std::max(2, static_cast<int>(std::lround(table.d_um[k] / 2 * px_per_um)));
    cv::circle(canvas, centre, radius, marks.colour, marks.thickness, cv::LINE_AA);
    const std::string z = format("%.1f", table.z_um[k] * 1e-3);
    if (marks.is_truth) {
      draw_label(canvas, z, {centre.x + radius + 3, centre.y - radius / 2 - 2}, marks.colour);
    } else {
      cv::drawMarker(canvas, centre, marks.colour, cv::MARKER_CROSS, 7, 1);
      draw_label(canvas, z, {centre.x + radius + 3, centre.y + radius / 2 + 12 + 13 * marks.line},
                 marks.colour);
    }
  }
}

}  // namespace

HologramPicture read_hologram_picture(const std::filesystem::path& archive, int hid) {
  const io::ArchiveReader reader(archive);
  HologramPicture picture;
  picture.hologram = reader.read_hologram(hid);
  const Optics optics = reader.info().optics.with_defaults();
  picture.pitch_x_um = optics.pixel_pitch_x_m * 1e6;
  picture.pitch_y_um = optics.pixel_pitch_y_m * 1e6;
  return picture;
}

RgbImage plot_hologram(const HologramPicture& picture, const ScoresReport& report) {
  const io::Hologram& hologram = picture.hologram;
  if (hologram.size_x == 0 || hologram.size_y == 0 ||
      hologram.counts.size() != hologram.size_x * hologram.size_y) {
    throw bad_input(hologram.source + ": no hologram to draw (" + std::to_string(hologram.size_x) +
                    " x " + std::to_string(hologram.size_y) + " px, " +
                    std::to_string(hologram.counts.size()) + " counts)");
  }
  const double shrink =
      std::min(1.0, kLargestSide / static_cast<double>(std::max(hologram.size_x, hologram.size_y)));
  const int width = std::max(1, static_cast<int>(std::lround(hologram.size_x * shrink)));
  const int height = std::max(1, static_cast<int>(std::lround(hologram.size_y * shrink)));
  cv::Mat gray;
  cv::resize(stretched_rows(hologram), gray, cv::Size(width, height), 0, 0, cv::INTER_AREA);
  cv::Mat canvas = blank_canvas(std::max(kLeft + width + 70, 760), kTop + height + 75);
  const cv::Rect area(kLeft, kTop, width, height);
  cv::Mat image = canvas(area);  // a view: cvtColor writes into the canvas
  cv::cvtColor(gray, image, cv::COLOR_GRAY2RGB);

  // Pixel i spans x_um(i ± 0.5); the axes run edge to edge, in mm.
  const PixelGrid grid{hologram.size_x, hologram.size_y, picture.pitch_x_um, picture.pitch_y_um};
  const Axes axes{area,
                  grid.x_um(-0.5) * 1e-3,
                  grid.x_um(static_cast<double>(hologram.size_x) - 0.5) * 1e-3,
                  grid.y_um(-0.5) * 1e-3,
                  grid.y_um(static_cast<double>(hologram.size_y) - 0.5) * 1e-3,
                  true};
  const double px_per_um = width / (static_cast<double>(hologram.size_x) * picture.pitch_x_um);
  const int hid = hologram.hid;
  const io::ParticleTable truth = report.truth.for_hologram(hid);
  std::vector<std::pair<std::string, cv::Scalar>> legend;
  legend.emplace_back(format("truth: %zu particles (labels: z in mm)", truth.size()), kTruthColour);
  for (std::size_t k = 0; k < report.predictions.size(); ++k) {
    const PredictionSet& set = report.predictions[k];
    const io::ParticleTable predictions = set.table.for_hologram(hid);
    draw_particles(canvas, axes, px_per_um, predictions,
                   {set_colour(k), 1, false, static_cast<int>(k)});
    std::size_t matched = 0;
    for (const MatchedPair& pair : set.scores.pairs) {
      matched += pair.hid == hid ? 1 : 0;
    }
    legend.emplace_back(
        format("%s: %zu predictions, %zu matched", set.name.c_str(), predictions.size(), matched),
        set_colour(k));
  }
  draw_particles(canvas, axes, px_per_um, truth, {kTruthColour, 2, true, 0});
  draw_axes(canvas, axes, "x (mm): image columns", "y (mm): image rows");
  draw_legend(canvas, {kLeft, 45}, legend);
  draw_centred_text(canvas, format("Hologram %d of %s", hid, report.truth_file.filename().c_str()),
                    canvas.cols / 2, 30, 0.7, kBlack, 2);
  return to_rgb_image(canvas);
}

}  // namespace holodet::evaluate
