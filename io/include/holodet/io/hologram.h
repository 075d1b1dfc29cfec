#pragma once
// One hologram in host memory, as the camera recorded it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace holodet::io {

// The smallest frame read as a hologram, a side in pixels: smaller is not a camera frame
// (a 1 x 1 PNG, an icon) and could not be tiled or propagated meaningfully.
inline constexpr std::size_t kMinimumFramePx = 16;

// Layout: [x][y], x the slower axis, exactly as HOLODEC archives store `image`
// (index = i * size_y + j for pixel i along x, j along y). PNG/TIFF files, whose rows are y,
// are transposed into this layout when read, so every stage sees one convention.
struct Hologram {
  int hid = 1;                        // 1-based hologram id, as in the archives
  std::size_t size_x = 0;             // Nx
  std::size_t size_y = 0;             // Ny
  int bits_per_sample = 8;            // 8 or 16: the counts' range
  std::vector<std::uint16_t> counts;  // size_x * size_y camera counts
  std::string source;                 // "file.nc, hologram 3" or "frame.png": for messages

  std::uint16_t at(std::size_t i, std::size_t j) const { return counts[i * size_y + j]; }
};

}  // namespace holodet::io
