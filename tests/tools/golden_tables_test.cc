// The particle tables of the committed sample, detected by both methods, match tables written
// before a refactoring (tests/golden/). Moving code between stages must not move a particle: the
// tables were compared byte for byte by hand when they were made; the tolerance here only lets
// a CPU whose FFT code paths round differently pass, while a lost, added or shifted particle
// fails.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_files.h"

namespace holodet {
namespace {

using test::run_shell;
using test::TempDir;

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  for (std::string field; std::getline(stream, field, ',');) {
    fields.push_back(field);
  }
  return fields;
}

// Integers (hologram id, pixel and plane counts) are equal; real numbers agree to a part in
// 10^4 (a micrometre on a 10 mm depth) plus 10^-3 of their unit.
bool same_field(const std::string& made, const std::string& golden) {
  if (golden.find_first_of(".eE") == std::string::npos) {
    return made == golden;
  }
  const double a = std::stod(made);
  const double b = std::stod(golden);
  return std::abs(a - b) <= 1e-4 * std::abs(b) + 1e-3;
}

void expect_matches_golden(const std::string& method) {
  TempDir dir;
  const auto table = dir / (method + ".csv");
  const auto made =
      run_shell(std::string(HOLODET_CLI_PATH) +
                " --threads 2 --quiet --set reconstruction.fft_planning=deterministic"
                " detect " +
                (test::samples_dir() / "synth_1024_a.nc").string() +
                " --hologram 1,2 --planes 300 --method " + method + " --out " + table.string());
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const auto golden_path = std::filesystem::path(HOLODET_SOURCE_DIR) / "tests/golden" /
                           ("synth_1024_a." + method + ".csv");
  const auto golden = read_lines(golden_path);
  const auto lines = read_lines(table);
  ASSERT_GT(golden.size(), 2U) << golden_path;
  ASSERT_EQ(lines.size(), golden.size()) << "particle count differs from " << golden_path;
  EXPECT_EQ(lines[0], golden[0]);
  EXPECT_EQ(lines[1], golden[1]);
  for (size_t row = 2; row < golden.size(); ++row) {
    const auto fields = split_fields(lines[row]);
    const auto expected = split_fields(golden[row]);
    ASSERT_EQ(fields.size(), expected.size()) << lines[row];
    for (size_t column = 0; column < expected.size(); ++column) {
      EXPECT_TRUE(same_field(fields[column], expected[column]))
          << "row " << row << ": " << lines[row] << "\n golden: " << golden[row];
    }
  }
}

TEST(GoldenTables, ClassicTableOfTheSampleIsUnchanged) {
  expect_matches_golden("classic");
}

TEST(GoldenTables, UnetTableOfTheSampleIsUnchanged) {
  expect_matches_golden("unet");
}

}  // namespace
}  // namespace holodet
