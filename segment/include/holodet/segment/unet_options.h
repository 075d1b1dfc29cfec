#pragma once
// The U-Net's hyperparameters and its cost, without LibTorch (segment/unet.h is the network).

#include <cstdint>

namespace holodet::segment {

struct UNetOptions {
  int depth = 4;        // downsamplings; the receptive field grows as 2^depth
  int base_width = 8;   // channels at full resolution
  int in_channels = 1;  // amplitude; 2 with the phase
  bool batch_norm = true;
};

// Throws bad_input for depth outside [1, 6], a width or channel count below 1.
void check_unet_options(const UNetOptions& options);

// Multiply-adds of one forward pass over a tile_x × tile_y tile, counted layer by layer
// (convolutions, transposed convolutions, the head; batch norm and ReLU are not counted).
std::int64_t unet_multiply_adds(const UNetOptions& options, std::int64_t tile_x,
                                std::int64_t tile_y);

}  // namespace holodet::segment
