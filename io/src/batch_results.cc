#include "holodet/io/batch_results.h"

#include <cstdio>
#include <span>

#include "hdf5_attributes.h"
#include "hdf5_handle.h"
#include "holodet/core/error.h"
#include "holodet/io/particle_files.h"

namespace holodet::io {

void write_batch_results(const std::filesystem::path& path, const ParticleTable& particles,
                         const std::vector<HologramRecord>& holograms,
                         const Attributes& global_attributes,
                         const std::function<void(NetcdfWriter&)>& add_more) {
  particles.check_consistent(path.string());
  NetcdfWriter writer(path);
  put_particle_table(writer, particles);
  writer.define_dimension("hologram", holograms.size());
  auto column = [](const char* name, ValueType type, const char* longname, const char* units) {
    return VariableSpec{name, type, {"hologram"},
                        {},   0,    described(longname, units != nullptr ? units : "")};
  };
  writer.define_variable(column("hologram_hid", ValueType::kInt32, "hologram id (1-based)", "1"));
  writer.define_variable(
      column("hologram_status", ValueType::kString, "ok, or failed (see hologram_error)", nullptr));
  writer.define_variable(column("hologram_particles", ValueType::kInt32, "particles found", "1"));
  VariableSpec crowded =
      column("hologram_crowded", ValueType::kInt32,
             "whether the candidates were found with the crowded frame's settings", nullptr);
  crowded.attributes.emplace_back("flag_values",
                                  std::vector<std::int32_t>{kCrowdedNotKnown, kSparse, kCrowded});
  crowded.attributes.emplace_back("flag_meanings", std::string("not_known sparse crowded"));
  crowded.attributes.emplace_back(
      "comment",
      std::string("crowded: dark spots on the minimum projection reach "
                  "classic.crowded_candidates_per_mpx, or its clutter classic.crowded_clutter; "
                  "shadows overlap there, detection finds fewer of the particles and the "
                  "concentration is low. not_known: the hologram failed, or was processed by a "
                  "holodet that did not record this"));
  writer.define_variable(crowded);
  writer.define_variable(
      column("seconds_read", ValueType::kFloat64, "reading and decompressing", "s"));
  writer.define_variable(column("seconds_propagation", ValueType::kFloat64,
                                "spectrum and propagation, summed over plane workers", "s"));
  writer.define_variable(column("seconds_network", ValueType::kFloat64,
                                "the segmentation network, summed over plane workers", "s"));
  writer.define_variable(column("seconds_analysis", ValueType::kFloat64,
                                "candidates, masks, focus and clustering", "s"));
  writer.define_variable(
      column("seconds_total", ValueType::kFloat64, "the hologram from start to commit", "s"));
  writer.define_variable(
      column("hologram_error", ValueType::kString, "why the hologram failed", nullptr));
  std::vector<std::int32_t> hid, count, crowded_flag;
  std::vector<std::string> status, error;
  std::vector<double> read, propagation, network, analysis, total;
  for (const HologramRecord& record : holograms) {
    hid.push_back(record.hid);
    count.push_back(record.particles);
    crowded_flag.push_back(record.crowded);
    status.push_back(record.status);
    error.push_back(record.error);
    read.push_back(record.seconds_read);
    propagation.push_back(record.seconds_propagation);
    network.push_back(record.seconds_network);
    analysis.push_back(record.seconds_analysis);
    total.push_back(record.seconds_total);
  }
  writer.write("hologram_hid", std::span<const std::int32_t>(hid));
  writer.write("hologram_status", std::span<const std::string>(status));
  writer.write("hologram_particles", std::span<const std::int32_t>(count));
  writer.write("hologram_crowded", std::span<const std::int32_t>(crowded_flag));
  writer.write("seconds_read", std::span<const double>(read));
  writer.write("seconds_propagation", std::span<const double>(propagation));
  writer.write("seconds_network", std::span<const double>(network));
  writer.write("seconds_analysis", std::span<const double>(analysis));
  writer.write("seconds_total", std::span<const double>(total));
  writer.write("hologram_error", std::span<const std::string>(error));
  if (add_more) {
    add_more(writer);
  }
  for (const auto& [name, value] : global_attributes) {
    writer.set_global_attribute(name, value);
  }
  writer.commit();
}

namespace {

template <typename T>
std::vector<T> read_numbers(hid_t file, const char* name, hid_t memory_type, std::size_t count,
                            const std::string& origin) {
  const hdf5::Handle dataset =
      hdf5::checked(H5Dopen2(file, name, H5P_DEFAULT), origin + ": variable " + name);
  std::vector<T> values(count);
  if (count > 0) {
    hdf5::check(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                origin + ": reading " + name);
  }
  return values;
}

std::vector<std::string> read_strings(hid_t file, const char* name, std::size_t count,
                                      const std::string& origin) {
  const hdf5::Handle dataset =
      hdf5::checked(H5Dopen2(file, name, H5P_DEFAULT), origin + ": variable " + name);
  hdf5::Handle type(H5Tcopy(H5T_C_S1));
  H5Tset_size(type.get(), H5T_VARIABLE);
  std::vector<char*> pointers(count, nullptr);
  std::vector<std::string> values;
  if (count > 0) {
    hdf5::check(H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                origin + ": reading " + name);
  }
  for (char* pointer : pointers) {
    values.emplace_back(pointer != nullptr ? pointer : "");
  }
  if (count > 0) {
    const hdf5::Handle space(H5Dget_space(dataset.get()));
    H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, pointers.data());
  }
  return values;
}

// Without file locking: a results file on a shared file system may be read while a job writes
// its neighbours.
hdf5::Handle open_read_only(const std::filesystem::path& path) {
  hdf5::silence_error_printing();
  hdf5::Handle access(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_file_locking(access.get(), false, true);
  return hdf5::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get()),
                       path.string() + ": cannot open as HDF5");
}

}  // namespace

std::vector<HologramRecord> read_hologram_table(const std::filesystem::path& path) {
  const std::string origin = path.string();
  const hdf5::Handle file = open_read_only(path);
  if (H5Lexists(file.get(), "hologram_hid", H5P_DEFAULT) <= 0) {
    throw bad_input(origin + ": no hologram table (not a holodet batch results file)");
  }
  const hdf5::Handle dataset = hdf5::checked(H5Dopen2(file.get(), "hologram_hid", H5P_DEFAULT),
                                             origin + ": variable hologram_hid");
  const std::vector<hsize_t> dims = hdf5::extent(dataset.get());
  const std::size_t count = dims.empty() ? 0 : dims.front();
  const auto hid =
      read_numbers<std::int32_t>(file.get(), "hologram_hid", H5T_NATIVE_INT32, count, origin);
  const auto particles =
      read_numbers<std::int32_t>(file.get(), "hologram_particles", H5T_NATIVE_INT32, count, origin);
  // Results written before the column have none: every hologram's scene is not known.
  const auto crowded = H5Lexists(file.get(), "hologram_crowded", H5P_DEFAULT) > 0
                           ? read_numbers<std::int32_t>(file.get(), "hologram_crowded",
                                                        H5T_NATIVE_INT32, count, origin)
                           : std::vector<std::int32_t>(count, kCrowdedNotKnown);
  const auto status = read_strings(file.get(), "hologram_status", count, origin);
  const auto error = read_strings(file.get(), "hologram_error", count, origin);
  const char* seconds[] = {"seconds_read", "seconds_propagation", "seconds_network",
                           "seconds_analysis", "seconds_total"};
  std::vector<std::vector<double>> times;
  for (const char* name : seconds) {
    times.push_back(read_numbers<double>(file.get(), name, H5T_NATIVE_DOUBLE, count, origin));
  }
  std::vector<HologramRecord> records(count);
  for (std::size_t k = 0; k < count; ++k) {
    records[k] = {hid[k],      status[k],   particles[k], crowded[k],  times[0][k],
                  times[1][k], times[2][k], times[3][k],  times[4][k], error[k]};
  }
  return records;
}

std::string BatchResultsFile::attribute(const std::string& name) const {
  for (const auto& [key, value] : attributes) {
    if (key != name) {
      continue;
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
      return *text;
    }
    char buffer[40];
    if (const auto* number = std::get_if<double>(&value)) {
      std::snprintf(buffer, sizeof(buffer), "%.17g", *number);
      return buffer;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      return std::to_string(*integer);
    }
    return "";
  }
  return "";
}

std::optional<double> BatchResultsFile::number(const std::string& name) const {
  for (const auto& [key, value] : attributes) {
    if (key != name) {
      continue;
    }
    if (const auto* real = std::get_if<double>(&value)) {
      return *real;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      return static_cast<double>(*integer);
    }
  }
  return std::nullopt;
}

BatchResultsFile read_batch_results(const std::filesystem::path& path) {
  BatchResultsFile results;
  results.holograms = read_hologram_table(path);
  results.particles = read_particles(path);
  const std::string origin = path.string();
  const hdf5::Handle file = open_read_only(path);
  hsize_t position = 0;
  std::vector<std::string> names;
  H5Aiterate2(
      file.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &position,
      [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  for (const std::string& name : names) {
    if (name.starts_with('_')) {
      continue;
    }
    hdf5::Handle attribute(H5Aopen(file.get(), name.c_str(), H5P_DEFAULT));
    if (!attribute.valid()) {
      continue;
    }
    if (std::optional<AttributeValue> value = hdf5::attribute_value(attribute.get())) {
      results.attributes.emplace_back(name, std::move(*value));
    }
  }
  if (H5Lexists(file.get(), "hologram_time", H5P_DEFAULT) > 0) {
    const hdf5::Handle times(H5Dopen2(file.get(), "hologram_time", H5P_DEFAULT));
    const std::vector<hsize_t> dims = hdf5::extent(times.get());
    if (dims.size() != 1 || dims[0] != results.holograms.size()) {
      throw bad_input(origin + ": hologram_time does not have one value per hologram");
    }
    results.hologram_time = read_numbers<double>(file.get(), "hologram_time", H5T_NATIVE_DOUBLE,
                                                 results.holograms.size(), origin);
    const hdf5::Handle dataset(H5Dopen2(file.get(), "hologram_time", H5P_DEFAULT));
    for (const auto& [attribute_name, target] :
         {std::pair{"units", &results.hologram_time_units},
          std::pair{"long_name", &results.hologram_time_long_name}}) {
      if (H5Aexists(dataset.get(), attribute_name) > 0) {
        hdf5::Handle attribute(H5Aopen(dataset.get(), attribute_name, H5P_DEFAULT));
        *target = hdf5::attribute_as_text(attribute.get());
      }
    }
  }
  hdf5::take_error_stack();
  return results;
}

}  // namespace holodet::io
