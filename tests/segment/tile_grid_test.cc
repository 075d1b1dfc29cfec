#include "holodet/segment/tile_grid.h"

#include <gtest/gtest.h>

#include <vector>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

TEST(TileGrid, ReferenceTilingOfAFullHologramHas828Tiles) {
  // docs/HOLODEC.md: 512 px tiles every 128 px, last row and column anchored to
  // the edge, 828 tiles per 4872 × 3248 plane.
  const TileGrid grid = make_tile_grid(4872, 3248, 512, 128);
  EXPECT_EQ(grid.x_starts.size(), 36u);
  EXPECT_EQ(grid.y_starts.size(), 23u);
  EXPECT_EQ(grid.size(), 828u);
  EXPECT_EQ(grid.x_starts.back(), 4872u - 512u);
  EXPECT_EQ(grid.y_starts.back(), 3248u - 512u);
}

TEST(TileGrid, EveryPixelIsCoveredForAnySizeAndStep) {
  for (std::size_t extent : {1u, 100u, 511u, 512u, 513u, 1000u, 1024u, 3248u}) {
    for (std::size_t step : {64u, 128u, 384u, 512u}) {
      const std::vector<std::size_t> starts = tile_starts(extent, 512, step);
      std::vector<bool> covered(extent, false);
      for (std::size_t start : starts) {
        for (std::size_t p = start; p < std::min(extent, start + 512); ++p) {
          covered[p] = true;
        }
      }
      for (std::size_t p = 0; p < extent; ++p) {
        ASSERT_TRUE(covered[p]) << "extent " << extent << " step " << step << " pixel " << p;
      }
      for (std::size_t k = 1; k < starts.size(); ++k) {
        ASSERT_GT(starts[k], starts[k - 1]);
      }
    }
  }
}

TEST(TileGrid, NonOverlappingTilingOfAHolodecFrame) {
  // Step = tile: 10 × 7 tiles, the last column and row overlapping their neighbours.
  const TileGrid grid = make_tile_grid(4872, 3248, 512, 512);
  EXPECT_EQ(grid.size(), 70u);
  const TileOrigin last = grid.at(grid.size() - 1);
  EXPECT_EQ(last.x0, 4360u);
  EXPECT_EQ(last.y0, 2736u);
}

TEST(TileGrid, WorkItemsListEveryPlaneAndTile) {
  const TileGrid grid = make_tile_grid(1024, 1024, 512, 512);
  const std::vector<WorkItem> items = all_work_items(3, grid);
  ASSERT_EQ(items.size(), 12u);
  EXPECT_EQ(items[5].plane, 1u);
  EXPECT_EQ(items[5].tile, 1u);
}

TEST(TileGrid, RejectsStepsThatSkipPixels) {
  EXPECT_THROW(tile_starts(1000, 512, 513), Error);
  EXPECT_THROW(tile_starts(1000, 512, 0), Error);
  EXPECT_THROW(tile_starts(1000, 0, 1), Error);
}

}  // namespace
}  // namespace holodet::segment
