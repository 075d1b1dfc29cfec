#pragma once
// A run's microphysics products, made from its particle table and hologram list: flags,
// sample volume, size distributions per hologram or per time interval, and the run's totals.

#include <optional>
#include <string>
#include <vector>

#include "holodet/io/particle_table.h"
#include "holodet/products/hologram_times.h"
#include "holodet/products/particle_flags.h"
#include "holodet/products/product_settings.h"
#include "holodet/products/sample_volume.h"
#include "holodet/products/size_distributions.h"

namespace holodet::products {

struct RunHolograms {
  std::vector<int> hid;
  std::vector<bool> ok;       // processed; a failed hologram counts neither particles nor volume
  std::vector<bool> crowded;  // one per hologram, or empty: a crowded scene (batch_results.h)
  std::vector<double> times;  // one per hologram in time_units (NaN: unknown), or empty
  std::optional<TimeUnits> time_units;
  std::string time_source;  // where the times came from, for the file's notes
};

struct Products {
  ProductSettings settings;
  SampleFrame frame;
  ParticleFlags flags;
  SampleVolume volume;       // of one hologram
  bool shape_known = false;  // the table has `aspect_ratio`
  bool per_interval = false;
  std::vector<double> hologram_times;  // filled in (fill_missing_times); empty without times
  std::optional<TimeUnits> time_units;
  std::string time_source;
  Intervals intervals;  // per_interval only
  Distributions rows;   // one row per hologram (in RunHolograms order) or per interval
  Distributions run;    // one row: every processed hologram
};

// Throws bad_input when settings.interval_s > 0 and the run has no hologram times.
Products make_products(const io::ParticleTable& particles, const RunHolograms& holograms,
                       const SampleFrame& frame, const ProductSettings& settings);

}  // namespace holodet::products
