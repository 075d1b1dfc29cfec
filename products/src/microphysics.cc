#include "holodet/products/microphysics.h"

#include <algorithm>
#include <cmath>

#include "holodet/core/error.h"

namespace holodet::products {
namespace {

std::vector<float> aspect_ratios(const io::ParticleTable& particles) {
  for (const io::ParticleColumn& column : particles.extra) {
    if (column.name == "aspect_ratio") {
      return column.values;
    }
  }
  return {};
}

}  // namespace

Products make_products(const io::ParticleTable& particles, const RunHolograms& holograms,
                       const SampleFrame& frame, const ProductSettings& settings) {
  validate(settings, "products");
  Products products;
  products.settings = settings;
  products.frame = frame;
  const std::size_t processed =
      static_cast<std::size_t>(std::count(holograms.ok.begin(), holograms.ok.end(), true));
  products.flags = flag_particles(particles, frame, processed, settings);
  const std::vector<Footprint> footprints = site_footprints(products.flags.sites, settings);
  products.volume = sample_volume(frame, settings.edge_margin_um, footprints);
  const std::vector<float> aspect = aspect_ratios(particles);
  products.shape_known = !aspect.empty();

  const bool have_times =
      holograms.time_units && std::any_of(holograms.times.begin(), holograms.times.end(),
                                          [](double t) { return std::isfinite(t); });
  if (have_times) {
    products.hologram_times = fill_missing_times(holograms.times);
    products.time_units = holograms.time_units;
    products.time_source = holograms.time_source;
  }
  RowAssignment rows{holograms.hid, holograms.ok, {}, 0, holograms.crowded};
  if (settings.interval_s > 0) {
    if (!have_times) {
      throw bad_input("--interval needs hologram times, and the run has none (" +
                      (holograms.time_source.empty() ? std::string("no times in the archive")
                                                     : holograms.time_source) +
                      "); leave it out for distributions per hologram");
    }
    products.per_interval = true;
    products.intervals = make_intervals(
        products.hologram_times, settings.interval_s / products.time_units->seconds_per_unit);
    rows.row = products.intervals.of_hologram;
    rows.rows = products.intervals.start.size();
  } else {
    for (std::size_t k = 0; k < holograms.hid.size(); ++k) {
      rows.row.push_back(k);
    }
    rows.rows = holograms.hid.size();
  }
  products.rows = sum_distributions(particles, products.flags.flag, aspect, rows,
                                    products.volume.volume_cm3, settings);
  RowAssignment whole{holograms.hid, holograms.ok,
                      std::vector<std::size_t>(holograms.hid.size(), 0), 1, holograms.crowded};
  products.run = sum_distributions(particles, products.flags.flag, aspect, whole,
                                   products.volume.volume_cm3, settings);
  return products;
}

}  // namespace holodet::products
