#include "holodet/pipeline/stats_job.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "holodet/core/error.h"
#include "holodet/io/output_paths.h"
#include "holodet/io/particle_files.h"
#include "holodet/products/products_netcdf.h"

namespace holodet::pipeline {
namespace {

products::SampleFrame frame_of(std::size_t size_x, std::size_t size_y, const Optics& optics) {
  return {size_x,
          size_y,
          optics.pixel_pitch_x_m * 1e6,
          optics.pixel_pitch_y_m * 1e6,
          optics.z_min_m * 1e6,
          optics.z_max_m * 1e6};
}

double number_attribute(const io::BatchResultsFile& results, const std::string& name,
                        const std::filesystem::path& path) {
  const std::optional<double> value = results.number(name);
  if (!value || !std::isfinite(*value) || !(*value > 0)) {
    const std::string text = results.attribute(name);
    throw bad_input(path.string() + ": global attribute " + name + " is " +
                    (text.empty() ? std::string("missing") : "'" + text + "'") +
                    " (a results file from an older holodet? run batch again)");
  }
  return *value;
}

// The products keys `config` was told (--config, --set, --interval, --bins) copied onto
// `settings`, by way of their YAML text: one path for every key.
void apply_explicit_products(config::Config& settings, const config::Config& config) {
  const YAML::Node told = YAML::Load(config::to_yaml(config))["products"];
  for (const std::string& key : config.explicit_keys) {
    if (key.starts_with("products.")) {
      config::apply_override(settings, key, told[key.substr(9)].Scalar(), "stats");
    }
  }
}

}  // namespace

products::RunHolograms run_holograms(const std::vector<io::HologramRecord>& records,
                                     const std::vector<double>& times, const std::string& units,
                                     const std::string& source) {
  products::RunHolograms holograms;
  for (const io::HologramRecord& record : records) {
    holograms.hid.push_back(record.hid);
    holograms.ok.push_back(record.status == "ok");
    holograms.crowded.push_back(record.crowded == io::kCrowded);
  }
  if (times.empty()) {
    return holograms;
  }
  // Seconds when the source says nothing (flight archives' `t`); said in the notes.
  const std::optional<products::TimeUnits> parsed =
      products::parse_time_units(units.empty() ? "s" : units);
  if (!parsed) {
    holograms.time_source = source + " has units '" + units + "', not a unit of time: not used";
    return holograms;
  }
  holograms.time_units = parsed;
  holograms.time_source = source + (units.empty() ? ", no units: taken as seconds" : "");
  for (const io::HologramRecord& record : records) {
    const auto index = static_cast<std::size_t>(record.hid - 1);
    holograms.times.push_back(index < times.size() ? times[index]
                                                   : std::numeric_limits<double>::quiet_NaN());
  }
  return holograms;
}

products::Products archive_products(const io::ParticleTable& particles,
                                    const std::vector<io::HologramRecord>& records,
                                    std::size_t size_x, std::size_t size_y, const Optics& optics,
                                    const std::optional<io::ArchiveTimes>& times,
                                    const config::Config& config) {
  const products::RunHolograms holograms =
      times ? run_holograms(records, times->per_hologram, times->units, "archive " + times->source)
            : run_holograms(records, {}, "", "");
  return products::make_products(particles, holograms, frame_of(size_x, size_y, optics),
                                 config::product_settings(config));
}

void check_interval_possible(const std::optional<io::ArchiveTimes>& times,
                             const std::filesystem::path& archive) {
  if (!times) {
    throw bad_input(archive.string() +
                    ": --interval needs hologram times, and the archive has none (no "
                    "hologram_time or time variable, no particle t); leave it out for "
                    "distributions per hologram");
  }
  if (!times->units.empty() && !products::parse_time_units(times->units)) {
    throw bad_input(archive.string() + ": --interval: the times' units '" + times->units +
                    "' are no unit of time");
  }
}

std::string describe_products(const products::Products& products) {
  std::size_t edge = 0, artefacts = 0;
  for (std::int32_t flag : products.flags.flag) {
    edge += (flag & products::kNearFrameEdge) != 0 ? 1 : 0;
    artefacts += (flag & products::kRecurringArtefact) != 0 ? 1 : 0;
  }
  const products::Distributions& run = products.run;
  char length[32];
  std::snprintf(length, sizeof(length), "%g s interval", products.settings.interval_s);
  const std::string interval = products.per_interval ? length : "hologram";
  char text[768];
  std::snprintf(text, sizeof(text),
                "products: %d particles counted in %d holograms of %.3f cm3 each (%.3f cm3 "
                "frame, %.3f cm3 edge margin, %.4f cm3 hidden by artefacts); %zu flagged at "
                "the frame edge, %zu as recurring artefacts at %zu places\n"
                "products: number concentration %.4g +- %.2g cm-3, LWC %.4g +- %.2g g m-3 "
                "over the run; distributions per %s",
                run.particles.front(), run.holograms.front(), products.volume.volume_cm3,
                products.volume.frame_cm3, products.volume.margin_cm3, products.volume.artefact_cm3,
                edge, artefacts, products.flags.sites.size(), run.number_concentration.front(),
                run.number_concentration_err.front(), run.lwc.front(), run.lwc_err.front(),
                interval.c_str());
  return text;
}

products::Products run_stats(const StatsRequest& request, const config::Config& config) {
  const std::filesystem::path inputs[] = {request.results};
  io::check_output_file(request.out, "stats --out", {".nc"}, inputs);
  const io::BatchResultsFile results = io::read_batch_results(request.results);
  Optics optics;
  optics.wavelength_m = number_attribute(results, "lambda", request.results);
  optics.pixel_pitch_x_m = number_attribute(results, "dx", request.results);
  optics.pixel_pitch_y_m = number_attribute(results, "dy", request.results);
  optics.z_min_m = number_attribute(results, "zMin", request.results);
  optics.z_max_m = number_attribute(results, "zMax", request.results);
  const auto size_x = static_cast<std::size_t>(number_attribute(results, "Nx", request.results));
  const auto size_y = static_cast<std::size_t>(number_attribute(results, "Ny", request.results));
  // The run's own product settings, then this command's: what it was not told stays as it was.
  config::Config settings;
  config::apply_products_yaml(settings, results.attribute("config"),
                              request.results.string() + " config");
  // The settings of the products the file holds (a stats output's, which its `config`, the
  // detection run's, does not know).
  for (const char* name :
       {"size_bins_um", "edge_margin_um", "artefact_xy_um", "artefact_z_um", "artefact_fraction",
        "artefact_min_holograms", "round_max_aspect_ratio", "interval_s"}) {
    const std::string text = results.attribute(std::string("products_") + name);
    if (!text.empty()) {
      config::apply_override(settings, std::string("products.") + name, text,
                             request.results.string());
    }
  }
  apply_explicit_products(settings, config);
  validate(settings);

  io::ParticleTable particles = results.particles;
  std::erase_if(particles.extra,
                [](const io::ParticleColumn& column) { return column.name == "particle_flag"; });
  std::string source = results.hologram_time_long_name;
  const std::size_t open = source.find('('), close = source.rfind(')');
  source = open != std::string::npos && close > open ? source.substr(open + 1, close - open - 1)
                                                     : "the results' hologram_time";
  std::vector<double> times_by_hid;
  for (std::size_t k = 0; k < results.holograms.size() && !results.hologram_time.empty(); ++k) {
    const auto index = static_cast<std::size_t>(results.holograms[k].hid - 1);
    if (times_by_hid.size() <= index) {
      times_by_hid.resize(index + 1, std::numeric_limits<double>::quiet_NaN());
    }
    times_by_hid[index] = results.hologram_time[k];
  }
  const products::RunHolograms holograms =
      run_holograms(results.holograms, times_by_hid, results.hologram_time_units, source);
  products::Products made = products::make_products(
      particles, holograms, frame_of(size_x, size_y, optics), config::product_settings(settings));

  io::Attributes attributes;
  for (const auto& [name, value] : results.attributes) {
    if (!name.starts_with("products_") && !name.starts_with("run_") &&
        !name.starts_with("sample_volume_") && name != "Nx" && name != "Ny" &&
        name != "Conventions" && name != io::kHologramsCovered && name != "stats_command_line") {
      attributes.emplace_back(name, value);
    }
  }
  attributes.emplace_back("Conventions", std::string("CF-1.10"));
  attributes.emplace_back("stats_command_line", request.command_line);
  for (auto& attribute : products::product_attributes(made)) {
    attributes.push_back(std::move(attribute));
  }
  io::write_batch_results(
      request.out, particles, results.holograms, attributes,
      [&made](io::NetcdfWriter& writer) { products::put_products(writer, made); });
  return made;
}

}  // namespace holodet::pipeline
