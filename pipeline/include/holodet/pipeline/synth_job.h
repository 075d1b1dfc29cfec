#pragma once
// `holodet synth`: an archive of simulated holograms with known particles, in the layout of
// the published HOLODEC synthetic sets (../shared/holodec-format.md), written atomically.
// Hologram h (1-based) draws from a generator seeded with (seed, h): a file is reproducible
// bit for bit on one machine, and any hologram can be regenerated alone.

#include <cstdint>
#include <filesystem>
#include <string>

#include "holodet/simulate/artefacts.h"
#include "holodet/simulate/hologram_simulator.h"
#include "holodet/simulate/particles.h"
#include "holodet/simulate/sensor_model.h"

namespace holodet::pipeline {

struct SynthRequest {
  std::filesystem::path out;
  int holograms = 1;
  std::size_t size_x = 1024;
  std::size_t size_y = 1024;
  std::uint64_t seed = 1;
  simulate::PopulationSettings population;
  simulate::SensorSettings sensor;
  simulate::SimulationSettings simulation;
  simulate::ArtefactSettings artefacts;  // off unless asked for
  std::string date_created;              // DateCreated attribute, e.g. "27-Nov-2026"
  bool quiet = false;
};

struct SynthSummary {
  int holograms = 0;
  std::size_t particles = 0;
  double seconds = 0;
};

SynthSummary run_synth(const SynthRequest& request);

// Today's date as the published sets write it ("27-Nov-2026"), or SOURCE_DATE_EPOCH's when
// that variable is set (reproducible builds' convention: identical bytes on every run).
std::string creation_date();

}  // namespace holodet::pipeline
