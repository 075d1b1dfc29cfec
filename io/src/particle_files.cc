#include "holodet/io/particle_files.h"

#include <string>
#include <vector>

#include "hdf5_attributes.h"
#include "hdf5_handle.h"
#include "hdf5_particles.h"
#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/atomic_output.h"

namespace holodet::io {
namespace {

std::string extension_of(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return extension;
}

// The long names of the extra columns holodet's detectors write; another's name stands for
// itself.
std::string extra_column_long_name(const std::string& name) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"score", "mean network probability over the particle at its best plane"},
      {"planes", "planes the particle was detected on"},
      {"z_err", "depth uncertainty (about 68 % of depth errors fall within it)"},
      {"contrast", "in-focus contrast: 1 - floor / background"},
      {"area_px", "in-focus area"},
      {"aspect_ratio", "major / minor axis of the in-focus mask (1: round)"},
  };
  for (const auto& [known, long_name] : kKnown) {
    if (name == known) {
      return long_name;
    }
  }
  return name;
}

}  // namespace

void put_particle_table(NetcdfWriter& writer, const ParticleTable& table) {
  writer.define_dimension("particle", table.size());
  auto column = [](const char* name, ValueType type, const char* longname, const char* units) {
    return VariableSpec{name, type, {"particle"}, {}, 0, described(longname, units)};
  };
  writer.define_variable(column("hid", ValueType::kInt32, "hologram id (1-based)", "1"));
  writer.define_variable(
      column("x", ValueType::kFloat32, "x position from the image centre", "um"));
  writer.define_variable(
      column("y", ValueType::kFloat32, "y position from the image centre", "um"));
  writer.define_variable(column("z", ValueType::kFloat32, "distance from the sensor", "um"));
  writer.define_variable(column("d", ValueType::kFloat32, "diameter", "um"));
  for (const ParticleColumn& extra : table.extra) {
    writer.define_variable(VariableSpec{
        extra.name,
        ValueType::kFloat32,
        {"particle"},
        {},
        0,
        described(extra_column_long_name(extra.name), extra.units.empty() ? "1" : extra.units)});
  }
  writer.write("hid", std::span<const std::int32_t>(table.hid));
  writer.write("x", std::span<const float>(table.x_um));
  writer.write("y", std::span<const float>(table.y_um));
  writer.write("z", std::span<const float>(table.z_um));
  writer.write("d", std::span<const float>(table.d_um));
  for (const ParticleColumn& extra : table.extra) {
    writer.write(extra.name, std::span<const float>(extra.values));
  }
  if (!table.holograms.empty()) {
    writer.set_global_attribute(kHologramsCovered, format_hologram_ids(table.holograms));
  }
}

void write_particles_netcdf(const std::filesystem::path& path, const ParticleTable& table,
                            const Attributes& global_attributes) {
  table.check_consistent(path.string());
  NetcdfWriter writer(path);
  put_particle_table(writer, table);
  for (const auto& [name, value] : global_attributes) {
    writer.set_global_attribute(name, value);
  }
  writer.commit();
}

void write_particles(const std::filesystem::path& path, const ParticleTable& table,
                     const Attributes& global_attributes) {
  const std::string extension = extension_of(path);
  if (extension == ".csv") {
    write_particles_csv(path, table);
  } else if (extension == ".nc" || extension == ".h5" || extension == ".nc4") {
    write_particles_netcdf(path, table, global_attributes);
  } else {
    throw bad_input(path.string() + ": unknown output format '" + extension +
                    "' (use .csv or .nc)");
  }
}

ParticleTable read_particles(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw bad_input(path.string() + ": is a folder, not a particle table");
  }
  if (!std::filesystem::is_regular_file(path, error)) {
    throw bad_input(path.string() + ": no such file");
  }
  if (looks_like_hdf5(path)) {
    // A results file holds only the table; an archive holds images too. Both read the same.
    hdf5::silence_error_printing();
    hdf5::Handle access(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_file_locking(access.get(), false, true);
    const hdf5::Handle file = hdf5::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get()),
                                            path.string() + ": cannot open as HDF5");
    const std::optional<std::size_t> count = hdf5::particle_count(file.get(), path.string());
    if (!count) {
      throw bad_input(path.string() + ": no particle table (variables hid, x, y, z, d)");
    }
    ParticleTable table = hdf5::read_particle_table(file.get(), *count, path.string());
    if (H5Aexists(file.get(), kHologramsCovered) > 0) {
      const hdf5::Handle attribute(H5Aopen(file.get(), kHologramsCovered, H5P_DEFAULT));
      const std::string text = hdf5::attribute_as_text(attribute.get());
      table.holograms = parse_hologram_ids(text, path.string() + ": attribute " + kHologramsCovered)
                            .value_or(std::vector<int>{});
    }
    return table;
  }
  return read_particles_csv(path);
}

}  // namespace holodet::io
