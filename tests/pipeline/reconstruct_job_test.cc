#include "holodet/pipeline/reconstruct_job.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "holodet/core/error.h"
#include "holodet/core/pixel_grid.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/image_file.h"
#include "support/test_files.h"

namespace holodet::pipeline {
namespace {

using test::TempDir;

const std::filesystem::path kFixture = test::samples_dir() / "holodec_fixture_512x384.nc";

// A quiet request for the fixture's holograms `hids` at depths `z_m`, into `out_dir`.
ReconstructRequest fixture_request(std::vector<int> hids, std::vector<double> z_m,
                                   const std::filesystem::path& out_dir) {
  ReconstructRequest request;
  request.input = kFixture;
  request.hids = std::move(hids);
  request.z_m = std::move(z_m);
  request.out_dir = out_dir;
  request.quiet = true;
  return request;
}

// Mean of a float frame over a disk of `radius_px` around pixel (ci, cj).
double disk_mean(const io::FloatFrame& frame, double ci, double cj, double radius_px) {
  double sum = 0;
  int count = 0;
  for (std::size_t i = 0; i < frame.size_x; ++i) {
    for (std::size_t j = 0; j < frame.size_y; ++j) {
      if (std::hypot(i - ci, j - cj) <= radius_px) {
        sum += frame.values[i * frame.size_y + j];
        ++count;
      }
    }
  }
  return sum / count;
}

TEST(ReconstructJob, TheFixturesLargestParticleIsInFocusAtItsTruePositionAndDepth) {
  // End to end through the archive's own truth: hid, x, y (µm from the centre), z, d. This
  // pins the [x][y] layout, the pixel convention and the depth scale together.
  const io::ArchiveReader reader(kFixture);
  const io::ParticleTable truth = reader.read_particles().for_hologram(1);
  std::size_t biggest = 0;
  for (std::size_t k = 0; k < truth.size(); ++k) {
    biggest = truth.d_um[k] > truth.d_um[biggest] ? k : biggest;
  }
  const PixelGrid grid{reader.info().size_x, reader.info().size_y, 2.96, 2.96};
  const double ci = grid.i_of_x(truth.x_um[biggest]);
  const double cj = grid.j_of_y(truth.y_um[biggest]);
  const double z = truth.z_um[biggest] * 1e-6;

  TempDir dir;
  ReconstructRequest request = fixture_request({1}, {z, z + 0.03}, dir / "planes");
  const ReconstructSummary summary = run_reconstruct(request, config::Config{});
  EXPECT_EQ(summary.planes, 2u);
  EXPECT_EQ(summary.files, 5u);  // two planes, projection, depth map, index.csv

  const std::string stem = (dir / "planes" / "holodec_fixture_512x384_h1").string();
  char focus_name[64];
  std::snprintf(focus_name, sizeof(focus_name), "_z%06ldum_amplitude.tif", std::lround(z * 1e6));
  const io::FloatFrame focus = io::read_float_tiff(stem + focus_name);
  EXPECT_EQ(focus.size_x, 512u);  // columns = x
  EXPECT_EQ(focus.size_y, 384u);
  const io::FloatFrame depth = io::read_float_tiff(stem + "_depth_um.tif");
  const double radius_px = truth.d_um[biggest] / 2 / 2.96;
  std::snprintf(focus_name, sizeof(focus_name), "_z%06ldum_amplitude.tif",
                std::lround((z + 0.03) * 1e6));
  const io::FloatFrame defocused = io::read_float_tiff(stem + focus_name);
  // In focus, the opaque disk is dark against the ≈ 1 background, and darker than 30 mm away.
  const double in_focus = disk_mean(focus, ci, cj, 0.5 * radius_px);
  EXPECT_LT(in_focus, 0.7);
  EXPECT_LT(in_focus, 0.8 * disk_mean(defocused, ci, cj, 0.5 * radius_px));
  // The depth map at the particle's centre says: the in-focus plane, not the other one.
  EXPECT_NEAR(depth.values[std::lround(ci) * 384 + std::lround(cj)], truth.z_um[biggest], 1.0);

  std::ifstream index(dir / "planes" / "index.csv");
  std::string header, columns;
  std::getline(index, header);
  std::getline(index, columns);
  EXPECT_EQ(columns, "file,kind,z_um,offset,scale");
}

TEST(ReconstructJob, BadRequestsAreBadInput) {
  TempDir dir;
  test::write_text(dir / "a_file", "x");
  ReconstructRequest request = fixture_request({1}, {0.02}, dir / "a_file");
  EXPECT_THROW(run_reconstruct(request, config::Config{}), Error);
  request.out_dir = dir / "a_file" / "planes";  // a folder under a file
  EXPECT_THROW(run_reconstruct(request, config::Config{}), Error);
  request.out_dir = dir / "planes";
  request.hids = {1, 4};
  EXPECT_THROW(run_reconstruct(request, config::Config{}), Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "planes"));  // refused before a folder was made
  request.hids = {1};
  request.z_m.clear();
  EXPECT_THROW(run_reconstruct(request, config::Config{}), Error);
}

std::vector<std::string> files_in(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A folder holding an earlier reconstruction is refused untouched; with overwrite its files
// are replaced, never mixed with the new ones (a file of the user's own is left alone).
TEST(ReconstructJob, AnEarlierReconstructionIsRefusedOrReplacedNeverMixed) {
  TempDir dir;
  ReconstructRequest request = fixture_request({1, 3}, {0.03, 0.05, 0.07}, dir / "planes");
  EXPECT_EQ(run_reconstruct(request, config::Config{}).files, 11u);  // 2 × (3 + 2) + index.csv
  test::write_text(dir / "planes" / "notes.txt", "mine");
  const std::vector<std::string> first = files_in(dir / "planes");
  EXPECT_TRUE(std::binary_search(first.begin(), first.end(),
                                 "holodec_fixture_512x384_h3_z050000um_amplitude.tif"));
  request.hids = {2};
  request.z_m = {0.04};
  try {
    run_reconstruct(request, config::Config{});
    ADD_FAILURE() << "wrote into an earlier reconstruction";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("11 files, listed in index.csv"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("--overwrite"), std::string::npos) << error.what();
  }
  EXPECT_EQ(files_in(dir / "planes"), first);
  request.overwrite = true;
  const ReconstructSummary replaced = run_reconstruct(request, config::Config{});
  EXPECT_EQ(replaced.replaced, 11u);
  EXPECT_EQ(
      files_in(dir / "planes"),
      (std::vector<std::string>{
          "holodec_fixture_512x384_h2_depth_um.tif", "holodec_fixture_512x384_h2_min_amplitude.tif",
          "holodec_fixture_512x384_h2_z040000um_amplitude.tif", "index.csv", "notes.txt"}));
}

// The rows of index.csv as (file, kind, offset, scale).
std::vector<std::vector<std::string>> index_rows(const std::filesystem::path& folder) {
  std::ifstream index(folder / "index.csv");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(index, line);
  std::getline(index, line);
  while (std::getline(index, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) {
      fields.push_back(field);
    }
    rows.push_back(fields);
  }
  return rows;
}

// Every amplitude PNG of a run (both holograms, every plane, the projection) has one scale,
// so the grey levels compare across planes; decoded, they match the float32 TIFF values.
TEST(ReconstructJob, PngPlanesOfOneRunShareOneScale) {
  TempDir dir;
  ReconstructRequest request = fixture_request({1, 2}, {0.02, 0.06, 0.12}, dir / "png");
  request.format = PlaneImageFormat::kPng;
  run_reconstruct(request, config::Config{});
  std::set<std::pair<std::string, std::string>> scales;
  for (const auto& row : index_rows(dir / "png")) {
    if (row[1] == "amplitude" || row[1] == "min_amplitude") {
      scales.insert({row[3], row[4]});
    }
  }
  EXPECT_EQ(scales.size(), 1u);
  const double offset = std::stod(scales.begin()->first);
  const double scale = std::stod(scales.begin()->second);
  request.format = PlaneImageFormat::kTiff;
  request.out_dir = dir / "tiff";
  run_reconstruct(request, config::Config{});
  const std::string name = "holodec_fixture_512x384_h2_z060000um_amplitude";
  const io::FloatFrame exact = io::read_float_tiff(dir / "tiff" / (name + ".tif"));
  const io::Hologram stored = io::read_hologram_image(dir / "png" / (name + ".png"));
  double worst = 0;
  for (std::size_t k = 0; k < exact.values.size(); ++k) {
    worst = std::max(worst, std::abs(offset + stored.counts[k] * scale - exact.values[k]));
  }
  EXPECT_LE(worst, 0.51 * scale);
}

// One NetCDF4 volume per hologram that xarray indexes by z, x, y in um.
TEST(ReconstructJob, WritesOneVolumePerHologramThatXarrayOpens) {
  TempDir dir;
  ReconstructRequest request = fixture_request({3}, {0.025, 0.05, 0.1}, dir / "volume");
  request.format = PlaneImageFormat::kNetcdf;
  request.phase = true;
  EXPECT_EQ(run_reconstruct(request, config::Config{}).files, 2u);  // the volume and index.csv
  const auto volume = dir / "volume" / "holodec_fixture_512x384_h3.nc";
  ASSERT_TRUE(std::filesystem::exists(volume));
  if (std::string(HOLODET_NETCDF_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with netCDF4 and xarray (HOLODET_PYTHON)";
  }
  const auto result =
      test::run_shell(std::string(HOLODET_NETCDF_PYTHON) + " " + HOLODET_SOURCE_DIR +
                      "/tests/netcdf_compat/check_netcdf.py volume " + volume.string() +
                      " --planes 3 --nx 512 --ny 384 --z-um 25000,50000,100000 "
                      "--phase --expect-global method=reconstruct");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace holodet::pipeline
