#include "holodet/io/atomic_output.h"

#include <gtest/gtest.h>

#include <fstream>

#include "holodet/core/error.h"
#include "holodet/io/netcdf_writer.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::TempDir;

std::string read_all(const std::filesystem::path& path) {
  std::ifstream file(path);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

TEST(AtomicOutput, CommitReplacesTheFinalFileWhole) {
  TempDir dir;
  test::write_text(dir / "out.csv", "old");
  {
    AtomicOutput output(dir / "out.csv");
    test::write_text(output.temp_path(), "new");
    EXPECT_EQ(read_all(dir / "out.csv"), "old");  // untouched until commit
    output.commit();
  }
  EXPECT_EQ(read_all(dir / "out.csv"), "new");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicOutput, AnAbandonedWriteLeavesTheOldFileAndNoTemporary) {
  TempDir dir;
  test::write_text(dir / "out.nc", "old");
  try {
    NetcdfWriter writer(dir / "out.nc");
    writer.define_dimension("particle", 3);
    throw std::runtime_error("the run failed half-way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read_all(dir / "out.nc"), "old");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicOutput, AMissingFolderIsBadInput) {
  TempDir dir;
  try {
    AtomicOutput output(dir / "nowhere" / "out.csv");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("does not exist"), std::string::npos);
  }
  EXPECT_THROW(AtomicOutput(dir.path()), Error);  // a folder is not a file
}

}  // namespace
}  // namespace holodet::io
