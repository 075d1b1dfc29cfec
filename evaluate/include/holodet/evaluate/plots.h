#pragma once
// Pictures of an evaluation, for people. The scatter plots (predicted against true depth and
// diameter), the error histograms and depth error against depth are drawn by
// scripts/plot-evaluation with matplotlib (real fonts, PNG and SVG) from `pairs.csv`, which
// holodet writes; the hologram with the true and predicted particles on it is drawn here, with
// OpenCV's imgproc, and written with io::write_png_rgb8 (holodet does not use imgcodecs).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "holodet/evaluate/scores.h"
#include "holodet/io/hologram.h"

namespace holodet::evaluate {

// A colour picture in image order: `height` rows top to bottom, each `width` pixels of R, G, B.
struct RgbImage {
  std::size_t width = 0;
  std::size_t height = 0;
  std::vector<std::uint8_t> rgb;
};

// Every matched pair of every prediction set as CSV: set, hid, then x, y, z, d of the truth and
// of the prediction (µm), after a comment line with the tolerances. Written atomically.
void write_matched_pairs(const std::filesystem::path& path, const ScoresReport& report);

struct HologramPicture {
  io::Hologram hologram;  // [x][y]; its hid selects the particles drawn
  double pitch_x_um = 2.96;
  double pitch_y_um = 2.96;
};

// Hologram `hid` of a HOLODEC archive with the archive's pixel pitch (dx, dy; HOLODEC's when
// absent). Throws bad_input when the file is not an archive or hid is out of range.
HologramPicture read_hologram_picture(const std::filesystem::path& archive, int hid);

// The hologram (image columns = x, rows = y; contrast stretched, shrunk to at most 1400 px a
// side) with the true particles of its hid as circles of their diameter, each set's
// predictions in the set's colour, every circle labelled with its z in mm, and axes in mm
// (holodet/core/pixel_grid.h).
RgbImage plot_hologram(const HologramPicture& picture, const ScoresReport& report);

// Writes pairs.csv and hologram_<hid>.png per picture into `folder` (created when missing) and
// returns the paths written; scripts/plot-evaluation draws the rest from pairs.csv.
std::vector<std::filesystem::path> write_evaluation_plots(
    const std::filesystem::path& folder, const ScoresReport& report,
    std::span<const HologramPicture> pictures);

}  // namespace holodet::evaluate
