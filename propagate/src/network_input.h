#pragma once
// Private to propagate/: the network-input layout shared by both backends: checking a layout
// against a frame, and float → IEEE half conversion on the host.

#include <cstdint>
#include <cstring>
#include <span>
#include <string>

#include "holodet/core/error.h"
#include "holodet/propagate/propagator.h"

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

// Sizes every output of `out` for the planes at `z_m`: the requested ones to their length,
// the others to zero. The same for both backends.
inline void prepare_plane_batch(std::span<const double> z_m, unsigned outputs, std::size_t size_x,
                                std::size_t size_y, const ResolvedTiles& tiles, bool float16,
                                PlaneBatch& out) {
  const std::size_t count = z_m.size() * size_x * size_y;
  out.z_m.assign(z_m.begin(), z_m.end());
  out.size_x = size_x;
  out.size_y = size_y;
  out.field.resize(outputs & kField ? count : 0);
  out.amplitude.resize(outputs & kAmplitude ? count : 0);
  out.phase.resize(outputs & kPhase ? count : 0);
  const std::size_t network_values =
      outputs & kNetworkInput ? z_m.size() * tiles.origins.size() * tiles.tile_x * tiles.tile_y : 0;
  out.network_input_f32.resize(float16 ? 0 : network_values);
  out.network_input_f16.resize(float16 ? network_values : 0);
}

// IEEE 754 binary16 bits of `value`, rounded to nearest even; overflow gives infinity.
inline std::uint16_t float_to_half_bits(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  const std::uint32_t sign = (bits >> 16) & 0x8000u;
  const std::uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude >= 0x7f800000u) {  // infinity or NaN
    return static_cast<std::uint16_t>(sign | 0x7c00u | (magnitude > 0x7f800000u ? 0x200u : 0u));
  }
  if (magnitude >= 0x477ff000u) {  // rounds to ≥ 65520: infinity
    return static_cast<std::uint16_t>(sign | 0x7c00u);
  }
  if (magnitude < 0x38800000u) {  // below the smallest normal half: subnormal or zero
    if (magnitude < 0x33000000u) {
      return static_cast<std::uint16_t>(sign);
    }
    const std::uint32_t exponent = magnitude >> 23;
    const std::uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
    const std::uint32_t shift = 126 - exponent;  // value = mantissa · 2^(exponent − 150): 14..24
    const std::uint32_t rounded = mantissa >> shift;
    const std::uint32_t remainder = mantissa & ((1u << shift) - 1);
    const std::uint32_t halfway = 1u << (shift - 1);
    const std::uint32_t result =
        rounded + ((remainder > halfway || (remainder == halfway && (rounded & 1u))) ? 1u : 0u);
    return static_cast<std::uint16_t>(sign | result);
  }
  // Normal: rebias the exponent (127 → 15) and round the 13 dropped mantissa bits.
  const std::uint32_t rebased = magnitude - 0x38000000u;
  const std::uint32_t rounded = (rebased + 0xfffu + ((rebased >> 13) & 1u)) >> 13;
  return static_cast<std::uint16_t>(sign | rounded);
}

}  // namespace holodet::propagate::detail
