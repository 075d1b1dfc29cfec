#include "holodet/io/archive_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "hdf5_attributes.h"
#include "hdf5_handle.h"
#include "hdf5_particles.h"
#include "holodet/core/error.h"

namespace holodet::io {
namespace {

constexpr const char* kImageVariable = "image";

std::string quote(const std::filesystem::path& path) {
  return path.string();
}

bool starts_with_bytes(const std::filesystem::path& path, const char* magic, std::size_t size) {
  std::ifstream file(path, std::ios::binary);
  std::string head(size, '\0');
  return file.read(head.data(), static_cast<std::streamsize>(size)) &&
         std::memcmp(head.data(), magic, size) == 0;
}

// Explains why `path` cannot be opened as HDF5, in the words a user needs.
std::string why_not_hdf5(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return "no such file";
  }
  if (std::filesystem::is_directory(path, error)) {
    return "is a folder, not a file";
  }
  if (std::filesystem::file_size(path, error) == 0) {
    return "the file is empty";
  }
  if (starts_with_bytes(path, "CDF", 3)) {
    return "a NetCDF3 classic file: HOLODEC archives are NetCDF4 (HDF5); convert it with "
           "'nccopy -k nc4'";
  }
  return "not an HDF5/NetCDF4 file";
}

std::vector<double> read_doubles(hid_t dataset, std::size_t count, const std::string& context) {
  std::vector<double> values(count);
  if (count > 0) {
    hdf5::check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                context);
  }
  return values;
}

std::string units_of(hid_t dataset) {
  if (H5Aexists(dataset, "units") <= 0) {
    return "";
  }
  hdf5::Handle units(H5Aopen(dataset, "units", H5P_DEFAULT));
  return hdf5::attribute_as_text(units.get());
}

// A numeric 1-D dataset of `length`, or an invalid handle.
hdf5::Handle open_numeric_vector(hid_t file, const char* name, std::size_t length) {
  if (H5Lexists(file, name, H5P_DEFAULT) <= 0) {
    return hdf5::Handle();
  }
  hdf5::Handle dataset(H5Dopen2(file, name, H5P_DEFAULT));
  if (!dataset.valid()) {
    return dataset;
  }
  const hdf5::Handle type(H5Dget_type(dataset.get()));
  const H5T_class_t type_class = H5Tget_class(type.get());
  const std::vector<hsize_t> dims = hdf5::extent(dataset.get());
  if ((type_class != H5T_FLOAT && type_class != H5T_INTEGER) || dims.size() != 1 ||
      dims[0] != length) {
    return hdf5::Handle();
  }
  return dataset;
}

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

}  // namespace

struct ArchiveReader::Handles {
  hdf5::Handle file;
  hdf5::Handle image;
};

Optics ArchiveOptics::with_defaults() const {
  Optics optics;  // HOLODEC defaults
  optics.wavelength_m = wavelength_m.value_or(optics.wavelength_m);
  optics.pixel_pitch_x_m = pixel_pitch_x_m.value_or(optics.pixel_pitch_x_m);
  optics.pixel_pitch_y_m =
      pixel_pitch_y_m.value_or(pixel_pitch_x_m.value_or(optics.pixel_pitch_y_m));
  optics.z_min_m = z_min_m.value_or(optics.z_min_m);
  optics.z_max_m = z_max_m.value_or(optics.z_max_m);
  return optics;
}

bool looks_like_hdf5(const std::filesystem::path& path) {
  return starts_with_bytes(path, "\211HDF\r\n\032\n", 8);
}

ArchiveReader::ArchiveReader(const std::filesystem::path& path) : handles_(new Handles) {
  hdf5::silence_error_printing();
  const std::string origin = quote(path);
  info_.path = path;
#if H5_VERSION_GE(1, 12, 0)
  const htri_t is_hdf5 = H5Fis_accessible(path.c_str(), H5P_DEFAULT);
#else
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
#endif
  if (is_hdf5 <= 0) {
    hdf5::take_error_stack();
    throw bad_input(origin + ": " + why_not_hdf5(path));
  }
  // No file locking: archives are often read concurrently from shared, read-only storage.
  hdf5::Handle access(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_file_locking(access.get(), false, true);
  handles_->file = hdf5::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get()),
                                 origin + ": cannot open as HDF5 (damaged or truncated file?)");
  const hid_t file = handles_->file.get();

  if (H5Lexists(file, kImageVariable, H5P_DEFAULT) <= 0) {
    hdf5::take_error_stack();
    throw bad_input(origin + ": no 'image' variable: not a HOLODEC hologram archive");
  }
  handles_->image = hdf5::checked(H5Dopen2(file, kImageVariable, H5P_DEFAULT),
                                  origin + ": cannot open variable 'image'");
  const std::vector<hsize_t> dims = hdf5::extent(handles_->image.get());
  if (dims.size() != 3) {
    throw bad_input(origin + ": 'image' has rank " + std::to_string(dims.size()) + " (shape " +
                    hdf5::dims_text(dims) + "), expected 3: (hologram_number, xsize, ysize)");
  }
  if (dims[0] == 0 || dims[1] == 0 || dims[2] == 0) {
    throw bad_input(origin + ": 'image' has zero size (" + hdf5::dims_text(dims) +
                    " = hologram_number x xsize x ysize)");
  }
  hdf5::Handle type(H5Dget_type(handles_->image.get()));
  const std::size_t type_size = H5Tget_size(type.get());
  if (H5Tget_class(type.get()) != H5T_INTEGER || H5Tget_sign(type.get()) != H5T_SGN_NONE ||
      type_size > 2) {
    throw bad_input(origin + ": 'image' holds " + std::to_string(type_size * 8) +
                    "-bit values that are not unsigned integers; expected 8- or 16-bit counts");
  }
  info_.hologram_count = dims[0];
  info_.size_x = dims[1];
  info_.size_y = dims[2];
  info_.bits_per_sample = static_cast<int>(type_size * 8);

  // Cross-check the attributes that restate the image size, where the writer gave them.
  for (const auto& [name, value] : {std::pair{"Nx", info_.size_x}, std::pair{"Ny", info_.size_y}}) {
    const std::optional<double> stated = hdf5::read_number_attribute(file, name);
    if (stated && *stated != static_cast<double>(value)) {
      throw bad_input(origin + ": attribute " + name + " = " + std::to_string(*stated) +
                      " disagrees with the image size " + hdf5::dims_text(dims));
    }
  }

  for (const char* name : {"lambda", "dx", "dy", "zMin", "zMax"}) {
    if (H5Aexists(file, name) > 0 && !hdf5::read_number_attribute(file, name)) {
      const hdf5::Handle attribute(H5Aopen(file, name, H5P_DEFAULT));
      info_.optics.not_numbers.emplace_back(name, hdf5::attribute_as_text(attribute.get()));
    }
  }
  hdf5::take_error_stack();
  info_.optics.wavelength_m = hdf5::read_number_attribute(file, "lambda");
  info_.optics.pixel_pitch_x_m = hdf5::read_number_attribute(file, "dx");
  info_.optics.pixel_pitch_y_m = hdf5::read_number_attribute(file, "dy");
  info_.optics.z_min_m = hdf5::read_number_attribute(file, "zMin");
  info_.optics.z_max_m = hdf5::read_number_attribute(file, "zMax");
  validate(info_.optics.with_defaults(), origin);

  if (const std::optional<std::size_t> count = hdf5::particle_count(file, origin)) {
    info_.has_particles = true;
    info_.particle_count = *count;
  }
}

ArchiveReader::~ArchiveReader() = default;
ArchiveReader::ArchiveReader(ArchiveReader&&) noexcept = default;
ArchiveReader& ArchiveReader::operator=(ArchiveReader&&) noexcept = default;

Hologram ArchiveReader::read_hologram(int hid) const {
  hdf5::silence_error_printing();  // per thread: batch reads ahead on another one
  const std::string origin = quote(info_.path);
  if (hid < 1 || static_cast<std::size_t>(hid) > info_.hologram_count) {
    throw bad_input(origin + ": hologram " + std::to_string(hid) +
                    " out of range: the archive holds " + std::to_string(info_.hologram_count) +
                    " (hid 1.." + std::to_string(info_.hologram_count) + ")");
  }
  Hologram hologram;
  hologram.hid = hid;
  hologram.size_x = info_.size_x;
  hologram.size_y = info_.size_y;
  hologram.bits_per_sample = info_.bits_per_sample;
  hologram.source = origin + ", hologram " + std::to_string(hid);
  hologram.counts.resize(info_.size_x * info_.size_y);

  // Storage order is [hologram][x][y]: one hologram is a contiguous slab, y fastest.
  const std::array<hsize_t, 3> start = {static_cast<hsize_t>(hid - 1), 0, 0};
  const std::array<hsize_t, 3> count = {1, info_.size_x, info_.size_y};
  hdf5::Handle file_space(H5Dget_space(handles_->image.get()));
  hdf5::check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                  count.data(), nullptr),
              origin + ": cannot select hologram " + std::to_string(hid));
  hdf5::Handle memory_space(H5Screate_simple(3, count.data(), nullptr));
  const std::string context =
      origin + ": cannot read hologram " + std::to_string(hid) + " (damaged or truncated file?)";
  if (info_.bits_per_sample == 8) {
    // Reading the stored bytes and widening here is about 1.4x faster than HDF5's uint8 →
    // uint16 conversion (bench/bench_io.cc).
    std::vector<std::uint8_t> bytes(hologram.counts.size());
    hdf5::check(H5Dread(handles_->image.get(), H5T_NATIVE_UINT8, memory_space.get(),
                        file_space.get(), H5P_DEFAULT, bytes.data()),
                context);
    std::copy(bytes.begin(), bytes.end(), hologram.counts.begin());
  } else {
    hdf5::check(H5Dread(handles_->image.get(), H5T_NATIVE_UINT16, memory_space.get(),
                        file_space.get(), H5P_DEFAULT, hologram.counts.data()),
                context);
  }
  return hologram;
}

ParticleTable ArchiveReader::read_particles() const {
  hdf5::silence_error_printing();  // per thread: batch reads ahead on another one
  if (!info_.has_particles) {
    return {};
  }
  return hdf5::read_particle_table(handles_->file.get(), info_.particle_count, info_.path.string());
}

std::optional<ArchiveTimes> ArchiveReader::hologram_times() const {
  hdf5::silence_error_printing();
  const hid_t file = handles_->file.get();
  const std::string origin = info_.path.string();
  for (const char* name : {"hologram_time", "time"}) {
    const hdf5::Handle dataset = open_numeric_vector(file, name, info_.hologram_count);
    if (dataset.valid()) {
      ArchiveTimes times;
      times.per_hologram =
          read_doubles(dataset.get(), info_.hologram_count, origin + ": reading " + name);
      times.units = units_of(dataset.get());
      times.source = std::string("variable ") + name;
      hdf5::take_error_stack();
      return times;
    }
  }
  const hdf5::Handle t =
      info_.has_particles ? open_numeric_vector(file, "t", info_.particle_count) : hdf5::Handle();
  if (!t.valid()) {
    hdf5::take_error_stack();
    return std::nullopt;
  }
  const std::vector<double> particle_t =
      read_doubles(t.get(), info_.particle_count, origin + ": reading t");
  // Only `hid` is needed beside `t`: not the whole table again.
  const hdf5::Handle hid_column = open_numeric_vector(file, "hid", info_.particle_count);
  const std::vector<double> hids =
      read_doubles(hid_column.get(), info_.particle_count, origin + ": reading hid");
  std::vector<std::vector<double>> by_hologram(info_.hologram_count);
  for (std::size_t row = 0; row < hids.size(); ++row) {
    const double index = hids[row] - 1;
    if (index >= 0 && index == std::floor(index) &&
        index < static_cast<double>(by_hologram.size()) && std::isfinite(particle_t[row])) {
      by_hologram[static_cast<std::size_t>(index)].push_back(particle_t[row]);
    }
  }
  ArchiveTimes times;
  times.units = units_of(t.get());
  times.source = "particle t (the median of each hologram's)";
  for (std::vector<double>& values : by_hologram) {
    if (values.empty()) {
      times.per_hologram.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    times.per_hologram.push_back(values[values.size() / 2]);
  }
  hdf5::take_error_stack();
  return times;
}

std::vector<std::pair<std::string, std::string>> ArchiveReader::global_attributes() const {
  hdf5::silence_error_printing();  // per thread: batch reads ahead on another one
  const hid_t file = handles_->file.get();
  std::vector<std::string> names;
  hsize_t position = 0;
  H5Aiterate2(file, H5_INDEX_NAME, H5_ITER_NATIVE, &position, collect_attribute_name, &names);
  std::vector<std::pair<std::string, std::string>> attributes;
  for (const std::string& name : names) {
    if (name.starts_with('_')) {
      continue;  // the netCDF library's bookkeeping (_NCProperties, _Netcdf4Dimid ...)
    }
    hdf5::Handle attribute(H5Aopen(file, name.c_str(), H5P_DEFAULT));
    if (attribute.valid()) {
      attributes.emplace_back(name, hdf5::attribute_as_text(attribute.get()));
    }
  }
  hdf5::take_error_stack();
  return attributes;
}

}  // namespace holodet::io
