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
  test::write_text(dir / "header.csv", "x,y,z\n1,2,3\n");  // no hid, no d
  EXPECT_THROW(read_particles(dir / "header.csv"), Error);
  test::write_text(dir / "hid.csv", "hid,x,y,z,d\n0,1,2,3,4\n");
  EXPECT_THROW(read_particles(dir / "hid.csv"), Error);
  EXPECT_THROW(read_particles(dir / "missing.csv"), Error);
  EXPECT_THROW(write_particles(dir / "p.txt", sample_table(), {}), Error);
}

// What a table covers survives both formats, holograms without particles included, and a
// table that does not say reads as covering nothing recorded.
TEST(ParticleFiles, TheHologramsATableCoversRoundTrip) {
  TempDir dir;
  ParticleTable table = sample_table();
  table.holograms = {1, 2, 3, 7};
  for (const char* name : {"p.csv", "p.nc"}) {
    write_particles(dir / name, table, {});
    EXPECT_EQ(read_particles(dir / name).holograms, (std::vector<int>{1, 2, 3, 7})) << name;
  }
  EXPECT_TRUE(read_particles(test::samples_dir() / "synth_1024_a.nc").holograms.empty());
  write_particles(dir / "unsaid.csv", sample_table(), {});
  EXPECT_TRUE(read_particles(dir / "unsaid.csv").holograms.empty());
}

// Columns are found by name in any order, with units in the name converted to um; a pandas
// index column and text columns are left out, numeric extras kept under their own names.
TEST(ParticleFiles, CsvColumnsAreFoundByNameWithTheirUnits) {
  TempDir dir;
  test::write_text(dir / "pandas.csv",
                   "# written by hand\n"
                   ",d (um),z_mm,Y_UM,x [um],hid,label,score\n"
                   "0,21.5,14.072,88.25,-1234.5,1,drop,0.9\n"
                   "1,300,157.928,-0.2,0.1,7,ice,0.5\n");
  const ParticleTable table = read_particles(dir / "pandas.csv");
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table.hid, (std::vector<int>{1, 7}));
  EXPECT_FLOAT_EQ(table.x_um[0], -1234.5f);
  EXPECT_FLOAT_EQ(table.y_um[0], 88.25f);
  EXPECT_FLOAT_EQ(table.z_um[0], 14072.0f);
  EXPECT_FLOAT_EQ(table.z_um[1], 157928.0f);
  EXPECT_FLOAT_EQ(table.d_um[1], 300.0f);
  ASSERT_EQ(table.extra.size(), 1u);  // the index and the text column are not kept
  EXPECT_EQ(table.extra[0].name, "score");
  EXPECT_FLOAT_EQ(table.extra[0].values[1], 0.5f);
  test::write_text(dir / "diameter.csv", "hologram,x,y,z,diameter\n2,1,2,3,4\n");
  EXPECT_FLOAT_EQ(read_particles(dir / "diameter.csv").d_um[0], 4.0f);
  const struct {
    const char* text;
    const char* message;
  } refused[] = {
      {"hid,x,y,z\n1,2,3,4\n", "no column d"},
      {"hid,x,y,z,d,x_um\n1,2,3,4,5,6\n", "two columns name x"},
      {"hid,x (px),y,z,d\n1,2,3,4,5\n", "unknown unit 'px'"},
      {"hid,x,y,z,d\n1.5,2,3,4,5\n", "not a 1-based hologram id"},
  };
  for (const auto& [text, message] : refused) {
    test::write_text(dir / "bad.csv", text);
    try {
      read_particles(dir / "bad.csv");
      ADD_FAILURE() << text;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find("bad.csv"), std::string::npos) << error.what();
    }
  }
}

}  // namespace
}  // namespace holodet::io
