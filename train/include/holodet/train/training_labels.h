#pragma once
// Training labels from an archive's particle table: for hologram `hid` and a plane at depth
// z_um, the mask of the particles in focus there (within depth_band_um of the plane), drawn at
// their size, position and, where the table has `aspect` and `theta`, shape. [x][y], 0/1.

#include <cstdint>
#include <vector>

#include "holodet/core/pixel_grid.h"
#include "holodet/io/particle_table.h"
#include "holodet/simulate/particles.h"

namespace holodet::train {

// The particles of one hologram as the simulator describes them.
std::vector<simulate::SimParticle> particles_of(const io::ParticleTable& table, int hid);

std::vector<std::uint8_t> focus_mask(const io::ParticleTable& table, int hid, const PixelGrid& grid,
                                     double z_um, double depth_band_um);

}  // namespace holodet::train
