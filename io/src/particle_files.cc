#include "holodet/io/particle_files.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hdf5_handle.h"
#include "hdf5_particles.h"
#include "holodet/core/error.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/atomic_output.h"

namespace holodet::io {
namespace {

constexpr const char* kCoreHeader[] = {"hid", "x", "y", "z", "d"};

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, ',')) {
    while (!field.empty() && (field.back() == '\r' || field.back() == ' ')) {
      field.pop_back();
    }
    const std::size_t first = field.find_first_not_of(' ');
    fields.push_back(first == std::string::npos ? "" : field.substr(first));
  }
  if (!line.empty() && line.back() == ',') {
    fields.emplace_back();
  }
  return fields;
}

double parse_number(const std::string& text, const std::filesystem::path& path, std::size_t line,
                    const std::string& column) {
  double value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    throw bad_input(path.string() + ":" + std::to_string(line) + ": column " + column + ": '" +
                    text + "' is not a finite number");
  }
  return value;
}

std::string extension_of(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  for (char& c : extension) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return extension;
}

}  // namespace

void write_particles_csv(const std::filesystem::path& path, const ParticleTable& table) {
  table.check_consistent(path.string());
  AtomicOutput output(path);
  {
    std::ofstream file(output.temp_path());
    file << "hid,x,y,z,d";
    for (const ParticleColumn& column : table.extra) {
      file << ',' << column.name;
    }
    file << '\n';
    file.precision(9);  // float32 round-trips exactly with 9 significant digits
    for (std::size_t row = 0; row < table.size(); ++row) {
      file << table.hid[row] << ',' << table.x_um[row] << ',' << table.y_um[row] << ','
           << table.z_um[row] << ',' << table.d_um[row];
      for (const ParticleColumn& column : table.extra) {
        file << ',' << column.values[row];
      }
      file << '\n';
    }
    file.flush();
    if (!file) {
      throw runtime_failure(path.string() + ": cannot write (disk full?)");
    }
  }
  output.commit();
}

ParticleTable read_particles_csv(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) {
    throw bad_input(path.string() + ": cannot open");
  }
  std::string line;
  if (!std::getline(file, line)) {
    throw bad_input(path.string() + ": empty file, expected a header hid,x,y,z,d");
  }
  const std::vector<std::string> header = split_csv_line(line);
  for (std::size_t k = 0; k < 5; ++k) {
    if (header.size() <= k || header[k] != kCoreHeader[k]) {
      throw bad_input(path.string() + ":1: header must start with hid,x,y,z,d (got '" + line +
                      "')");
    }
  }
  ParticleTable table;
  for (std::size_t k = 5; k < header.size(); ++k) {
    table.extra.push_back({header[k], "", {}});
  }
  std::size_t line_number = 1;
  while (std::getline(file, line)) {
    ++line_number;
    if (line.empty() || line == "\r") {
      continue;
    }
    const std::vector<std::string> fields = split_csv_line(line);
    if (fields.size() != header.size()) {
      throw bad_input(path.string() + ":" + std::to_string(line_number) + ": " +
                      std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(header.size()));
    }
    std::vector<double> numbers;
    for (std::size_t k = 0; k < fields.size(); ++k) {
      numbers.push_back(parse_number(fields[k], path, line_number, header[k]));
    }
    if (numbers[0] < 1 || numbers[0] != std::floor(numbers[0])) {
      throw bad_input(path.string() + ":" + std::to_string(line_number) + ": hid " + fields[0] +
                      " is not a 1-based hologram id");
    }
    table.append(static_cast<int>(numbers[0]), static_cast<float>(numbers[1]),
                 static_cast<float>(numbers[2]), static_cast<float>(numbers[3]),
                 static_cast<float>(numbers[4]));
    for (std::size_t k = 5; k < numbers.size(); ++k) {
      table.extra[k - 5].values.push_back(static_cast<float>(numbers[k]));
    }
  }
  return table;
}

void put_particle_table(NetcdfWriter& writer, const ParticleTable& table) {
  writer.define_dimension("particle", table.size());
  auto column = [](const char* name, ValueType type, const char* longname, const char* units) {
    return VariableSpec{
        name, type, {"particle"},
        {},   0,    Attributes{{"longname", std::string(longname)}, {"units", std::string(units)}}};
  };
  writer.define_variable(column("hid", ValueType::kInt32, "hologram id (1-based)", "1"));
  writer.define_variable(
      column("x", ValueType::kFloat32, "x position from the image centre", "um"));
  writer.define_variable(
      column("y", ValueType::kFloat32, "y position from the image centre", "um"));
  writer.define_variable(column("z", ValueType::kFloat32, "distance from the sensor", "um"));
  writer.define_variable(column("d", ValueType::kFloat32, "diameter", "um"));
  for (const ParticleColumn& extra : table.extra) {
    writer.define_variable(
        VariableSpec{extra.name,
                     ValueType::kFloat32,
                     {"particle"},
                     {},
                     0,
                     Attributes{{"units", extra.units.empty() ? "1" : extra.units}}});
  }
  writer.write("hid", std::span<const std::int32_t>(table.hid));
  writer.write("x", std::span<const float>(table.x_um));
  writer.write("y", std::span<const float>(table.y_um));
  writer.write("z", std::span<const float>(table.z_um));
  writer.write("d", std::span<const float>(table.d_um));
  for (const ParticleColumn& extra : table.extra) {
    writer.write(extra.name, std::span<const float>(extra.values));
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
    return hdf5::read_particle_table(file.get(), *count, path.string());
  }
  return read_particles_csv(path);
}

}  // namespace holodet::io
