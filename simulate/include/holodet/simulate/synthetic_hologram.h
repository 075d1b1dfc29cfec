#pragma once
// One synthetic hologram from start to end: a population drawn, its intensity simulated, the
// camera exposed. `holodet synth` writes these to archives, `holodet bench` times the pipeline
// on one.

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "holodet/simulate/artefacts.h"
#include "holodet/simulate/hologram_simulator.h"
#include "holodet/simulate/particles.h"
#include "holodet/simulate/sensor_model.h"

namespace holodet::simulate {

struct SyntheticHologram {
  Population population;
  std::vector<std::uint16_t> counts;  // [x][y], the simulator's frame size
  double noise_level = 0;             // the published sets' noiseLevel
};

// `fixed_specks`: window dust at the same place in every hologram (never in the table).
// `artefacts` draw from `artefact_random` alone (required when any is on), so switching them
// on leaves the particles, and the noise, what they were.
SyntheticHologram make_synthetic_hologram(HologramSimulator& simulator,
                                          const PopulationSettings& population,
                                          const SensorSettings& sensor, std::mt19937_64& random,
                                          const ArtefactSettings& artefacts = {},
                                          std::mt19937_64* artefact_random = nullptr,
                                          std::span<const SimParticle> fixed_specks = {});

}  // namespace holodet::simulate
