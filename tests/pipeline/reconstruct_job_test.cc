#include "holodet/pipeline/reconstruct_job.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "holodet/core/error.h"
#include "holodet/core/pixel_grid.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/image_file.h"
#include "support/test_files.h"

namespace holodet::pipeline {
namespace {

using test::TempDir;

const std::filesystem::path kFixture = test::samples_dir() / "holodec_fixture_512x384.nc";

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
  ReconstructRequest request;
  request.input = kFixture;
  request.hid = 1;
  request.z_m = {z, z + 0.03};
  request.out_dir = dir / "planes";
  request.quiet = true;
  const ReconstructSummary summary = run_reconstruct(request, Config{});
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
  ReconstructRequest request;
  request.input = kFixture;
  request.z_m = {0.02};
  request.out_dir = dir / "a_file";
  request.quiet = true;
  EXPECT_THROW(run_reconstruct(request, Config{}), Error);
  request.out_dir = dir / "missing_parent" / "planes";
  EXPECT_THROW(run_reconstruct(request, Config{}), Error);
  request.out_dir = dir / "planes";
  request.hid = 4;
  EXPECT_THROW(run_reconstruct(request, Config{}), Error);
  request.hid = 1;
  request.z_m.clear();
  EXPECT_THROW(run_reconstruct(request, Config{}), Error);
}

}  // namespace
}  // namespace holodet::pipeline
