// Plots: sizes, that something is drawn where it should be, and the files written.
#include "holodet/evaluate/plots.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::evaluate {
namespace {

ScoresReport small_report() {
  io::ParticleTable truth;
  truth.append(1, -100, 50, 30000, 40);
  truth.append(1, 80, -60, 90000, 60);
  truth.append(2, 0, 0, 50000, 30);
  io::ParticleTable predictions;
  predictions.append(1, -97, 52, 30150, 44);
  predictions.append(1, 82, -61, 89700, 55);
  predictions.append(2, 150, 150, 40000, 20);
  return build_report({"truth.nc", truth}, {{"classic.csv", predictions}}, {});
}

struct Rgb {
  std::uint8_t r, g, b;
};

Rgb pixel(const RgbImage& image, std::size_t column, std::size_t row) {
  const std::size_t at = (row * image.width + column) * 3;
  return {image.rgb[at], image.rgb[at + 1], image.rgb[at + 2]};
}

// Pixels clearly of the given hue: that channel dominating the other two.
std::size_t count_dominant(const RgbImage& image, int channel) {
  std::size_t count = 0;
  for (std::size_t k = 0; k < image.rgb.size(); k += 3) {
    const int c = image.rgb[k + channel];
    const int other1 = image.rgb[k + (channel + 1) % 3];
    const int other2 = image.rgb[k + (channel + 2) % 3];
    count += (c > 120 && c > other1 + 80 && c > other2 + 80) ? 1 : 0;
  }
  return count;
}

bool is_png(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  char head[8] = {};
  file.read(head, 8);
  return file && std::string(head + 1, 3) == "PNG";
}

// The data scripts/plot-evaluation draws the scatter, error and depth-bias plots from: every
// matched pair, truth and prediction, in µm, the tolerances in the first line.
TEST(Plots, MatchedPairsAreWrittenForThePlottingScript) {
  test::TempDir dir;
  write_matched_pairs(dir / "pairs.csv", small_report());
  std::ifstream file(dir / "pairs.csv");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(file, line)) {
    lines.push_back(line);
  }
  ASSERT_EQ(lines.size(), 4u);  // two of the three truths matched
  EXPECT_EQ(lines[0], "# tolerances: xy_um 50, z_um 360; truth truth.nc");
  EXPECT_EQ(lines[1], "set,hid,x_true,y_true,z_true,d_true,x_pred,y_pred,z_pred,d_pred");
  EXPECT_EQ(lines[2], "classic,1,-100,50,30000,40,-97,52,30150,44");
  EXPECT_EQ(lines[3], "classic,1,80,-60,90000,60,82,-61,89700,55");
}

TEST(Plots, WithoutMatchedPairsThePairsFileHasItsHeaderAlone) {
  test::TempDir dir;
  io::ParticleTable truth;
  truth.append(1, 0, 0, 30000, 40);
  write_matched_pairs(dir / "pairs.csv", build_report({"t.nc", truth}, {{"p,1.csv", {}}}, {}));
  std::ifstream file(dir / "pairs.csv");
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(Plots, HologramPictureHasTheTrueParticlesWhereTheyAre) {
  const ScoresReport report = small_report();
  HologramPicture picture;
  picture.hologram.hid = 1;
  picture.hologram.size_x = 200;  // not square: x along columns, y along rows
  picture.hologram.size_y = 120;
  picture.hologram.counts.assign(200 * 120, 128);
  picture.pitch_x_um = 2;
  picture.pitch_y_um = 2;
  const RgbImage image = plot_hologram(picture, report);
  // 200 px shown at full size inside a canvas at least 760 wide.
  EXPECT_GE(image.width, 760u);
  EXPECT_GT(image.height, 120u);
  EXPECT_GT(count_dominant(image, 1), 30u) << "no green truth circles";
  EXPECT_GT(count_dominant(image, 0), 30u) << "no red predictions";
  // Truth 0 at x = -100 um, y = 50 um is pixel (50, 85); its circle of 40 um (10 px radius)
  // passes through pixel (60, 85) of the hologram, drawn at (100 + 60, 125 + 85) on the canvas.
  bool green_near = false;
  for (std::size_t dx = 0; dx < 3; ++dx) {
    for (std::size_t dy = 0; dy < 3; ++dy) {
      const Rgb p = pixel(image, 159 + dx, 209 + dy);
      green_near = green_near || (p.g > 120 && p.g > p.r + 60 && p.g > p.b + 60);
    }
  }
  EXPECT_TRUE(green_near);

  picture.hologram.counts.pop_back();
  EXPECT_THROW(plot_hologram(picture, report), Error);
}

TEST(Plots, WritesThePairsAndTheHologramPictures) {
  test::TempDir dir;
  const ScoresReport report = small_report();
  HologramPicture picture;
  picture.hologram.hid = 2;
  picture.hologram.size_x = 64;
  picture.hologram.size_y = 48;
  picture.hologram.counts.assign(64 * 48, 0);
  for (std::size_t k = 0; k < picture.hologram.counts.size(); ++k) {
    picture.hologram.counts[k] = static_cast<std::uint16_t>(k % 251);
  }
  const std::vector<HologramPicture> pictures = {picture};
  const auto written = write_evaluation_plots(dir / "plots" / "deeper", report, pictures);
  ASSERT_EQ(written.size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(dir / "plots" / "deeper" / "pairs.csv"));
  EXPECT_TRUE(is_png(dir / "plots" / "deeper" / "hologram_2.png"));
}

}  // namespace
}  // namespace holodet::evaluate
