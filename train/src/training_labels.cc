#include "holodet/train/training_labels.h"

#include "holodet/simulate/focus_mask.h"

namespace holodet::train {
namespace {

const io::ParticleColumn* find_column(const io::ParticleTable& table, const char* name) {
  for (const io::ParticleColumn& column : table.extra) {
    if (column.name == name) {
      return &column;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<simulate::SimParticle> particles_of(const io::ParticleTable& table, int hid) {
  const io::ParticleColumn* aspect = find_column(table, "aspect");
  const io::ParticleColumn* theta = find_column(table, "theta");
  std::vector<simulate::SimParticle> particles;
  for (std::size_t row = 0; row < table.size(); ++row) {
    if (table.hid[row] != hid) {
      continue;
    }
    simulate::SimParticle particle;
    particle.x_um = table.x_um[row];
    particle.y_um = table.y_um[row];
    particle.z_um = table.z_um[row];
    particle.d_um = table.d_um[row];
    if (aspect != nullptr && theta != nullptr) {
      particle.aspect = aspect->values[row];
      particle.orientation = theta->values[row];
    }
    particles.push_back(particle);
  }
  return particles;
}

std::vector<std::uint8_t> focus_mask(const io::ParticleTable& table, int hid, const PixelGrid& grid,
                                     double z_um, double depth_band_um) {
  return simulate::focus_mask(particles_of(table, hid), grid, z_um, depth_band_um);
}

}  // namespace holodet::train
