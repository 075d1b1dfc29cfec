#include "holodet/simulate/synthetic_hologram.h"

namespace holodet::simulate {

SyntheticHologram make_synthetic_hologram(HologramSimulator& simulator,
                                          const PopulationSettings& population,
                                          const SensorSettings& sensor, std::mt19937_64& random) {
  const std::size_t nx = simulator.size_x(), ny = simulator.size_y();
  const Optics& optics = simulator.optics();
  SyntheticHologram hologram;
  hologram.population = draw_population(population, nx, ny, optics.pixel_pitch_x_m * 1e6,
                                        optics.pixel_pitch_y_m * 1e6, random);
  const std::vector<float> intensity = simulator.intensity(hologram.population.particles);
  hologram.counts = expose({std::span<const float>(intensity), nx, ny}, optics.pixel_pitch_x_m,
                           optics.pixel_pitch_y_m, sensor, random, &hologram.noise_level);
  return hologram;
}

}  // namespace holodet::simulate
