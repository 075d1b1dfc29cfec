// The evaluation's plot data (every matched pair, for scripts/plot-evaluation) and writing the
// plots to a folder.
#include "holodet/evaluate/plots.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"
#include "holodet/io/image_file.h"
#include "text_format.h"

namespace holodet::evaluate {

namespace {

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

}  // namespace

void write_matched_pairs(const std::filesystem::path& path, const ScoresReport& report) {
  std::string text =
      format("# tolerances: xy_um %.10g, z_um %.10g; truth %s\n", report.tolerances.xy_um,
             report.tolerances.z_um, report.truth_file.string().c_str());
  text += "set,hid,x_true,y_true,z_true,d_true,x_pred,y_pred,z_pred,d_pred\n";
  for (const PredictionSet& set : report.predictions) {
    for (const MatchedPair& pair : set.scores.pairs) {
      const std::size_t t = pair.truth_row, p = pair.prediction_row;
      text += format("%s,%d,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n", csv_field(set.name).c_str(),
                     pair.hid, report.truth.x_um[t], report.truth.y_um[t], report.truth.z_um[t],
                     report.truth.d_um[t], set.table.x_um[p], set.table.y_um[p], set.table.z_um[p],
                     set.table.d_um[p]);
    }
  }
  io::AtomicOutput output(path);
  {
    std::ofstream file(output.temp_path(), std::ios::binary);
    file << text;
    if (!file.flush()) {
      throw runtime_failure(path.string() + ": cannot write the matched pairs");
    }
  }
  output.commit();
}

std::vector<std::filesystem::path> write_evaluation_plots(
    const std::filesystem::path& folder, const ScoresReport& report,
    std::span<const HologramPicture> pictures) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw bad_input(folder.string() + ": cannot create the plot folder: " + error.message());
  }
  write_matched_pairs(folder / "pairs.csv", report);
  std::vector<std::filesystem::path> written = {folder / "pairs.csv"};
  std::vector<std::pair<std::string, RgbImage>> images;
  for (const HologramPicture& picture : pictures) {
    images.emplace_back(format("hologram_%d.png", picture.hologram.hid),
                        plot_hologram(picture, report));
  }
  for (const auto& [name, image] : images) {
    io::write_png_rgb8(folder / name, image.width, image.height, image.rgb);
    written.push_back(folder / name);
  }
  return written;
}

}  // namespace holodet::evaluate
