#include "holodet/segment/stitching.h"

#include <algorithm>
#include <string>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

// For each pixel along an axis, the start whose tile holds it farthest from the tile's edges.
// Ties go to the earlier tile, so ownership is deterministic.
std::vector<std::size_t> owners(std::size_t extent, std::size_t tile,
                                const std::vector<std::size_t>& starts) {
  std::vector<std::size_t> owner(extent);
  for (std::size_t p = 0; p < extent; ++p) {
    long long best_margin = -1;
    for (std::size_t k = 0; k < starts.size(); ++k) {
      if (p < starts[k] || p >= starts[k] + tile) {
        continue;
      }
      const auto margin = static_cast<long long>(std::min(p - starts[k], starts[k] + tile - 1 - p));
      if (margin > best_margin) {
        best_margin = margin;
        owner[p] = k;
      }
    }
    if (best_margin < 0) {
      throw bad_input("tiling: pixel " + std::to_string(p) + " of " + std::to_string(extent) +
                      " is in no tile");
    }
  }
  return owner;
}

}  // namespace

TileStitcher::TileStitcher(const TileGrid& grid, std::size_t size_x, std::size_t size_y)
    : grid_(grid),
      size_x_(size_x),
      size_y_(size_y),
      owner_x_(owners(size_x, grid.tile_size, grid.x_starts)),
      owner_y_(owners(size_y, grid.tile_size, grid.y_starts)) {}

void TileStitcher::cut(std::span<const float> frame, std::size_t tile,
                       std::span<float> tile_values) const {
  const std::size_t t = grid_.tile_size;
  const TileOrigin origin = grid_.at(tile);
  for (std::size_t a = 0; a < t; ++a) {
    const std::size_t i = std::min(origin.x0 + a, size_x_ - 1);  // repeat the edge beyond
    for (std::size_t b = 0; b < t; ++b) {
      const std::size_t j = std::min(origin.y0 + b, size_y_ - 1);
      tile_values[a * t + b] = frame[i * size_y_ + j];
    }
  }
}

void TileStitcher::place(std::size_t tile, std::span<const float> tile_values,
                         std::span<float> frame) const {
  const std::size_t t = grid_.tile_size;
  const std::size_t ix = tile / grid_.y_starts.size(), iy = tile % grid_.y_starts.size();
  const TileOrigin origin = grid_.at(tile);
  const std::size_t i_end = std::min(origin.x0 + t, size_x_);
  const std::size_t j_end = std::min(origin.y0 + t, size_y_);
  for (std::size_t i = origin.x0; i < i_end; ++i) {
    if (owner_x_[i] != ix) {
      continue;
    }
    for (std::size_t j = origin.y0; j < j_end; ++j) {
      if (owner_y_[j] == iy) {
        frame[i * size_y_ + j] = tile_values[(i - origin.x0) * t + (j - origin.y0)];
      }
    }
  }
}

}  // namespace holodet::segment
