#include "holodet/io/hologram_input.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "holodet/io/image_file.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::TempDir;

TEST(ResolveOptics, ExplicitConfigBeatsTheFileWhichBeatsDefaults) {
  io::ArchiveOptics file;
  file.wavelength_m = 532e-9;
  file.pixel_pitch_x_m = 3e-6;
  RequestedOptics requested;
  requested.values.pixel_pitch_x_m = 4e-6;
  requested.explicit_keys.insert("optics.pixel_pitch_x_m");
  OpticsSources sources;
  const Optics optics = resolve_optics(file, requested, &sources);
  EXPECT_DOUBLE_EQ(optics.wavelength_m, 532e-9);
  EXPECT_EQ(sources.wavelength, ValueSource::kFile);
  EXPECT_DOUBLE_EQ(optics.pixel_pitch_x_m, 4e-6);
  EXPECT_EQ(sources.pixel_pitch, ValueSource::kConfig);
  EXPECT_DOUBLE_EQ(optics.pixel_pitch_y_m, 3e-6);  // dy absent: square pixels of the file's dx
  EXPECT_DOUBLE_EQ(optics.z_min_m, 0.014);
  EXPECT_EQ(sources.z_range, ValueSource::kDefault);
}

TEST(HologramInput, OpensArchivesAndImagesByContent) {
  TempDir dir;
  test::write_test_archive(dir / "a.nc", test::ArchiveSpec{2, 32, 16, 2, true});
  const HologramInput archive(dir / "a.nc", RequestedOptics{});
  EXPECT_EQ(archive.description().kind, InputKind::kArchive);
  EXPECT_EQ(archive.description().hologram_count, 2u);
  EXPECT_DOUBLE_EQ(archive.description().optics.z_min_m, 0.015);
  EXPECT_EQ(archive.read(2).at(3, 4), test::pattern_value(2, 3, 4));
  EXPECT_EQ(archive.particles().size(), 4u);

  std::vector<std::uint8_t> frame(32 * 16, 100);
  io::write_png_gray8(dir / "frame.data", 32, 16, frame);  // named oddly on purpose
  const HologramInput image(dir / "frame.data", RequestedOptics{});
  EXPECT_EQ(image.description().kind, InputKind::kImage);
  EXPECT_EQ(image.read(1).size_x, 32u);
  EXPECT_THROW(image.read(2), Error);
  EXPECT_EQ(image.particles().size(), 0u);
}

}  // namespace
}  // namespace holodet::io
