#include "holodet/io/archive_reader.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::ArchiveSpec;
using test::TempDir;

TEST(ArchiveReader, DescribesAnArchiveWrittenInThePublishedLayout) {
  TempDir dir;
  const ArchiveSpec spec{3, 40, 24, 4, true};
  test::write_test_archive(dir / "a.nc", spec);
  const ArchiveReader reader(dir / "a.nc");
  const ArchiveInfo& info = reader.info();
  EXPECT_EQ(info.hologram_count, 3u);
  EXPECT_EQ(info.size_x, 40u);
  EXPECT_EQ(info.size_y, 24u);
  EXPECT_EQ(info.bits_per_sample, 8);
  ASSERT_TRUE(info.optics.z_min_m.has_value());
  EXPECT_DOUBLE_EQ(*info.optics.z_min_m, 0.015);
  EXPECT_DOUBLE_EQ(*info.optics.wavelength_m, 355e-9);
  EXPECT_TRUE(info.has_particles);
  EXPECT_EQ(info.particle_count, 12u);
}

TEST(ArchiveReader, ReadsOneHologramInTheXYStorageOrder) {
  TempDir dir;
  const ArchiveSpec spec{3, 40, 24, 1, true};
  test::write_test_archive(dir / "a.nc", spec);
  const ArchiveReader reader(dir / "a.nc");
  for (int hid = 1; hid <= 3; ++hid) {
    const Hologram hologram = reader.read_hologram(hid);
    ASSERT_EQ(hologram.counts.size(), 40u * 24u);
    EXPECT_EQ(hologram.hid, hid);
    for (std::size_t i = 0; i < 40; i += 7) {
      for (std::size_t j = 0; j < 24; j += 5) {
        ASSERT_EQ(hologram.at(i, j), test::pattern_value(hid, i, j)) << hid << " " << i << " " << j;
      }
    }
  }
}

TEST(ArchiveReader, ReadsTheParticleTable) {
  TempDir dir;
  test::write_test_archive(dir / "a.nc", ArchiveSpec{2, 16, 16, 3, true});
  const ParticleTable table = ArchiveReader(dir / "a.nc").read_particles();
  ASSERT_EQ(table.size(), 6u);
  EXPECT_EQ(table.hid[4], 2);
  EXPECT_FLOAT_EQ(table.x_um[4], 21.0f);
  EXPECT_FLOAT_EQ(table.y_um[4], -1.0f);
  EXPECT_FLOAT_EQ(table.z_um[4], 20100.0f);
  EXPECT_FLOAT_EQ(table.d_um[4], 31.0f);
  EXPECT_EQ(table.for_hologram(2).size(), 3u);
}

TEST(ArchiveReader, FlightArchivesWithoutZRangeFallBackToHolodecDefaults) {
  TempDir dir;
  ArchiveSpec spec;
  spec.with_z_range = false;
  test::write_test_archive(dir / "flight.nc", spec);
  const ArchiveReader reader(dir / "flight.nc");
  EXPECT_FALSE(reader.info().optics.z_min_m.has_value());
  const Optics optics = reader.info().optics.with_defaults();
  EXPECT_DOUBLE_EQ(optics.z_min_m, 0.014);
  EXPECT_DOUBLE_EQ(optics.z_max_m, 0.158);
}

// Flight archives time their particles (`t`); a hologram's time is its particles' median,
// read as float64 (seconds since 1970 lose a minute in float32).
TEST(ArchiveReader, HologramTimesComeFromTheParticlesTimes) {
  TempDir dir;
  ArchiveSpec spec{3, 16, 16, 3, true};
  test::write_test_archive(dir / "plain.nc", spec);
  EXPECT_FALSE(ArchiveReader(dir / "plain.nc").hologram_times().has_value());
  spec.with_particle_times = true;
  test::write_test_archive(dir / "flight.nc", spec);
  const std::optional<ArchiveTimes> times = ArchiveReader(dir / "flight.nc").hologram_times();
  ASSERT_TRUE(times.has_value());
  EXPECT_EQ(times->units, "seconds since 1970-01-01 00:00:00");
  EXPECT_NE(times->source.find("particle t"), std::string::npos);
  ASSERT_EQ(times->per_hologram.size(), 3u);
  for (int h = 1; h <= 3; ++h) {
    EXPECT_DOUBLE_EQ(times->per_hologram[static_cast<std::size_t>(h - 1)], 1.4e9 + 0.5 * h + 0.001);
  }
}

// The committed fixture was written by the netCDF library itself
// (scripts/make-netcdf-fixture.py), like the published archives: the reader must agree with it.
TEST(ArchiveReader, ReadsTheNetcdfLibraryWrittenFixture) {
  const ArchiveReader reader(test::samples_dir() / "holodec_fixture_512x384.nc");
  const ArchiveInfo& info = reader.info();
  EXPECT_EQ(info.hologram_count, 3u);
  EXPECT_EQ(info.size_x, 512u);
  EXPECT_EQ(info.size_y, 384u);
  EXPECT_EQ(info.particle_count, 36u);
  EXPECT_DOUBLE_EQ(*info.optics.z_max_m, 0.158);
  const ParticleTable table = reader.read_particles();
  EXPECT_EQ(table.for_hologram(3).size(), 12u);
  bool has_n0 = false;
  for (const ParticleColumn& column : table.extra) {
    has_n0 = has_n0 || column.name == "n0";
  }
  EXPECT_TRUE(has_n0);
  const Hologram hologram = reader.read_hologram(2);
  double mean = 0;
  for (std::uint16_t count : hologram.counts) {
    mean += count;
  }
  mean /= static_cast<double>(hologram.counts.size());
  EXPECT_GT(mean, 90);  // background near half of full scale
  EXPECT_LT(mean, 160);
  EXPECT_EQ(reader.global_attributes().size(), 29u);
}

}  // namespace
}  // namespace holodet::io
