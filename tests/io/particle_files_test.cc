#include "holodet/io/particle_files.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::TempDir;

ParticleTable sample_table() {
  ParticleTable table;
  table.append(1, -1234.5f, 88.25f, 14072.0f, 21.5f);
  table.append(1, 0.1f, -0.2f, 157928.0f, 300.0f);
  table.append(7, 3.14159274f, 2.71828175f, 50000.0f, 9.75f);
  table.extra.push_back({"score", "1", {0.9f, 0.55f, 1.0f}});
  table.extra.push_back({"planes", "1", {7, 3, 1}});
  return table;
}

TEST(ParticleFiles, CsvRoundTripsFloat32Exactly) {
  TempDir dir;
  write_particles(dir / "p.csv", sample_table(), {});
  test::expect_same_particles(read_particles(dir / "p.csv"), sample_table());
}

TEST(ParticleFiles, NetcdfRoundTripsThroughOurReader) {
  TempDir dir;
  write_particles(dir / "p.nc", sample_table(), {{"method", std::string("classic")}});
  test::expect_same_particles(read_particles(dir / "p.nc"), sample_table());
}

TEST(ParticleFiles, NetcdfOpensWithPythonNetcdf4AndXarray) {
  if (std::string(HOLODET_NETCDF_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with netCDF4 and xarray (HOLODET_PYTHON)";
  }
  TempDir dir;
  write_particles(dir / "p.nc", sample_table(),
                  {{"method", std::string("classic")},
                   {"wavelength_m", 355e-9},
                   {"planes", std::int64_t{1000}},
                   {"command_line", std::string("holodet detect x.nc --out p.nc")}});
  const auto result = test::run_shell(
      std::string(HOLODET_NETCDF_PYTHON) + " " + HOLODET_SOURCE_DIR +
      "/tests/netcdf_compat/check_netcdf.py particles " + (dir / "p.nc").string() +
      " --count 3 --expect-global method=classic --expect-global wavelength_m=3.55e-07"
      " --expect-global planes=1000");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(ParticleFiles, AnEmptyTableIsAValidFile) {
  TempDir dir;
  write_particles(dir / "none.nc", ParticleTable{}, {});
  write_particles(dir / "none.csv", ParticleTable{}, {});
  EXPECT_EQ(read_particles(dir / "none.nc").size(), 0u);
  EXPECT_EQ(read_particles(dir / "none.csv").size(), 0u);
}

TEST(ParticleFiles, BadCsvIsRejectedWithFileAndLine) {
  TempDir dir;
  test::write_text(dir / "bad.csv", "hid,x,y,z,d\n1,2,3,4,5\n1,2,oops,4,5\n");
  try {
    read_particles(dir / "bad.csv");
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("bad.csv:3"), std::string::npos) << error.what();
  }
  test::write_text(dir / "header.csv", "x,y,z\n1,2,3\n");
  EXPECT_THROW(read_particles(dir / "header.csv"), Error);
  test::write_text(dir / "hid.csv", "hid,x,y,z,d\n0,1,2,3,4\n");
  EXPECT_THROW(read_particles(dir / "hid.csv"), Error);
  EXPECT_THROW(read_particles(dir / "missing.csv"), Error);
  EXPECT_THROW(write_particles(dir / "p.txt", sample_table(), {}), Error);
}

}  // namespace
}  // namespace holodet::io
