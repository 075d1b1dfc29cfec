#include "holodet/products/products_netcdf.h"

#include <span>
#include <string>
#include <vector>

namespace holodet::products {
namespace {

using io::described;
using io::ValueType;
using io::VariableSpec;

std::vector<double> bin_centres(const std::vector<double>& edges) {
  std::vector<double> centres;
  for (std::size_t k = 0; k + 1 < edges.size(); ++k) {
    centres.push_back((edges[k] + edges[k + 1]) / 2);
  }
  return centres;
}

void put_size_bins(io::NetcdfWriter& writer, const std::vector<double>& edges) {
  io::Attributes centre = described("particle diameter at the size bin's centre", "um");
  centre.emplace_back("bounds", std::string("size_bin_bounds"));
  writer.define_coordinate("size_bin", bin_centres(edges), centre);
  writer.define_coordinate("size_bin_edge", edges,
                           described("edges of the size bins (a bin holds [lower, upper))", "um"));
  writer.define_dimension("bounds", 2);
  writer.define_variable({"size_bin_bounds",
                          ValueType::kFloat64,
                          {"size_bin", "bounds"},
                          {},
                          0,
                          described("lower and upper edge of each size bin", "um")});
  writer.define_variable({"size_bin_width",
                          ValueType::kFloat64,
                          {"size_bin"},
                          {},
                          0,
                          described("width of each size bin (the dD of dN/dD)", "um")});
  std::vector<double> bounds, widths;
  for (std::size_t k = 0; k + 1 < edges.size(); ++k) {
    bounds.push_back(edges[k]);
    bounds.push_back(edges[k + 1]);
    widths.push_back(edges[k + 1] - edges[k]);
  }
  writer.write("size_bin_bounds", std::span<const double>(bounds));
  writer.write("size_bin_width", std::span<const double>(widths));
}

void put_flags(io::NetcdfWriter& writer, const Products& products) {
  io::Attributes flag = described("why a particle is left out of the size distributions", "");
  flag.emplace_back("flag_masks", std::vector<std::int32_t>{kNearFrameEdge, kRecurringArtefact});
  flag.emplace_back("flag_meanings", std::string("near_frame_edge recurring_artefact"));
  flag.emplace_back("comment",
                    std::string("0: counted. near_frame_edge: cut by the frame or centred within "
                                "the edge margin; recurring_artefact: at the same place in many "
                                "holograms of the run (window dust, hot pixels)"));
  writer.define_variable({"particle_flag", ValueType::kInt32, {"particle"}, {}, 0, flag});
  writer.write("particle_flag", std::span<const std::int32_t>(products.flags.flag));

  const std::vector<ArtefactSite>& sites = products.flags.sites;
  writer.define_dimension("artefact_site", sites.size());
  const char* names[] = {"artefact_x", "artefact_y", "artefact_z", "artefact_d"};
  const char* long_names[] = {"recurring artefact: mean x", "recurring artefact: mean y",
                              "recurring artefact: mean apparent depth",
                              "recurring artefact: largest diameter"};
  std::vector<std::vector<double>> values(4);
  std::vector<std::int32_t> holograms;
  for (const ArtefactSite& site : sites) {
    values[0].push_back(site.x_um);
    values[1].push_back(site.y_um);
    values[2].push_back(site.z_um);
    values[3].push_back(site.d_um);
    holograms.push_back(site.holograms);
  }
  for (std::size_t k = 0; k < 4; ++k) {
    writer.define_variable(
        {names[k], ValueType::kFloat64, {"artefact_site"}, {}, 0, described(long_names[k], "um")});
    writer.write(names[k], std::span<const double>(values[k]));
  }
  writer.define_variable({"artefact_holograms",
                          ValueType::kInt32,
                          {"artefact_site"},
                          {},
                          0,
                          described("recurring artefact: holograms it appears in", "1")});
  writer.write("artefact_holograms", std::span<const std::int32_t>(holograms));
}

// The distributions over `row_dimension` (hologram or interval) and size_bin, with `prefix`
// before each name ("" for the rows, "run_" for the whole run, whose row dimension is absent).
void put_distributions(io::NetcdfWriter& writer, const Distributions& d, const std::string& prefix,
                       const std::string& row_dimension, const std::string& where) {
  std::vector<std::string> per_bin = {row_dimension, "size_bin"};
  std::vector<std::string> per_row = {row_dimension};
  if (row_dimension.empty()) {
    per_bin = {"size_bin"};
    per_row = {};
  }
  const auto define = [&](const std::string& name, ValueType type,
                          const std::vector<std::string>& dims, const std::string& long_name,
                          const std::string& units, const std::string& standard_name = "") {
    writer.define_variable(
        {prefix + name, type, dims, {}, 0, described(long_name + where, units, standard_name)});
  };
  define("counts", ValueType::kInt32, per_bin, "particles counted in the size bin", "1");
  define("counts_round", ValueType::kInt32, per_bin,
         "round particles (aspect ratio within the threshold) counted in the size bin", "1");
  define("dNdD", ValueType::kFloat64, per_bin, "number size distribution dN/dD", "cm-3 um-1");
  define("dNdD_err", ValueType::kFloat64, per_bin,
         "Poisson counting uncertainty of dN/dD: sqrt(counts) / (V dD)", "cm-3 um-1");
  define("dNdD_round", ValueType::kFloat64, per_bin, "dN/dD of round (liquid) particles",
         "cm-3 um-1");
  define("dNdD_irregular", ValueType::kFloat64, per_bin,
         "dN/dD of irregular (ice, aggregates) particles", "cm-3 um-1");
  if (!row_dimension.empty()) {
    define("holograms", ValueType::kInt32, per_row, "processed holograms summed", "1");
    define("holograms_crowded", ValueType::kInt32, per_row,
           "of those, holograms so crowded that shadows overlap (hologram_crowded): detection "
           "finds fewer of their particles, and the concentration is low",
           "1");
    define("sample_volume", ValueType::kFloat64, per_row, "sample volume summed", "cm3");
    define("particles_counted", ValueType::kInt32, per_row, "particles counted in every size bin",
           "1");
    define("number_concentration", ValueType::kFloat64, per_row,
           "total number concentration of the counted particles", "cm-3");
    define("number_concentration_err", ValueType::kFloat64, per_row,
           "Poisson counting uncertainty of the number concentration: sqrt(N) / V", "cm-3");
    define("lwc", ValueType::kFloat64, per_row,
           "liquid water content of round particles (water spheres, 1 g cm-3)", "g m-3",
           "mass_concentration_of_cloud_liquid_water_in_air");
    define("lwc_err", ValueType::kFloat64, per_row,
           "Poisson counting uncertainty of the liquid water content: sqrt(sum m_i^2) / V",
           "g m-3");
  }
  writer.write(prefix + "counts", std::span<const std::int32_t>(d.counts));
  writer.write(prefix + "counts_round", std::span<const std::int32_t>(d.counts_round));
  writer.write(prefix + "dNdD", std::span<const double>(d.dNdD));
  writer.write(prefix + "dNdD_err", std::span<const double>(d.dNdD_err));
  writer.write(prefix + "dNdD_round", std::span<const double>(d.dNdD_round));
  writer.write(prefix + "dNdD_irregular", std::span<const double>(d.dNdD_irregular));
  if (!row_dimension.empty()) {
    writer.write(prefix + "holograms", std::span<const std::int32_t>(d.holograms));
    writer.write(prefix + "holograms_crowded", std::span<const std::int32_t>(d.holograms_crowded));
    writer.write(prefix + "sample_volume", std::span<const double>(d.sample_volume_cm3));
    writer.write(prefix + "particles_counted", std::span<const std::int32_t>(d.particles));
    writer.write(prefix + "number_concentration", std::span<const double>(d.number_concentration));
    writer.write(prefix + "number_concentration_err",
                 std::span<const double>(d.number_concentration_err));
    writer.write(prefix + "lwc", std::span<const double>(d.lwc));
    writer.write(prefix + "lwc_err", std::span<const double>(d.lwc_err));
  }
}

void put_intervals(io::NetcdfWriter& writer, const Products& products) {
  const Intervals& intervals = products.intervals;
  std::vector<double> centres, bounds;
  for (std::size_t k = 0; k < intervals.start.size(); ++k) {
    centres.push_back((intervals.start[k] + intervals.end[k]) / 2);
    bounds.push_back(intervals.start[k]);
    bounds.push_back(intervals.end[k]);
  }
  io::Attributes time = described("middle of the time interval", products.time_units->text);
  if (products.time_units->cf) {
    time.emplace_back("standard_name", std::string("time"));
  }
  time.emplace_back("bounds", std::string("interval_bounds"));
  writer.define_coordinate("interval", centres, time);
  writer.define_variable(
      {"interval_bounds",
       ValueType::kFloat64,
       {"interval", "bounds"},
       {},
       0,
       described("start and end of the time interval", products.time_units->text)});
  writer.write("interval_bounds", std::span<const double>(bounds));
}

}  // namespace

void put_products(io::NetcdfWriter& writer, const Products& products) {
  put_size_bins(writer, products.settings.size_bin_edges_um);
  put_flags(writer, products);
  if (!products.hologram_times.empty()) {
    io::Attributes time =
        described("time of the hologram (" + products.time_source + ")", products.time_units->text);
    if (products.time_units->cf) {
      time.emplace_back("standard_name", std::string("time"));
    }
    writer.define_variable({"hologram_time", ValueType::kFloat64, {"hologram"}, {}, 0, time});
    writer.write("hologram_time", std::span<const double>(products.hologram_times));
  }
  if (products.per_interval) {
    put_intervals(writer, products);
    put_distributions(writer, products.rows, "", "interval", ", per time interval");
  } else {
    put_distributions(writer, products.rows, "", "hologram", ", per hologram");
  }
  put_distributions(writer, products.run, "run_", "", ", over the whole run");
}

io::Attributes product_attributes(const Products& products) {
  const ProductSettings& s = products.settings;
  const Distributions& run = products.run;
  return {
      {"products_size_bins_um", format_size_bins(s.size_bin_edges_um)},
      {"products_edge_margin_um", s.edge_margin_um},
      {"products_artefact_xy_um", s.artefact_xy_um},
      {"products_artefact_z_um", s.artefact_z_um},
      {"products_artefact_fraction", s.artefact_fraction},
      {"products_artefact_min_holograms", static_cast<std::int64_t>(s.artefact_min_holograms)},
      {"products_round_max_aspect_ratio", s.round_max_aspect_ratio},
      {"products_interval_s", s.interval_s},
      {"products_shape",
       std::string(products.shape_known
                       ? "round: aspect_ratio <= products_round_max_aspect_ratio"
                       : "the table has no aspect_ratio: every particle counts as round")},
      {"products_times",
       products.hologram_times.empty() ? std::string("none") : products.time_source},
      {"Nx", static_cast<std::int64_t>(products.frame.size_x)},
      {"Ny", static_cast<std::int64_t>(products.frame.size_y)},
      {"sample_volume_frame_cm3", products.volume.frame_cm3},
      {"sample_volume_edge_margin_cm3", products.volume.margin_cm3},
      {"sample_volume_artefacts_cm3", products.volume.artefact_cm3},
      {"sample_volume_per_hologram_cm3", products.volume.volume_cm3},
      {"run_holograms", static_cast<std::int64_t>(run.holograms.front())},
      {"run_holograms_crowded", static_cast<std::int64_t>(run.holograms_crowded.front())},
      {"run_sample_volume_cm3", run.sample_volume_cm3.front()},
      {"run_particles_counted", static_cast<std::int64_t>(run.particles.front())},
      {"run_number_concentration_cm-3", run.number_concentration.front()},
      {"run_lwc_g_m-3", run.lwc.front()},
  };
}

}  // namespace holodet::products
