#pragma once
// `holodet synth`: an archive of simulated holograms with known particles, in the layout of
// the published HOLODEC synthetic sets (docs/HOLODEC.md), written atomically.
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
  // > 0: a `hologram_time` variable, exposures this far apart from `time_origin` (CF time).
  double hologram_period_s = 0;
  std::string time_origin = "1970-01-01 00:00:00";
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
// The same moment as a CF time origin, "2026-11-27 14:03:00" (UTC).
std::string creation_time();

}  // namespace holodet::pipeline
