// Particle tables as CSV: written as holodet's own `hid,x,y,z,d,...`, read from whatever a
// scientist's tools wrote (columns by name, units in the name, a pandas index column).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/io/atomic_output.h"
#include "holodet/io/particle_files.h"

namespace holodet::io {
namespace {

constexpr const char* kCoreColumns[] = {"hid", "x", "y", "z", "d"};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
    text.pop_back();
  }
  const std::size_t first = text.find_first_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first);
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, ',')) {
    field = trimmed(field);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
      field = field.substr(1, field.size() - 2);
    }
    fields.push_back(field);
  }
  if (!line.empty() && line.back() == ',') {
    fields.emplace_back();
  }
  return fields;
}

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || status != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// What a header names: one of our columns (or none) and the factor to µm.
struct ColumnName {
  std::string name;  // lower case, unit removed: "x", "hid", "score"
  double to_um = 1;
};

// "x_um", "x (um)", "X [µm]", "z_mm", "d" → the name and the factor from its unit to µm.
ColumnName read_column_name(std::string header, const std::string& where) {
  std::transform(header.begin(), header.end(), header.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  struct Unit {
    const char* text;
    double to_um;
  };
  static constexpr Unit kUnits[] = {{"um", 1},      {"\xc2\xb5m", 1}, {"micron", 1},
                                    {"microns", 1}, {"mm", 1e3},      {"m", 1e6}};
  std::string name = trimmed(header);
  std::string unit;
  const std::size_t open = name.find_first_of("([");
  if (open != std::string::npos && (name.back() == ')' || name.back() == ']')) {
    unit = trimmed(name.substr(open + 1, name.size() - open - 2));
    name = trimmed(name.substr(0, open));
  } else if (const std::size_t underscore = name.rfind('_'); underscore != std::string::npos) {
    const std::string suffix = name.substr(underscore + 1);
    for (const Unit& known : kUnits) {
      if (suffix == known.text) {
        unit = suffix;
        name = name.substr(0, underscore);
      }
    }
  }
  if (name == "diameter") {
    name = "d";
  }
  ColumnName column{name, 1};
  if (unit.empty()) {
    return column;
  }
  for (const Unit& known : kUnits) {
    if (unit == known.text) {
      column.to_um = known.to_um;
      return column;
    }
  }
  const bool is_position = name == "x" || name == "y" || name == "z" || name == "d";
  if (is_position) {
    throw bad_input(where + ": column '" + header + "': unknown unit '" + unit +
                    "' (use um, mm or m)");
  }
  return column;  // an extra column's own unit (e.g. "area (px)") is its business
}

// A pandas index column: unnamed, "Unnamed: 0" or "index".
bool is_index_column(const std::string& header) {
  return header.empty() || header.rfind("Unnamed:", 0) == 0 || header == "index";
}

}  // namespace

void write_particles_csv(std::ostream& stream, const ParticleTable& table) {
  if (!table.holograms.empty()) {
    stream << "# " << kHologramsCovered << ": " << format_hologram_ids(table.holograms) << '\n';
  }
  stream << "hid,x,y,z,d";
  for (const ParticleColumn& column : table.extra) {
    stream << ',' << column.name;
  }
  stream << '\n';
  const std::streamsize precision = stream.precision(9);  // float32 round-trips with 9 digits
  for (std::size_t row = 0; row < table.size(); ++row) {
    stream << table.hid[row] << ',' << table.x_um[row] << ',' << table.y_um[row] << ','
           << table.z_um[row] << ',' << table.d_um[row];
    for (const ParticleColumn& column : table.extra) {
      stream << ',' << column.values[row];
    }
    stream << '\n';
  }
  stream.precision(precision);
}

void write_particles_csv(const std::filesystem::path& path, const ParticleTable& table) {
  table.check_consistent(path.string());
  AtomicOutput output(path);
  {
    std::ofstream file(output.temp_path());
    write_particles_csv(file, table);
    file.flush();
    if (!file) {
      throw write_failure(path.string(), errno);
    }
  }
  output.commit();
}

ParticleTable read_particles_csv(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) {
    throw bad_input(path.string() + ": cannot open");
  }
  const std::string origin = path.string();
  ParticleTable table;
  std::string line;
  std::size_t line_number = 0;
  bool have_header = false;
  while (!have_header && std::getline(file, line)) {
    ++line_number;
    const std::string text = trimmed(line);
    if (text.empty()) {
      continue;
    }
    if (text.front() != '#') {
      have_header = true;
      break;
    }
    const std::string key = std::string("# ") + kHologramsCovered + ":";
    if (text.rfind(key, 0) == 0) {
      table.holograms =
          parse_hologram_ids(trimmed(text.substr(key.size())),
                             origin + ":" + std::to_string(line_number) + ": " + kHologramsCovered)
              .value_or(std::vector<int>{});
    }
  }
  if (!have_header) {
    throw bad_input(origin + ": empty file, expected a header naming hid, x, y, z, d");
  }
  const std::vector<std::string> header = split_csv_line(line);
  const std::size_t header_line = line_number;
  // Where each of hid, x, y, z, d is, and which other columns are kept as extras.
  std::size_t core_at[5];
  std::fill(std::begin(core_at), std::end(core_at), header.size());
  std::vector<ColumnName> names;
  std::vector<std::size_t> extra_at;
  for (std::size_t k = 0; k < header.size(); ++k) {
    const std::string where = origin + ":" + std::to_string(header_line);
    names.push_back(read_column_name(header[k], where));
    const auto core =
        std::find(std::begin(kCoreColumns), std::end(kCoreColumns), names.back().name);
    const bool hologram_name =
        names.back().name == "hologram" || names.back().name == "hologram_id";
    const std::size_t slot =
        hologram_name ? 0 : static_cast<std::size_t>(core - std::begin(kCoreColumns));
    if (slot < 5) {
      if (core_at[slot] != header.size()) {
        throw bad_input(where + ": two columns name " + kCoreColumns[slot] + " ('" +
                        header[core_at[slot]] + "' and '" + header[k] + "')");
      }
      core_at[slot] = k;
    } else if (!is_index_column(header[k])) {
      extra_at.push_back(k);
    }
  }
  for (std::size_t slot = 0; slot < 5; ++slot) {
    if (core_at[slot] == header.size()) {
      throw bad_input(origin + ":" + std::to_string(header_line) + ": no column " +
                      kCoreColumns[slot] + " (the table needs hid, x, y, z, d in um; got '" +
                      trimmed(line) + "')");
    }
  }
  // Extras are read as numbers; a column holding text anywhere is left out (a label, a date).
  std::vector<std::vector<double>> extra_values(extra_at.size());
  std::vector<bool> extra_numeric(extra_at.size(), true);
  while (std::getline(file, line)) {
    ++line_number;
    const std::string text = trimmed(line);
    if (text.empty() || text.front() == '#') {
      continue;
    }
    const std::vector<std::string> fields = split_csv_line(line);
    const std::string where = origin + ":" + std::to_string(line_number);
    if (fields.size() != header.size()) {
      throw bad_input(where + ": " + std::to_string(fields.size()) + " fields, the header has " +
                      std::to_string(header.size()));
    }
    double core[5];
    for (std::size_t slot = 0; slot < 5; ++slot) {
      const std::size_t k = core_at[slot];
      const std::optional<double> value = parse_number(fields[k]);
      if (!value) {
        throw bad_input(where + ": column " + header[k] + ": '" + fields[k] +
                        "' is not a finite number");
      }
      core[slot] = *value * (slot == 0 ? 1 : names[k].to_um);
    }
    if (core[0] < 1 || core[0] != std::floor(core[0]) || core[0] > 2147483647.0) {
      throw bad_input(where + ": hid " + fields[core_at[0]] + " is not a 1-based hologram id");
    }
    table.append(static_cast<int>(core[0]), static_cast<float>(core[1]),
                 static_cast<float>(core[2]), static_cast<float>(core[3]),
                 static_cast<float>(core[4]));
    for (std::size_t e = 0; e < extra_at.size(); ++e) {
      const std::optional<double> value = parse_number(fields[extra_at[e]]);
      extra_numeric[e] = extra_numeric[e] && value.has_value();
      extra_values[e].push_back(value.value_or(0));
    }
  }
  for (std::size_t e = 0; e < extra_at.size(); ++e) {
    if (!extra_numeric[e]) {
      continue;
    }
    // An extra keeps its header as it is: it is the user's column, read back under its name.
    ParticleColumn column{header[extra_at[e]], "", {}};
    column.values.assign(extra_values[e].begin(), extra_values[e].end());
    table.extra.push_back(std::move(column));
  }
  return table;
}

}  // namespace holodet::io
