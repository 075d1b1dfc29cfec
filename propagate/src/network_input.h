#pragma once
// Private to propagate/: the network-input layout shared by both backends: checking a layout
// against a frame, sizing a batch's host outputs, and the view of the tiles left on a device.

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "holodet/core/error.h"
#include "holodet/propagate/propagator.h"
#include "kernels/half_float.h"

namespace holodet::propagate::detail {

// The layout with the whole frame as its one tile when no origins are given.
struct ResolvedTiles {
  std::size_t tile_x = 0;  // tile extent along x and y (tile_size, or the frame for full frame)
  std::size_t tile_y = 0;
  std::vector<std::array<std::size_t, 2>> origins;
};

inline ResolvedTiles resolve_tiles(const NetworkInputLayout& layout, std::size_t size_x,
                                   std::size_t size_y) {
  ResolvedTiles tiles;
  if (layout.tile_origins.empty()) {
    tiles.tile_x = size_x;
    tiles.tile_y = size_y;
    tiles.origins = {{0, 0}};
    return tiles;
  }
  tiles.tile_x = tiles.tile_y = layout.tile_size;
  for (const auto& origin : layout.tile_origins) {
    if (layout.tile_size == 0 || origin[0] + layout.tile_size > size_x ||
        origin[1] + layout.tile_size > size_y) {
      throw bad_input("network input: a " + std::to_string(layout.tile_size) + " px tile at (" +
                      std::to_string(origin[0]) + ", " + std::to_string(origin[1]) +
                      ") leaves the " + std::to_string(size_x) + " x " + std::to_string(size_y) +
                      " frame");
    }
  }
  tiles.origins = layout.tile_origins;
  return tiles;
}

// Sizes every host output of `out` for the planes at `z_m`: the requested ones to their
// length, the others to zero. The same for every backend.
inline void prepare_plane_batch(std::span<const double> z_m, unsigned outputs, std::size_t size_x,
                                std::size_t size_y, PlaneBatch& out) {
  const std::size_t count = z_m.size() * size_x * size_y;
  out.z_m.assign(z_m.begin(), z_m.end());
  out.size_x = size_x;
  out.size_y = size_y;
  out.field.resize(outputs & kField ? count : 0);
  out.amplitude.resize(outputs & kAmplitude ? count : 0);
  out.phase.resize(outputs & kPhase ? count : 0);
}

// The view of `planes` planes of tiles at `data`.
inline NetworkInputView network_view(const void* data, std::size_t planes,
                                     const ResolvedTiles& tiles, bool float16, bool on_cuda,
                                     int cuda_device) {
  NetworkInputView view;
  view.data = data;
  view.float16 = float16;
  view.on_cuda = on_cuda;
  view.cuda_device = cuda_device;
  view.planes = planes;
  view.tiles = tiles.origins.size();
  view.tile_x = tiles.tile_x;
  view.tile_y = tiles.tile_y;
  return view;
}

}  // namespace holodet::propagate::detail
