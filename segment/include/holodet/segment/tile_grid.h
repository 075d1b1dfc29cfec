#pragma once
// Which square tiles cover a frame. The network's cost is planes × tiles, so the segmenter's
// input is a list of (plane, tile) work items built from this grid: later stages can drop the
// items that need no network pass.

#include <cstddef>
#include <vector>

namespace holodet::segment {

struct TileOrigin {
  std::size_t x0 = 0;  // first pixel along x (the frame's slower axis)
  std::size_t y0 = 0;  // first pixel along y
};

// Tile origins along one axis: 0, step, 2·step, ... while the tile fits, then one last tile
// anchored to the far edge so every pixel is covered (the reference's rule). A frame smaller
// than the tile gives one tile at 0 (the caller pads). Throws bad_input for tile or step 0 or
// step > tile (pixels would be skipped).
std::vector<std::size_t> tile_starts(std::size_t extent, std::size_t tile, std::size_t step);

struct TileGrid {
  std::size_t tile_size = 0;
  std::vector<std::size_t> x_starts;
  std::vector<std::size_t> y_starts;

  std::size_t size() const { return x_starts.size() * y_starts.size(); }
  TileOrigin at(std::size_t index) const {
    return {x_starts[index / y_starts.size()], y_starts[index % y_starts.size()]};
  }
};

TileGrid make_tile_grid(std::size_t size_x, std::size_t size_y, std::size_t tile, std::size_t step);

// One network pass: tile `tile` of plane `plane`.
struct WorkItem {
  std::size_t plane = 0;
  std::size_t tile = 0;
};

// Every (plane, tile) pair, plane-major: the dense schedule, before any pruning.
std::vector<WorkItem> all_work_items(std::size_t plane_count, const TileGrid& grid);

}  // namespace holodet::segment
