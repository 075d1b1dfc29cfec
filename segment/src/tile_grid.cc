#include "holodet/segment/tile_grid.h"

#include <string>

#include "holodet/core/error.h"

namespace holodet::segment {

std::vector<std::size_t> tile_starts(std::size_t extent, std::size_t tile, std::size_t step) {
  if (tile == 0 || step == 0 || step > tile) {
    throw bad_input("tiling: tile " + std::to_string(tile) + " px with step " +
                    std::to_string(step) + " px: need 0 < step <= tile");
  }
  if (extent <= tile) {
    return {0};
  }
  std::vector<std::size_t> starts;
  for (std::size_t start = 0; start + tile <= extent; start += step) {
    starts.push_back(start);
  }
  if (starts.back() + tile < extent) {
    starts.push_back(extent - tile);
  }
  return starts;
}

TileGrid make_tile_grid(std::size_t size_x, std::size_t size_y, std::size_t tile,
                        std::size_t step) {
  return TileGrid{tile, tile_starts(size_x, tile, step), tile_starts(size_y, tile, step)};
}

std::vector<WorkItem> all_work_items(std::size_t plane_count, const TileGrid& grid) {
  std::vector<WorkItem> items;
  items.reserve(plane_count * grid.size());
  for (std::size_t plane = 0; plane < plane_count; ++plane) {
    for (std::size_t tile = 0; tile < grid.size(); ++tile) {
      items.push_back({plane, tile});
    }
  }
  return items;
}

}  // namespace holodet::segment
