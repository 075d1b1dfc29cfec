#pragma once
// Cutting a frame into the tiles of a TileGrid and stitching per-tile results back. With
// overlapping tiles, each pixel takes its value from the tile in which it is most central
// (farthest from that tile's edges, where a network sees least context), so there are no seams
// and every pixel is written exactly once. Frames and tiles are [x][y] (x the slower axis).
// A frame smaller than the tile along an axis is padded by repeating its edge when cut; the
// padding is never stitched back.

#include <cstddef>
#include <span>
#include <vector>

#include "holodet/segment/tile_grid.h"

namespace holodet::segment {

class TileStitcher {
 public:
  // Throws bad_input when the grid does not cover a size_x × size_y frame.
  TileStitcher(const TileGrid& grid, std::size_t size_x, std::size_t size_y);

  // Copies tile `tile` of `frame` into `tile_values` (tile_size² values).
  void cut(std::span<const float> frame, std::size_t tile, std::span<float> tile_values) const;

  // Writes the pixels that tile `tile` owns from `tile_values` into `frame`.
  void place(std::size_t tile, std::span<const float> tile_values, std::span<float> frame) const;

  const TileGrid& grid() const { return grid_; }

 private:
  TileGrid grid_;
  std::size_t size_x_;
  std::size_t size_y_;
  std::vector<std::size_t> owner_x_;  // for each i, the index into grid_.x_starts that owns it
  std::vector<std::size_t> owner_y_;
};

}  // namespace holodet::segment
