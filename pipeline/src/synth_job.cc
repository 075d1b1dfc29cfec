#include "holodet/pipeline/synth_job.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

#include "holodet/core/error.h"
#include "holodet/core/progress.h"
#include "holodet/core/version.h"
#include "holodet/io/netcdf_writer.h"
#include "holodet/io/output_paths.h"
#include "holodet/simulate/synthetic_hologram.h"

namespace holodet::pipeline {
namespace {

// Particle variables in the order, and with the longname and units strings, of the published
// files (NCAR's simulator).
struct ColumnSpec {
  const char* name;
  const char* longname;
  const char* units;
};
constexpr ColumnSpec kColumns[] = {
    {"hid", "Hologram index (1-based, first hologram index = 1)", "unitless"},
    {"d", "Particle Diameter", "microns"},
    {"x", "Particle x-position (origin at center)", "microns"},
    {"y", "Particle y-position (origin at center)", "microns"},
    {"z", "Particle z-position (origin at sensor)", "microns"},
    {"n0", "Gamma distribution N0", "m^-4"},
    {"mu", "Gamma distribution mu", "unitless"},
    {"lam", "Gamma distribution lambda", "1/m"},
    {"distid", "Gamma distribution index", "unitless"},
};
constexpr ColumnSpec kShapeColumns[] = {
    {"aspect", "Particle minor/major axis ratio (1 = sphere)", "unitless"},
    {"theta", "Particle major axis angle from +x towards +y", "radians"},
};

struct Table {
  std::vector<float> columns[std::size(kColumns) + std::size(kShapeColumns)];
};

void check(const SynthRequest& r) {
  if (r.holograms < 1 || r.size_x < 16 || r.size_y < 16) {
    throw bad_input("synth: need at least 1 hologram of at least 16 x 16 px (got " +
                    std::to_string(r.holograms) + " of " + std::to_string(r.size_x) + " x " +
                    std::to_string(r.size_y) + ")");
  }
  if (r.out.extension() != ".nc") {
    throw bad_input("synth: --out " + r.out.string() + ": the archive's name must end in .nc");
  }
  io::check_output_file(r.out, "--out", {".nc"}, {});
}

void write_global_attributes(io::NetcdfWriter& writer, const SynthRequest& r, double noise_level) {
  const Optics& optics = r.simulation.optics;
  const simulate::SensorSettings& sensor = r.sensor;
  writer.set_global_attribute("DateCreated", r.date_created);
  const std::pair<const char*, double> numbers[] = {
      {"Nx", static_cast<double>(r.size_x)},
      {"Ny", static_cast<double>(r.size_y)},
      {"dx", optics.pixel_pitch_x_m},
      {"dy", optics.pixel_pitch_y_m},
      {"lambda", optics.wavelength_m},
      {"Dpmin", r.population.d_min_um * 1e-6},
      {"Dpmax", r.population.d_max_um * 1e-6},
      {"zMin", r.population.z_min_um * 1e-6},
      {"zMax", r.population.z_max_um * 1e-6},
      {"NParticles", static_cast<double>(r.population.count)},
      {"Nbits", static_cast<double>(sensor.nbits)},
      {"ccdelevel", sensor.ccdelevel},
      {"gainFactor", sensor.gain_factor},
      {"readNoiseSTD", sensor.read_noise_std},
      {"gaussCornCon", 1.0},
      {"lowPassFiltCutoff", sensor.low_pass_cutoff},
      {"fracBeamDistort", sensor.frac_beam_distort},
      {"partRelInt", 0.5},
      {"nHolograms", static_cast<double>(r.holograms)},
      {"superSamplingRate", 1.0},
      {"noiseLevel", noise_level},
  };
  for (const auto& [name, value] : numbers) {
    writer.set_global_attribute(name, value);
  }
  const std::pair<const char*, bool> switches[] = {
      {"should_beam", sensor.should_beam},
      {"should_noise", sensor.should_noise},
      {"should_lnoise", sensor.should_beam},
      {"makeRandParts", true},
      {"should_random", true},
      {"should_extend_domain", true},
      {"should_cache", false},
  };
  for (const auto& [name, value] : switches) {
    writer.set_global_attribute(name, std::int64_t{value ? 1 : 0});
  }
  writer.set_global_attribute("generator", "holodet synth " + version());
  writer.set_global_attribute("seed", static_cast<std::int64_t>(r.seed));
  writer.set_global_attribute("ellipseFraction", r.population.ellipse_fraction);
  writer.set_global_attribute("paddingFraction", r.simulation.padding_fraction);
  if (r.artefacts.any()) {  // only then: archives without artefacts keep their bytes
    writer.set_global_attribute("windowDust", static_cast<std::int64_t>(r.artefacts.window_dust));
    writer.set_global_attribute("fixedWindowDust",
                                static_cast<std::int64_t>(r.artefacts.fixed_window_dust));
    writer.set_global_attribute("strayFringeContrast", r.artefacts.stray_fringe_contrast);
    writer.set_global_attribute("hotPixels", static_cast<std::int64_t>(r.artefacts.hot_pixels));
    writer.set_global_attribute("powerJitter", r.artefacts.power_jitter);
  }
}

// Window dust that stays put over the archive: drawn once, from the seed alone.
std::vector<simulate::SimParticle> archive_dust(const SynthRequest& request) {
  if (request.artefacts.fixed_window_dust == 0) {
    return {};
  }
  std::seed_seq seeds{static_cast<std::uint32_t>(request.seed),
                      static_cast<std::uint32_t>(request.seed >> 32), 0x66697864u};
  std::mt19937_64 random(seeds);
  simulate::ArtefactSettings settings = request.artefacts;
  settings.window_dust = settings.fixed_window_dust;
  const Optics& optics = request.simulation.optics;
  std::vector<simulate::SimParticle> specks = simulate::draw_window_dust(
      settings, request.size_x, request.size_y, optics.pixel_pitch_x_m * 1e6,
      optics.pixel_pitch_y_m * 1e6, request.population.z_max_um, random);
  if (settings.fixed_dust_z_um > 0) {
    for (simulate::SimParticle& speck : specks) {
      speck.z_um = settings.fixed_dust_z_um;
    }
  }
  return specks;
}

}  // namespace

namespace {

// Now, or SOURCE_DATE_EPOCH when set (reproducible archives), in `format` (UTC).
std::string creation_moment(const char* format) {
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr) {
    now = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  }
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), format, &utc);
  return text;
}

}  // namespace

std::string creation_date() {
  return creation_moment("%d-%b-%Y");
}

std::string creation_time() {
  return creation_moment("%Y-%m-%d %H:%M:%S");
}

SynthSummary run_synth(const SynthRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  check(request);
  const bool shapes = request.population.ellipse_fraction > 0;
  const std::size_t particle_count =
      static_cast<std::size_t>(request.holograms) * request.population.count;
  io::NetcdfWriter writer(request.out);
  writer.define_dimension("hologram_number", static_cast<std::size_t>(request.holograms));
  writer.define_dimension("xsize", request.size_x);
  writer.define_dimension("ysize", request.size_y);
  writer.define_dimension("particle", particle_count);
  const bool sixteen_bit = request.sensor.nbits == 16;
  writer.define_variable({"image",
                          sixteen_bit ? io::ValueType::kUint16 : io::ValueType::kUint8,
                          {"hologram_number", "xsize", "ysize"},
                          {1, request.size_x, request.size_y},
                          4,
                          {{"longname", std::string("Hologram image")}}});
  for (const ColumnSpec& column : kColumns) {
    writer.define_variable(
        {column.name,
         io::ValueType::kFloat32,
         {"particle"},
         {},
         0,
         {{"longname", std::string(column.longname)}, {"units", std::string(column.units)}}});
  }
  if (shapes) {
    for (const ColumnSpec& column : kShapeColumns) {
      writer.define_variable(
          {column.name,
           io::ValueType::kFloat32,
           {"particle"},
           {},
           0,
           {{"longname", std::string(column.longname)}, {"units", std::string(column.units)}}});
    }
  }

  simulate::HologramSimulator simulator(request.size_x, request.size_y, request.simulation);
  const std::vector<simulate::SimParticle> fixed_specks = archive_dust(request);
  if (request.hologram_period_s > 0) {
    writer.define_variable({"hologram_time",
                            io::ValueType::kFloat64,
                            {"hologram_number"},
                            {},
                            0,
                            {{"long_name", std::string("time of the exposure")},
                             {"units", "seconds since " + request.time_origin},
                             {"standard_name", std::string("time")}}});
    std::vector<double> times;
    for (int hid = 1; hid <= request.holograms; ++hid) {
      times.push_back(request.hologram_period_s * (hid - 1));
    }
    writer.write("hologram_time", std::span<const double>(times));
  }
  Table table;
  double noise_level = 0;
  Progress progress("synth " + request.out.filename().string(),
                    static_cast<std::size_t>(request.holograms), "holograms", request.quiet);
  for (int hid = 1; hid <= request.holograms; ++hid) {
    std::seed_seq seeds{static_cast<std::uint32_t>(request.seed),
                        static_cast<std::uint32_t>(request.seed >> 32),
                        static_cast<std::uint32_t>(hid)};
    std::mt19937_64 random(seeds);
    // The artefacts' own stream: switching them on changes neither particles nor noise.
    std::seed_seq artefact_seeds{static_cast<std::uint32_t>(request.seed),
                                 static_cast<std::uint32_t>(request.seed >> 32),
                                 static_cast<std::uint32_t>(hid), 0x61727466u};
    std::mt19937_64 artefact_random(artefact_seeds);
    const simulate::SyntheticHologram made =
        simulate::make_synthetic_hologram(simulator, request.population, request.sensor, random,
                                          request.artefacts, &artefact_random, fixed_specks);
    const simulate::Population& population = made.population;
    const std::vector<std::uint16_t>& counts = made.counts;
    noise_level = made.noise_level;
    if (sixteen_bit) {
      writer.write_slab("image", static_cast<std::size_t>(hid - 1), counts);
    } else {
      const std::vector<std::uint8_t> bytes(counts.begin(), counts.end());
      writer.write_slab("image", static_cast<std::size_t>(hid - 1), bytes);
    }
    for (const simulate::SimParticle& p : population.particles) {
      const double values[] = {static_cast<double>(hid),
                               p.d_um,
                               p.x_um,
                               p.y_um,
                               p.z_um,
                               population.gamma_n0,
                               population.gamma_mu,
                               population.gamma_lambda,
                               static_cast<double>(hid),
                               p.aspect,
                               p.orientation};
      for (std::size_t c = 0; c < std::size(values); ++c) {
        table.columns[c].push_back(static_cast<float>(values[c]));
      }
    }
    progress.advance();
  }
  progress.finish();
  for (std::size_t c = 0; c < std::size(kColumns); ++c) {
    writer.write(kColumns[c].name, std::span<const float>(table.columns[c]));
  }
  if (shapes) {
    for (std::size_t c = 0; c < std::size(kShapeColumns); ++c) {
      writer.write(kShapeColumns[c].name,
                   std::span<const float>(table.columns[std::size(kColumns) + c]));
    }
  }
  write_global_attributes(writer, request, noise_level);
  writer.commit();
  return {request.holograms, particle_count,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

}  // namespace holodet::pipeline
