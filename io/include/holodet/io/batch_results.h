#pragma once
// The results file of one archive processed by `holodet batch`, NetCDF4 (xarray opens it):
//  - the particle table (dimension `particle`: hid, x, y, z, d and the method's extra
//    columns), as every holodet results file has it (particle_files.h);
//  - the hologram table (dimension `hologram`, one row per hologram of the archive, by hid):
//    status ("ok" or "failed"), particle count, seconds per stage and the error message of a
//    failed hologram;
//  - global attributes saying how the results were made.
// Written atomically: the file appears whole or not at all.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/io/netcdf_writer.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

struct HologramRecord {
  int hid = 0;
  std::string status;  // "ok" | "failed"
  std::int32_t particles = 0;
  double seconds_read = 0;
  double seconds_propagation = 0;  // the spectrum included
  double seconds_network = 0;
  double seconds_analysis = 0;  // candidates, masks, clustering
  double seconds_total = 0;
  std::string error;  // empty when ok
};

void write_batch_results(const std::filesystem::path& path, const ParticleTable& particles,
                         const std::vector<HologramRecord>& holograms,
                         const Attributes& global_attributes);

// The hologram table of a batch results file. Throws bad_input naming the file when it has
// none.
std::vector<HologramRecord> read_hologram_table(const std::filesystem::path& path);

}  // namespace holodet::io
