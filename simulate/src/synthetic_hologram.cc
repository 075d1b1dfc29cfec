#include "holodet/simulate/synthetic_hologram.h"

#include "holodet/core/error.h"

namespace holodet::simulate {

SyntheticHologram make_synthetic_hologram(HologramSimulator& simulator,
                                          const PopulationSettings& population,
                                          const SensorSettings& sensor, std::mt19937_64& random,
                                          const ArtefactSettings& artefacts,
                                          std::mt19937_64* artefact_random,
                                          std::span<const SimParticle> fixed_specks) {
  if (artefacts.any() && artefact_random == nullptr) {
    throw runtime_failure("make_synthetic_hologram: artefacts need their own random generator");
  }
  const std::size_t nx = simulator.size_x(), ny = simulator.size_y();
  const Optics& optics = simulator.optics();
  const double pitch_x_um = optics.pixel_pitch_x_m * 1e6, pitch_y_um = optics.pixel_pitch_y_m * 1e6;
  SyntheticHologram hologram;
  hologram.population = draw_population(population, nx, ny, pitch_x_um, pitch_y_um, random);
  std::vector<float> intensity;
  if (artefacts.window_dust > 0 || !fixed_specks.empty()) {
    // The specks scatter with the particles (their fringes mix), but are not in the table.
    std::vector<SimParticle> scene = hologram.population.particles;
    if (artefacts.window_dust > 0) {
      const std::vector<SimParticle> dust = draw_window_dust(
          artefacts, nx, ny, pitch_x_um, pitch_y_um, population.z_max_um, *artefact_random);
      scene.insert(scene.end(), dust.begin(), dust.end());
    }
    scene.insert(scene.end(), fixed_specks.begin(), fixed_specks.end());
    intensity = simulator.intensity(scene);
  } else {
    intensity = simulator.intensity(hologram.population.particles);
  }
  if (artefacts.any()) {
    add_stray_fringes(intensity, nx, ny, pitch_x_um, pitch_y_um, artefacts, *artefact_random);
    vary_laser_power(intensity, artefacts, *artefact_random);
  }
  hologram.counts = expose({std::span<const float>(intensity), nx, ny}, optics.pixel_pitch_x_m,
                           optics.pixel_pitch_y_m, sensor, random, &hologram.noise_level);
  if (artefacts.any()) {
    add_hot_pixels(hologram.counts, sensor.nbits, artefacts, *artefact_random);
  }
  return hologram;
}

}  // namespace holodet::simulate
