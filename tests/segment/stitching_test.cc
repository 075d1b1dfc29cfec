#include "holodet/segment/stitching.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

std::vector<float> ramp(std::size_t nx, std::size_t ny) {
  std::vector<float> frame(nx * ny);
  for (std::size_t k = 0; k < frame.size(); ++k) {
    frame[k] = static_cast<float>(k) * 0.25f + 1.0f;
  }
  return frame;
}

// An identity "model": cut every tile, stitch it back, and the frame must come back exactly,
// with every pixel written (the output starts as NaN).
void expect_identity(std::size_t nx, std::size_t ny, std::size_t tile, std::size_t step) {
  const TileStitcher stitcher(make_tile_grid(nx, ny, tile, step), nx, ny);
  const std::vector<float> frame = ramp(nx, ny);
  std::vector<float> out(nx * ny, std::numeric_limits<float>::quiet_NaN());
  std::vector<float> values(tile * tile);
  for (std::size_t t = 0; t < stitcher.grid().size(); ++t) {
    stitcher.cut(frame, t, values);
    stitcher.place(t, values, out);
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    ASSERT_EQ(out[k], frame[k]) << nx << "x" << ny << " tile " << tile << " step " << step
                                << " pixel " << k;
  }
}

TEST(Stitching, IdentityModelReturnsTheFrameExactly) {
  expect_identity(128, 64, 32, 32);  // a multiple of the tile, no overlap
  expect_identity(128, 64, 32, 8);   // overlap
  expect_identity(100, 77, 32, 32);  // not a multiple: the last tiles are anchored
  expect_identity(100, 77, 32, 20);  // not a multiple, with overlap
  expect_identity(20, 90, 32, 16);   // smaller than a tile along x: padded when cut
}

TEST(Stitching, EachPixelComesFromTheTileWhereItIsMostCentral) {
  // Tiles of 8 px every 4 px along 12 px: starts 0 and 4. A pixel's margin in a tile is its
  // distance to the nearer edge. Pixel 5: tile 0 min(5, 2) = 2, tile 1 min(1, 6) = 1.
  const TileStitcher stitcher(make_tile_grid(12, 8, 8, 4), 12, 8);
  std::vector<float> frame(12 * 8, 0.0f);
  const std::vector<float> ones(64, 1.0f), twos(64, 2.0f);
  stitcher.place(0, ones, frame);  // tile (x0 = 0, y0 = 0)
  stitcher.place(1, twos, frame);  // tile (x0 = 4, y0 = 0)
  EXPECT_EQ(frame[5 * 8 + 3], 1.0f);
  EXPECT_EQ(frame[6 * 8 + 3], 2.0f);  // tile 0: min(6, 1) = 1; tile 1: min(2, 5) = 2
  EXPECT_EQ(frame[11 * 8 + 3], 2.0f);
}

}  // namespace
}  // namespace holodet::segment
