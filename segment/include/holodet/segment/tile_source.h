#pragma once
// The network's input where it already is, and the masks that come back. The propagator
// leaves its tiles in device memory (propagate::NetworkInputView); the segmenter wraps them as
// a tensor in place, gathers the tiles of a batch on that device, and reduces the model's
// probabilities there to the pixels above the threshold, so that per batch only those pixels
// cross back to the host. Plain C++: no LibTorch types.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace holodet::segment {

// `count` tiles of channels × size_x × size_y values, [tile][channel][x][y], normalised as
// the model's ModelInfo says.
struct TileSource {
  const void* data = nullptr;  // float32 values, or IEEE-half bits when float16
  bool float16 = false;
  bool on_cuda = false;  // false: host memory
  int cuda_device = 0;
  std::size_t count = 0;
  std::size_t channels = 1;
  std::size_t size_x = 0;
  std::size_t size_y = 0;
};

// Per tile of a predict_masks() call, the pixels whose probability exceeds the threshold, in
// ascending pixel order: tile k's are [first[k], first[k + 1]).
struct SparseMasks {
  std::vector<std::size_t> first;    // tiles + 1 entries
  std::vector<std::uint32_t> pixel;  // tx · size_y + ty within the tile
  std::vector<float> probability;    // the model's probability there
  std::size_t tiles() const { return first.empty() ? 0 : first.size() - 1; }

  // Tile k as a dense probability image (zero below the threshold) of `pixels` values.
  void expand(std::size_t k, std::vector<float>& dense, std::size_t pixels) const;
};

}  // namespace holodet::segment
