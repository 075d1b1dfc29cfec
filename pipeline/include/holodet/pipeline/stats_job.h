#pragma once
// A run's microphysics products (products/, docs/PRODUCTS.md): made by `holodet batch` when an
// archive's results are written, and remade by `holodet stats` from a results file with other
// settings (size bins, interval, artefact and edge rules) without detecting again.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/optics.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/batch_results.h"
#include "holodet/products/microphysics.h"

namespace holodet::pipeline {

// The run's holograms for the products: processed or failed, and their times in the units the
// source gave (a source whose units are no unit of time is not used, and says so).
products::RunHolograms run_holograms(const std::vector<io::HologramRecord>& records,
                                     const std::vector<double>& times, const std::string& units,
                                     const std::string& source);

// The products of one archive's results: the frame and depths of its run, its times when the
// archive has them (`times` by hid - 1).
products::Products archive_products(const io::ParticleTable& particles,
                                    const std::vector<io::HologramRecord>& records,
                                    std::size_t size_x, std::size_t size_y, const Optics& optics,
                                    const std::optional<io::ArchiveTimes>& times,
                                    const config::Config& config);

// Throws bad_input naming `archive` when distributions per time interval cannot be made from
// its times (none, or in no unit of time): checked before the run, not after its last plane.
void check_interval_possible(const std::optional<io::ArchiveTimes>& times,
                             const std::filesystem::path& archive);

// A few lines for the terminal: what was counted, flagged and sampled.
std::string describe_products(const products::Products& products);

struct StatsRequest {
  std::filesystem::path results;  // a `holodet batch` results file
  std::filesystem::path out;      // .nc: the results again, with the products remade
  std::string command_line;
};

// Throws bad_input (exit 2) naming the file for anything but a batch results file that holds
// the frame size, and for an output that cannot be written, before any work. Returns the
// products written (describe_products says what they hold).
products::Products run_stats(const StatsRequest& request, const config::Config& config);

}  // namespace holodet::pipeline
