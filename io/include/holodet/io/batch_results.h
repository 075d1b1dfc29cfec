#pragma once
// The results file of one archive processed by `holodet batch`, NetCDF4 (xarray opens it):
//  - the particle table (dimension `particle`: hid, x, y, z, d and the method's extra
//    columns), as every holodet results file has it (particle_files.h);
//  - the hologram table (dimension `hologram`, one row per hologram of the archive, by hid):
//    status ("ok" or "failed"), particle count, whether the scene was crowded, seconds per
//    stage and the error message of a failed hologram;
//  - global attributes saying how the results were made.
// Written atomically: the file appears whole or not at all.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "holodet/io/netcdf_writer.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

inline constexpr std::int32_t kCrowdedNotKnown = -1;
inline constexpr std::int32_t kSparse = 0;
inline constexpr std::int32_t kCrowded = 1;

struct HologramRecord {
  int hid = 0;
  std::string status;  // "ok" | "failed"
  std::int32_t particles = 0;
  // kCrowded: its candidates were found with the crowded frame's settings (overlapping
  // shadows; docs/ACCURACY.md: recall is lower there). kNotKnown: failed, or journalled by a
  // holodet that did not record it.
  std::int32_t crowded = kCrowdedNotKnown;
  double seconds_read = 0;
  double seconds_propagation = 0;  // the spectrum included
  double seconds_network = 0;
  double seconds_analysis = 0;  // candidates, masks, clustering
  double seconds_total = 0;
  std::string error;  // empty when ok
};

// `add_more`, when given, defines and writes further variables over the `particle` and
// `hologram` dimensions (the microphysics products) before the file is committed.
void write_batch_results(const std::filesystem::path& path, const ParticleTable& particles,
                         const std::vector<HologramRecord>& holograms,
                         const Attributes& global_attributes,
                         const std::function<void(NetcdfWriter&)>& add_more = {});

// The hologram table of a batch results file. Throws bad_input naming the file when it has
// none.
std::vector<HologramRecord> read_hologram_table(const std::filesystem::path& path);

// A batch results file read back whole (`holodet stats`): the particle table, the hologram
// table, the hologram times when the run had them, and the global attributes as text.
struct BatchResultsFile {
  ParticleTable particles;
  std::vector<HologramRecord> holograms;
  std::vector<double> hologram_time;  // empty when the file has none
  std::string hologram_time_units;
  std::string hologram_time_long_name;
  Attributes attributes;  // global, with their types

  // The attribute as text (numbers with all their digits); empty when absent.
  std::string attribute(const std::string& name) const;
  // A numeric attribute's value; nullopt when absent or text.
  std::optional<double> number(const std::string& name) const;
};

// Throws bad_input naming the file when it is not a batch results file.
BatchResultsFile read_batch_results(const std::filesystem::path& path);

}  // namespace holodet::io
