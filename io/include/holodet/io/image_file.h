#pragma once
// Single frames as image files: a hologram from the camera's PNG or TIFF, and planes the
// pipeline writes for people to look at. Image files put y along rows and x along columns
// (PNG/TIFF convention); in memory frames are [x][y] (holodet/io/hologram.h), so these
// functions transpose on the way in and out.

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "holodet/io/hologram.h"

namespace holodet::io {

// Reads an 8- or 16-bit single-channel PNG or (strip-organised) TIFF, chosen by the file's
// signature, not its name. Throws bad_input naming the file when it is missing, damaged,
// in colour, or of another depth. The result has hid 1.
Hologram read_hologram_image(const std::filesystem::path& path);

// A float32 single-channel TIFF read back (for tests and tools that inspect written planes).
struct FloatFrame {
  std::size_t size_x = 0;
  std::size_t size_y = 0;
  std::vector<float> values;  // [x][y]
};
FloatFrame read_float_tiff(const std::filesystem::path& path);

// Writers take [x][y] data of size_x * size_y values and write atomically.
void write_png_gray8(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                     std::span<const std::uint8_t> values);
void write_png_gray16(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                      std::span<const std::uint16_t> values);
// A colour picture (plots, overlays), already in image order: `rgb_rows` holds `height` rows
// top to bottom, each `width` pixels of R, G, B bytes. Not a frame, so not transposed.
void write_png_rgb8(const std::filesystem::path& path, std::size_t width, std::size_t height,
                    std::span<const std::uint8_t> rgb_rows);
void write_tiff_gray16(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                       std::span<const std::uint16_t> values);
void write_tiff_float32(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                        std::span<const float> values);

}  // namespace holodet::io
