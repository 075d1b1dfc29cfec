#pragma once
// Training labels: which pixels of a plane at depth z show a particle in focus. A particle is
// in focus at z when |z_particle − z| ≤ its depth band; its label is the disk (or ellipse) of
// its size at its x, y. Frames are [x][y], 1 inside, 0 outside.

#include <cstdint>
#include <functional>
#include <vector>

#include "holodet/core/pixel_grid.h"
#include "holodet/simulate/particles.h"

namespace holodet::simulate {

std::vector<std::uint8_t> focus_mask(const std::vector<SimParticle>& particles,
                                     const PixelGrid& grid, double z_um, double depth_band_um);

// The band as a function of the particle's depth (a frame's narrow aperture resolves far
// particles' depth more coarsely: train/focus_band.h).
std::vector<std::uint8_t> focus_mask(const std::vector<SimParticle>& particles,
                                     const PixelGrid& grid, double z_um,
                                     const std::function<double(double z_um)>& depth_band_um);

}  // namespace holodet::simulate
