#include "hdf5_particles.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "hdf5_attributes.h"
#include "hdf5_handle.h"
#include "holodet/core/error.h"

namespace holodet::io::hdf5 {
namespace {

constexpr std::array<const char*, 5> kParticleColumns = {"hid", "x", "y", "z", "d"};

// "2.5", "nan", "inf": a value as a message shows it.
std::string shortest(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

template <typename T>
std::vector<T> read_column(hid_t file, const char* name, hid_t memory_type, std::size_t expected,
                           const std::string& origin) {
  Handle dataset =
      checked(H5Dopen2(file, name, H5P_DEFAULT), origin + ": cannot open variable " + name);
  const std::vector<hsize_t> dims = extent(dataset.get());
  if (dims.size() != 1 || dims[0] != expected) {
    throw bad_input(origin + ": particle variable '" + name + "' has shape " + dims_text(dims) +
                    ", expected " + std::to_string(expected) + " values like 'hid'");
  }
  std::vector<T> values(expected);
  if (expected > 0) {
    check(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          origin + ": cannot read particle variable " + name);
  }
  return values;
}

// Names of the root group's links, in name order. (H5Lget_name_by_idx is the same in HDF5
// 1.10, 1.12 and 1.14, unlike the H5Literate/H5Oget_info families.)
std::vector<std::string> root_link_names(hid_t file, H5_index_t order) {
  std::vector<std::string> names;
  H5G_info_t group_info;
  if (H5Gget_info(file, &group_info) < 0) {
    take_error_stack();
    return names;
  }
  for (hsize_t k = 0; k < group_info.nlinks; ++k) {
    const ssize_t length =
        H5Lget_name_by_idx(file, ".", order, H5_ITER_INC, k, nullptr, 0, H5P_DEFAULT);
    if (length <= 0) {
      take_error_stack();
      return {};  // e.g. creation order asked of a file that does not track it
    }
    std::string name(static_cast<std::size_t>(length), '\0');
    H5Lget_name_by_idx(file, ".", order, H5_ITER_INC, k, name.data(), name.size() + 1, H5P_DEFAULT);
    names.push_back(std::move(name));
  }
  return names;
}

// The root group's link names in creation order where the file tracks it (netCDF and
// holodet files do: columns come back in the order they were written), else by name.
std::vector<std::string> root_link_names(hid_t file) {
  std::vector<std::string> names = root_link_names(file, H5_INDEX_CRT_ORDER);
  return names.empty() ? root_link_names(file, H5_INDEX_NAME) : names;
}

// True for a 1-D numeric dataset of `length` values that is not a NetCDF dimension.
// `particle_scale`: the `particle` dimension's dataset when the file has one (netCDF-4 files
// do): then a column must lie along it, so that another variable of the same length (a
// hologram table as long as the particle table) is not taken for one.
bool is_particle_column(hid_t file, const std::string& name, std::size_t length,
                        hid_t particle_scale) {
  Handle object(H5Oopen(file, name.c_str(), H5P_DEFAULT));
  if (!object.valid() || H5Iget_type(object.get()) != H5I_DATASET) {
    take_error_stack();
    return false;
  }
  // NetCDF dimensions are stored as datasets too; they are not columns.
  if (has_string_attribute(object.get(), "CLASS", "DIMENSION_SCALE")) {
    return false;
  }
  Handle type(H5Dget_type(object.get()));
  const H5T_class_t type_class = H5Tget_class(type.get());
  const std::vector<hsize_t> dims = extent(object.get());
  if (!((type_class == H5T_FLOAT || type_class == H5T_INTEGER) && dims.size() == 1 &&
        dims[0] == length)) {
    return false;
  }
  if (particle_scale < 0) {
    return true;
  }
  const htri_t attached = H5DSis_attached(object.get(), particle_scale, 0);
  take_error_stack();
  return attached > 0;
}

// The `particle` dimension scale, or an invalid handle when the file has none.
Handle particle_dimension(hid_t file) {
  if (H5Lexists(file, "particle", H5P_DEFAULT) <= 0) {
    take_error_stack();
    return Handle();
  }
  Handle scale(H5Dopen2(file, "particle", H5P_DEFAULT));
  if (!scale.valid() || H5DSis_scale(scale.get()) <= 0) {
    take_error_stack();
    return Handle();
  }
  return scale;
}

}  // namespace

std::optional<std::size_t> particle_count(hid_t file, const std::string& origin) {
  std::size_t present = 0;
  for (const char* name : kParticleColumns) {
    present += H5Lexists(file, name, H5P_DEFAULT) > 0 ? 1 : 0;
  }
  take_error_stack();
  if (present == 0) {
    return std::nullopt;
  }
  if (present != kParticleColumns.size()) {
    throw bad_input(origin + ": incomplete particle table: it needs all of hid, x, y, z, d");
  }
  Handle hid = checked(H5Dopen2(file, "hid", H5P_DEFAULT), origin + ": cannot open variable 'hid'");
  const std::vector<hsize_t> dims = extent(hid.get());
  if (dims.size() != 1) {
    throw bad_input(origin + ": 'hid' has rank " + std::to_string(dims.size()) +
                    ", expected 1 (particle)");
  }
  return dims[0];
}

ParticleTable read_particle_table(hid_t file, std::size_t count, const std::string& origin) {
  ParticleTable table;
  // hid is read as double: HDF5 would turn a stored NaN or 2.5 into some integer unasked.
  const std::vector<double> hids =
      read_column<double>(file, "hid", H5T_NATIVE_DOUBLE, count, origin);
  table.hid.reserve(count);
  for (std::size_t row = 0; row < count; ++row) {
    const double hid = hids[row];
    if (!std::isfinite(hid) || hid < 1 || hid != std::floor(hid) || hid > 2147483647.0) {
      throw bad_input(origin + ": particle " + std::to_string(row) + ": hid " + shortest(hid) +
                      " is not a 1-based hologram id");
    }
    table.hid.push_back(static_cast<int>(hid));
  }
  table.x_um = read_column<float>(file, "x", H5T_NATIVE_FLOAT, count, origin);
  table.y_um = read_column<float>(file, "y", H5T_NATIVE_FLOAT, count, origin);
  table.z_um = read_column<float>(file, "z", H5T_NATIVE_FLOAT, count, origin);
  table.d_um = read_column<float>(file, "d", H5T_NATIVE_FLOAT, count, origin);
  const std::pair<const char*, const std::vector<float>*> positions[] = {
      {"x", &table.x_um}, {"y", &table.y_um}, {"z", &table.z_um}, {"d", &table.d_um}};
  for (const auto& [name, values] : positions) {
    const auto bad = std::find_if(values->begin(), values->end(),
                                  [](float value) { return !std::isfinite(value); });
    if (bad != values->end()) {
      throw bad_input(origin + ": particle " + std::to_string(bad - values->begin()) + ": " + name +
                      " is " + shortest(*bad) + ", not a finite number of um");
    }
  }
  const Handle particle_scale = particle_dimension(file);
  for (const std::string& name : root_link_names(file)) {
    const bool core_column =
        std::find(kParticleColumns.begin(), kParticleColumns.end(), name) != kParticleColumns.end();
    if (core_column || !is_particle_column(file, name, count,
                                           particle_scale.valid() ? particle_scale.get() : -1)) {
      continue;
    }
    ParticleColumn column{name, "",
                          read_column<float>(file, name.c_str(), H5T_NATIVE_FLOAT, count, origin)};
    Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
    if (H5Aexists(dataset.get(), "units") > 0) {
      Handle units(H5Aopen(dataset.get(), "units", H5P_DEFAULT));
      column.units = attribute_as_text(units.get());
    }
    table.extra.push_back(std::move(column));
  }
  take_error_stack();
  return table;
}

}  // namespace holodet::io::hdf5
