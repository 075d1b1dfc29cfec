#include "holodet/pipeline/synth_job.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "holodet/core/error.h"
#include "holodet/io/archive_reader.h"
#include "support/test_files.h"

namespace holodet::pipeline {
namespace {

using test::TempDir;

SynthRequest small_request(const std::filesystem::path& out, std::uint64_t seed) {
  SynthRequest request;
  request.out = out;
  request.holograms = 2;
  request.size_x = 160;  // not square: an x/y mix-up cannot pass
  request.size_y = 96;
  request.seed = seed;
  request.population.count = 4;
  request.population.d_max_um = 60;
  request.date_created = "27-Nov-2026";
  request.quiet = true;
  return request;
}

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

TEST(SynthJob, WritesThePublishedLayoutAndReadsBack) {
  TempDir dir;
  const SynthSummary summary = run_synth(small_request(dir / "s.nc", 11));
  EXPECT_EQ(summary.particles, 8u);
  const io::ArchiveReader reader(dir / "s.nc");
  EXPECT_EQ(reader.info().hologram_count, 2u);
  EXPECT_EQ(reader.info().size_x, 160u);
  EXPECT_EQ(reader.info().size_y, 96u);
  EXPECT_DOUBLE_EQ(*reader.info().optics.z_min_m, 0.014);
  const io::ParticleTable table = reader.read_particles();
  ASSERT_EQ(table.size(), 8u);
  EXPECT_EQ(table.for_hologram(2).size(), 4u);
  for (std::size_t k = 0; k < table.size(); ++k) {
    EXPECT_GE(table.z_um[k], 14000);
    EXPECT_LE(table.z_um[k], 158000);
    EXPECT_LE(table.d_um[k], 60);
  }
  const io::Hologram hologram = reader.read_hologram(2);
  double mean = 0;
  for (std::uint16_t c : hologram.counts) {
    mean += c;
  }
  EXPECT_NEAR(mean / hologram.counts.size(), 128, 8);  // half scale, a little beam and shadow
  EXPECT_EQ(reader.global_attributes().size(), 33u);   // the published 29 + 4 of holodet's

  if (std::string(HOLODET_NETCDF_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with netCDF4 and xarray (HOLODET_PYTHON)";
  }
  const auto check =
      test::run_shell(std::string(HOLODET_NETCDF_PYTHON) + " " + HOLODET_SOURCE_DIR +
                      "/tests/netcdf_compat/check_netcdf.py archive " + (dir / "s.nc").string() +
                      " --holograms 2 --nx 160 --ny 96 --count 8 --expect-global Nbits=8"
                      " --expect-global DateCreated=27-Nov-2026");
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

TEST(SynthJob, SameSeedSameBytesOtherSeedOtherParticles) {
  TempDir dir;
  run_synth(small_request(dir / "a.nc", 5));
  run_synth(small_request(dir / "b.nc", 5));
  run_synth(small_request(dir / "c.nc", 6));
  EXPECT_TRUE(bytes_of(dir / "a.nc") == bytes_of(dir / "b.nc")) << "the two files differ";
  const io::ParticleTable a = io::ArchiveReader(dir / "a.nc").read_particles();
  const io::ParticleTable c = io::ArchiveReader(dir / "c.nc").read_particles();
  EXPECT_NE(a.x_um, c.x_um);
}

TEST(SynthJob, SixteenBitAndIceCrystals) {
  TempDir dir;
  SynthRequest request = small_request(dir / "ice.nc", 3);
  request.sensor.nbits = 16;
  request.population.ellipse_fraction = 1;
  run_synth(request);
  const io::ArchiveReader reader(dir / "ice.nc");
  EXPECT_EQ(reader.info().bits_per_sample, 16);
  const io::ParticleTable table = reader.read_particles();
  bool has_aspect = false;
  for (const io::ParticleColumn& column : table.extra) {
    has_aspect = has_aspect || column.name == "aspect";
  }
  EXPECT_TRUE(has_aspect);
}

TEST(SynthJob, BadRequestsLeaveNoFile) {
  TempDir dir;
  SynthRequest request = small_request(dir / "bad.nc", 1);
  request.population.count = 400;
  request.population.min_separation_um = 200;
  EXPECT_THROW(run_synth(request), Error);
  request = small_request(dir / "bad.txt", 1);
  EXPECT_THROW(run_synth(request), Error);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace holodet::pipeline
