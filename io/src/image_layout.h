#pragma once
// Private to io/: transposition between image files' row-major [y][x] and holodet's [x][y].

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "holodet/core/error.h"
#include "holodet/core/memory_limits.h"
#include "holodet/io/hologram.h"

namespace holodet::io {

// [x][y] (size_x * size_y) to rows of y: out[j * size_x + i] = in[i * size_y + j].
template <typename T>
std::vector<T> to_row_major(std::span<const T> values, std::size_t size_x, std::size_t size_y) {
  std::vector<T> rows(values.size());
  for (std::size_t i = 0; i < size_x; ++i) {
    for (std::size_t j = 0; j < size_y; ++j) {
      rows[j * size_x + i] = values[i * size_y + j];
    }
  }
  return rows;
}

// Rows of width `width` (x) and `height` (y) to [x][y], converting the element type.
template <typename Out, typename In>
std::vector<Out> to_column_major(const std::vector<In>& rows, std::size_t width,
                                 std::size_t height) {
  std::vector<Out> values(rows.size());
  for (std::size_t j = 0; j < height; ++j) {
    for (std::size_t i = 0; i < width; ++i) {
      values[i * height + j] = static_cast<Out>(rows[j * width + i]);
    }
  }
  return values;
}

inline void check_frame_size(const std::filesystem::path& path, std::size_t size_x,
                             std::size_t size_y, std::size_t count) {
  if (size_x == 0 || size_y == 0 || count != size_x * size_y) {
    throw bad_input(path.string() + ": cannot write a " + std::to_string(size_x) + " x " +
                    std::to_string(size_y) + " image from " + std::to_string(count) + " values");
  }
}

// A hologram image's frame, refused before its pixels are decoded when it is too small to be
// a hologram (under 16 px a side) or too large for this machine's memory (the decoded rows
// and the counts: 4 bytes a pixel).
inline void check_hologram_frame(const std::filesystem::path& path, std::size_t size_x,
                                 std::size_t size_y) {
  if (size_x < kMinimumFramePx || size_y < kMinimumFramePx) {
    throw bad_input(path.string() + ": " + std::to_string(size_x) + " x " + std::to_string(size_y) +
                    " px is too small for a hologram (at least " + std::to_string(kMinimumFramePx) +
                    " x " + std::to_string(kMinimumFramePx) + ")");
  }
  check_fits_in_memory(path.string(), size_x, size_y, 4.0, "an image");
}

Hologram read_png_hologram(const std::filesystem::path& path);
Hologram read_tiff_hologram(const std::filesystem::path& path);

}  // namespace holodet::io
