#include "holodet/io/image_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::TempDir;

// A non-square frame so a transposition mistake cannot pass.
constexpr std::size_t kSizeX = 37;
constexpr std::size_t kSizeY = 21;

template <typename T>
std::vector<T> ramp(int scale) {
  std::vector<T> values(kSizeX * kSizeY);
  for (std::size_t i = 0; i < kSizeX; ++i) {
    for (std::size_t j = 0; j < kSizeY; ++j) {
      values[i * kSizeY + j] = static_cast<T>((i * 5 + j * 11) * scale % 65521);
    }
  }
  return values;
}

std::string read_error(const std::filesystem::path& path) {
  try {
    read_hologram_image(path);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    return error.what();
  }
  ADD_FAILURE() << path << " was read";
  return "";
}

TEST(ImageFile, Png8RoundTripsAndKeepsXAlongColumns) {
  TempDir dir;
  const auto values = ramp<std::uint8_t>(1);
  write_png_gray8(dir / "h.png", kSizeX, kSizeY, values);
  const Hologram hologram = read_hologram_image(dir / "h.png");
  EXPECT_EQ(hologram.size_x, kSizeX);
  EXPECT_EQ(hologram.size_y, kSizeY);
  EXPECT_EQ(hologram.bits_per_sample, 8);
  EXPECT_EQ(hologram.counts, std::vector<std::uint16_t>(values.begin(), values.end()));
}

TEST(ImageFile, Png16RoundTripsExactly) {
  TempDir dir;
  const auto values = ramp<std::uint16_t>(97);
  write_png_gray16(dir / "h16.png", kSizeX, kSizeY, values);
  const Hologram hologram = read_hologram_image(dir / "h16.png");
  EXPECT_EQ(hologram.bits_per_sample, 16);
  EXPECT_EQ(hologram.counts, values);
}

TEST(ImageFile, Tiff16AndFloat32RoundTripExactly) {
  TempDir dir;
  const auto counts = ramp<std::uint16_t>(131);
  write_tiff_gray16(dir / "h.tif", kSizeX, kSizeY, counts);
  const Hologram hologram = read_hologram_image(dir / "h.tif");
  EXPECT_EQ(hologram.counts, counts);
  EXPECT_EQ(hologram.size_x, kSizeX);

  std::vector<float> plane(kSizeX * kSizeY);
  for (std::size_t k = 0; k < plane.size(); ++k) {
    plane[k] = 0.001f * static_cast<float>(k) - 0.3f;
  }
  write_tiff_float32(dir / "plane.tif", kSizeX, kSizeY, plane);
  const FloatFrame frame = read_float_tiff(dir / "plane.tif");
  EXPECT_EQ(frame.size_x, kSizeX);
  EXPECT_EQ(frame.size_y, kSizeY);
  EXPECT_EQ(frame.values, plane);
  EXPECT_THROW(read_hologram_image(dir / "plane.tif"), Error);  // floats are not counts
}

TEST(ImageFile, UnreadableImagesAreBadInputNamingTheFile) {
  TempDir dir;
  write_png_gray8(dir / "good.png", kSizeX, kSizeY, ramp<std::uint8_t>(1));
  test::write_truncated_copy(dir / "good.png", dir / "cut.png",
                             std::filesystem::file_size(dir / "good.png") / 2);
  EXPECT_NE(read_error(dir / "cut.png").find("PNG"), std::string::npos);

  write_tiff_gray16(dir / "good.tif", kSizeX, kSizeY, ramp<std::uint16_t>(3));
  test::write_truncated_copy(dir / "good.tif", dir / "cut.tif", 100);
  EXPECT_FALSE(read_error(dir / "cut.tif").empty());

  test::write_text(dir / "text.png", "hello, not an image");
  EXPECT_NE(read_error(dir / "text.png").find("not a PNG or TIFF"), std::string::npos);
  EXPECT_NE(read_error(dir / "missing.png").find("no such file"), std::string::npos);
}

// The IHDR chunk follows the 8-byte signature: length, "IHDR", width and height (big-endian),
// bit depth, colour type (2: RGB).
TEST(ImageFile, PngRgbHasTheGivenSizeAndIsRefusedAsAHologram) {
  TempDir dir;
  constexpr std::size_t kWidth = 300;
  constexpr std::size_t kHeight = 7;
  std::vector<std::uint8_t> rgb(kWidth * kHeight * 3);
  for (std::size_t k = 0; k < rgb.size(); ++k) {
    rgb[k] = static_cast<std::uint8_t>(k * 13);
  }
  write_png_rgb8(dir / "c.png", kWidth, kHeight, rgb);
  std::ifstream file(dir / "c.png", std::ios::binary);
  std::vector<unsigned char> head(26);
  file.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
  ASSERT_TRUE(file);
  const std::vector<unsigned char> signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  EXPECT_TRUE(std::equal(signature.begin(), signature.end(), head.begin()));
  EXPECT_EQ(std::string(head.begin() + 12, head.begin() + 16), "IHDR");
  const auto big_endian = [&](std::size_t at) {
    return (std::size_t{head[at]} << 24) | (std::size_t{head[at + 1]} << 16) |
           (std::size_t{head[at + 2]} << 8) | std::size_t{head[at + 3]};
  };
  EXPECT_EQ(big_endian(16), kWidth);
  EXPECT_EQ(big_endian(20), kHeight);
  EXPECT_EQ(head[24], 8);  // bits per channel
  EXPECT_EQ(head[25], 2);  // truecolour
  EXPECT_NE(read_error(dir / "c.png").find("colour"), std::string::npos);

  EXPECT_THROW(write_png_rgb8(dir / "short.png", kWidth, kHeight, std::span(rgb).first(10)), Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "short.png"));
}

TEST(ImageFile, WritingNeverLeavesAPartialFile) {
  TempDir dir;
  const auto values = ramp<std::uint8_t>(1);
  EXPECT_THROW(write_png_gray8(dir / "bad.png", kSizeX, kSizeY + 1, values), Error);
  EXPECT_THROW(write_png_gray8(dir / "no_such_folder" / "x.png", kSizeX, kSizeY, values), Error);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

// A PNG chunk: length, type, data, CRC-32 (the PNG polynomial, bit by bit).
std::string png_chunk(const std::string& type, const std::string& data) {
  const std::string body = type + data;
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : body) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
  }
  crc ^= 0xffffffffu;
  const auto be32 = [](std::uint32_t value) {
    return std::string{static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                       static_cast<char>(value >> 8), static_cast<char>(value)};
  };
  return be32(static_cast<std::uint32_t>(data.size())) + body + be32(crc);
}

// A frame too large for this machine is refused from its header, before its pixels are
// decoded or a buffer is allocated; one too small to be a hologram likewise.
TEST(ImageFile, FramesThatCannotBeHologramsAreRefusedFromTheHeader) {
  TempDir dir;
  const auto header = [](std::uint32_t side) {
    std::string ihdr(13, '\0');
    for (int k = 0; k < 2; ++k) {
      for (int b = 0; b < 4; ++b) {
        ihdr[static_cast<std::size_t>(4 * k + b)] = static_cast<char>(side >> (24 - 8 * b));
      }
    }
    ihdr[8] = 8;  // 8-bit grayscale
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", std::string(8, '\0')) + png_chunk("IEND", "");
  };
  test::write_text(dir / "huge.png", header(200000));  // 4·10^10 px: 160 GB decoded
  try {
    read_hologram_image(dir / "huge.png");
    FAIL() << "a 200000 x 200000 frame was read";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("200000 x 200000 px needs about 160.0 GB"),
              std::string::npos)
        << error.what();
  }
  std::vector<std::uint8_t> tiny(15 * 40, 7);
  write_png_gray8(dir / "narrow.png", 15, 40, tiny);
  EXPECT_THROW(read_hologram_image(dir / "narrow.png"), Error);
}

}  // namespace
}  // namespace holodet::io
