// Every kind of bad archive gets a bad_input error that names the file and the problem.
#include <gtest/gtest.h>

#include <cmath>
#include <span>

#include "holodet/core/error.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/netcdf_writer.h"
#include "holodet/io/particle_files.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::TempDir;

// Returns the bad_input message of opening `path` (and reading hologram `hid` if it opens).
std::string open_error(const std::filesystem::path& path, int hid = 1) {
  try {
    const ArchiveReader reader(path);
    reader.read_hologram(hid);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput) << error.what();
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    return error.what();
  }
  ADD_FAILURE() << path << " opened without error";
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(BrokenArchive, MissingFile) {
  TempDir dir;
  EXPECT_TRUE(contains(open_error(dir / "absent.nc"), "no such file"));
}

TEST(BrokenArchive, NotHdf5) {
  TempDir dir;
  test::write_text(dir / "notes.nc", "this is not a hologram archive\n");
  EXPECT_TRUE(contains(open_error(dir / "notes.nc"), "not an HDF5/NetCDF4 file"));
  test::write_text(dir / "empty.nc", "");
  EXPECT_TRUE(contains(open_error(dir / "empty.nc"), "empty"));
  test::write_text(dir / "classic.nc", std::string("CDF\x01", 4) + std::string(64, '\0'));
  EXPECT_TRUE(contains(open_error(dir / "classic.nc"), "NetCDF3"));
}

TEST(BrokenArchive, NoImageVariable) {
  TempDir dir;
  test::write_hdf5_with_dataset(dir / "other.h5", "temperature", {10});
  EXPECT_TRUE(contains(open_error(dir / "other.h5"), "no 'image' variable"));
}

TEST(BrokenArchive, WrongRank) {
  TempDir dir;
  test::write_hdf5_with_dataset(dir / "flat.nc", "image", {64, 48});
  EXPECT_TRUE(contains(open_error(dir / "flat.nc"), "rank 2"));
}

TEST(BrokenArchive, ZeroSize) {
  TempDir dir;
  test::write_hdf5_with_dataset(dir / "zero.nc", "image", {0, 64, 48});
  EXPECT_TRUE(contains(open_error(dir / "zero.nc"), "zero size"));
  test::write_hdf5_with_dataset(dir / "zero_x.nc", "image", {2, 0, 48});
  EXPECT_TRUE(contains(open_error(dir / "zero_x.nc"), "zero size"));
}

TEST(BrokenArchive, HologramIndexOutOfRange) {
  TempDir dir;
  test::write_test_archive(dir / "a.nc", test::ArchiveSpec{2, 16, 16, 1, true});
  EXPECT_TRUE(contains(open_error(dir / "a.nc", 3), "hologram 3 out of range"));
  EXPECT_TRUE(contains(open_error(dir / "a.nc", 0), "hologram 0 out of range"));
}

TEST(BrokenArchive, TruncatedFile) {
  TempDir dir;
  test::write_test_archive(dir / "whole.nc", test::ArchiveSpec{4, 256, 128, 2, true});
  const auto size = std::filesystem::file_size(dir / "whole.nc");
  for (const double fraction : {0.9, 0.5, 0.1}) {
    const auto cut = dir / ("cut" + std::to_string(fraction) + ".nc");
    test::write_truncated_copy(dir / "whole.nc", cut, static_cast<std::uintmax_t>(size * fraction));
    const std::string message = open_error(cut, 4);
    EXPECT_FALSE(message.empty()) << fraction;
  }
  test::write_truncated_copy(dir / "whole.nc", dir / "head.nc", 8);
  EXPECT_FALSE(open_error(dir / "head.nc").empty());
}

TEST(BrokenArchive, FloatImagesAreRefused) {
  TempDir dir;
  // A float image is not camera counts; the file is built with the writer to be valid HDF5.
  io::NetcdfWriter writer(dir / "float.nc");
  writer.define_dimension("hologram_number", 1);
  writer.define_dimension("xsize", 4);
  writer.define_dimension("ysize", 4);
  writer.define_variable(
      {"image", ValueType::kFloat32, {"hologram_number", "xsize", "ysize"}, {}, 0, {}});
  writer.commit();
  EXPECT_TRUE(contains(open_error(dir / "float.nc"), "not unsigned integers"));
}

TEST(BrokenArchive, SizeAttributesThatContradictTheImage) {
  TempDir dir;
  io::NetcdfWriter writer(dir / "liar.nc");
  writer.define_dimension("hologram_number", 1);
  writer.define_dimension("xsize", 8);
  writer.define_dimension("ysize", 6);
  writer.define_variable(
      {"image", ValueType::kUint8, {"hologram_number", "xsize", "ysize"}, {}, 0, {}});
  writer.set_global_attribute("Nx", 6.0);  // x and y swapped by the writer
  writer.set_global_attribute("Ny", 8.0);
  writer.commit();
  EXPECT_TRUE(contains(open_error(dir / "liar.nc"), "disagrees with the image size"));
}

// A particle table with NaN, infinite or fractional hologram ids, or NaN positions, is refused
// naming the file, the particle and the value, never read as hid -2147483648.
TEST(BrokenArchive, ParticleTablesWithNonNumbersAreRefused) {
  TempDir dir;
  const auto write = [&](const std::filesystem::path& path, double hid, float z) {
    io::NetcdfWriter writer(path);
    writer.define_dimension("particle", 2);
    writer.define_variable({"hid", ValueType::kFloat64, {"particle"}, {}, 0, {}});
    for (const char* name : {"x", "y", "z", "d"}) {
      writer.define_variable({name, ValueType::kFloat32, {"particle"}, {}, 0, {}});
    }
    const std::vector<double> hids{1, hid};
    writer.write("hid", std::span<const double>(hids));
    const std::vector<float> good{1, 2};
    const std::vector<float> zs{30000, z};
    writer.write("x", std::span<const float>(good));
    writer.write("y", std::span<const float>(good));
    writer.write("z", std::span<const float>(zs));
    writer.write("d", std::span<const float>(good));
    writer.commit();
  };
  const struct {
    double hid;
    float z;
    const char* message;
  } cases[] = {{std::nan(""), 40000, "hid nan"},
               {INFINITY, 40000, "hid inf"},
               {2.5, 40000, "hid 2.5"},
               {2, std::nanf(""), "z is nan"}};
  for (const auto& c : cases) {
    write(dir / "table.nc", c.hid, c.z);
    try {
      io::read_particles(dir / "table.nc");
      ADD_FAILURE() << c.message;
    } catch (const Error& error) {
      EXPECT_TRUE(contains(error.what(), c.message)) << error.what();
      EXPECT_TRUE(contains(error.what(), "table.nc: particle 1")) << error.what();
    }
  }
}

}  // namespace
}  // namespace holodet::io
