#include "holodet/io/netcdf_writer.h"

#include <hdf5_hl.h>

#include <cstdio>
#include <map>

#include "hdf5_handle.h"
#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"

namespace holodet::io {

namespace {

// Types, dataspaces and property lists: their calls fail only on a broken library or exhausted
// memory, and are checked all the same, as every HDF5 call is (a runtime failure, not input).
void setup(herr_t status, const char* call) {
  hdf5::check(status, std::string("HDF5 ") + call, false);
}

hdf5::Handle made(hid_t id, const char* call) {
  return hdf5::checked(id, std::string("HDF5 ") + call, false);
}

// A variable-length ASCII string type, as netCDF-4 stores NC_STRING.
hdf5::Handle string_type() {
  hdf5::Handle type = made(H5Tcopy(H5T_C_S1), "H5Tcopy");
  setup(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size");
  setup(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad");
  setup(H5Tset_cset(type.get(), H5T_CSET_ASCII), "H5Tset_cset");
  return type;
}

hid_t file_type(ValueType type) {
  switch (type) {
    case ValueType::kString:
      return H5T_C_S1;  // replaced by string_type() where used
    case ValueType::kUint8:
      return H5T_STD_U8LE;
    case ValueType::kUint16:
      return H5T_STD_U16LE;
    case ValueType::kInt32:
      return H5T_STD_I32LE;
    case ValueType::kFloat32:
      return H5T_IEEE_F32LE;
    case ValueType::kFloat64:
      return H5T_IEEE_F64LE;
  }
  return H5T_IEEE_F32LE;
}

// The netCDF library marks a dimension that has no coordinate variable with this NAME text
// (the length printed in a field of ten); netCDF4 and xarray then see a plain dimension.
std::string dimension_only_name(std::size_t length) {
  char text[96];
  std::snprintf(text, sizeof(text), "This is a netCDF dimension but not a netCDF variable.%10zu",
                length);
  return text;
}

}  // namespace

struct NetcdfWriter::State {
  explicit State(const std::filesystem::path& path) : output(path) {}
  AtomicOutput output;
  hdf5::Handle file;
  std::map<std::string, std::pair<hdf5::Handle, std::size_t>> dimensions;  // dataset, length
  std::map<std::string, hdf5::Handle> variables;
  int next_dimension_id = 0;

  std::string origin() const { return output.final_path().string(); }
};

namespace {

void write_attribute(hid_t object, const std::string& name, const AttributeValue& value,
                     const std::string& origin) {
  const std::string context = origin + ": cannot write attribute " + name;
  if (const auto* text = std::get_if<std::string>(&value)) {
    // Fixed-length, NUL-terminated ASCII in a scalar space: what netCDF writes for NC_CHAR
    // text attributes, and what reads back as a Python str.
    hdf5::Handle type = made(H5Tcopy(H5T_C_S1), "H5Tcopy");
    setup(H5Tset_size(type.get(), std::max<std::size_t>(text->size(), 1)), "H5Tset_size");
    setup(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad");
    hdf5::Handle space = made(H5Screate(H5S_SCALAR), "H5Screate");
    hdf5::Handle attribute = hdf5::checked(
        H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        context, false);
    std::string padded = *text;
    padded.resize(std::max<std::size_t>(text->size(), 1), '\0');
    hdf5::check(H5Awrite(attribute.get(), type.get(), padded.data()), context, false);
    return;
  }
  if (const auto* list = std::get_if<std::vector<std::int32_t>>(&value)) {
    const hsize_t length = list->size();
    hdf5::Handle space = made(H5Screate_simple(1, &length, nullptr), "H5Screate_simple");
    hdf5::Handle attribute = hdf5::checked(
        H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
        context, false);
    hdf5::check(H5Awrite(attribute.get(), H5T_NATIVE_INT32, list->data()), context, false);
    return;
  }
  hsize_t one = 1;
  hdf5::Handle space = made(H5Screate_simple(1, &one, nullptr), "H5Screate_simple");
  if (const auto* number = std::get_if<double>(&value)) {
    hdf5::Handle attribute = hdf5::checked(
        H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
        context, false);
    hdf5::check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, number), context, false);
    return;
  }
  const std::int64_t integer = std::get<std::int64_t>(value);
  hdf5::Handle attribute = hdf5::checked(
      H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
      context, false);
  hdf5::check(H5Awrite(attribute.get(), H5T_NATIVE_INT64, &integer), context, false);
}

}  // namespace

Attributes described(const std::string& long_name, const std::string& units,
                     const std::string& standard_name) {
  Attributes attributes{{"long_name", long_name}, {"longname", long_name}};
  if (!units.empty()) {
    attributes.emplace_back("units", units);
  }
  if (!standard_name.empty()) {
    attributes.emplace_back("standard_name", standard_name);
  }
  return attributes;
}

NetcdfWriter::NetcdfWriter(const std::filesystem::path& final_path)
    : state_(std::make_unique<State>(final_path)) {
  hdf5::silence_error_printing();
  // netCDF-C orders dimensions, variables and attributes by creation order: track it.
  hdf5::Handle create = made(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate");
  setup(H5Pset_link_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_link_creation_order");
  setup(H5Pset_attr_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_attr_creation_order");
  setup(H5Pset_obj_track_times(create.get(), false),
        "H5Pset_obj_track_times");  // the root group too: no timestamps
  hdf5::Handle access = made(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate");
  setup(H5Pset_file_locking(access.get(), false, true), "H5Pset_file_locking");
  // The 1.8 object format keeps the file readable by every netCDF-C 4.x.
  setup(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "H5Pset_libver_bounds");
  state_->file = hdf5::checked(
      H5Fcreate(state_->output.temp_path().c_str(), H5F_ACC_TRUNC, create.get(), access.get()),
      state_->origin() + ": cannot create file", false);
}

NetcdfWriter::~NetcdfWriter() = default;

void NetcdfWriter::define_dimension(const std::string& name, std::size_t length) {
  define_dimension_dataset(name, length, nullptr, {});
}

void NetcdfWriter::define_coordinate(const std::string& name, std::span<const double> values,
                                     const Attributes& attributes) {
  define_dimension_dataset(name, values.size(), values.data(), attributes);
}

void NetcdfWriter::define_dimension_dataset(const std::string& name, std::size_t length,
                                            const double* coordinates,
                                            const Attributes& attributes) {
  const hsize_t extent = length;
  hdf5::Handle space = made(H5Screate_simple(1, &extent, nullptr), "H5Screate_simple");
  hdf5::Handle create = made(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate");
  setup(H5Pset_attr_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_attr_creation_order");
  setup(H5Pset_obj_track_times(create.get(), false),
        "H5Pset_obj_track_times");  // no timestamps: same content, same bytes
  const std::string context = state_->origin() + ": cannot define dimension " + name;
  // A coordinate variable is the dimension's own dataset holding values, its NAME the
  // variable's (netCDF-4's layout); a plain dimension is an empty float dataset.
  hdf5::Handle dataset =
      hdf5::checked(H5Dcreate2(state_->file.get(), name.c_str(),
                               coordinates != nullptr ? H5T_IEEE_F64LE : H5T_IEEE_F32LE,
                               space.get(), H5P_DEFAULT, create.get(), H5P_DEFAULT),
                    context, false);
  if (coordinates != nullptr) {
    if (length > 0) {
      hdf5::check(
          H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, coordinates),
          context, false);
    }
    hdf5::check(H5DSset_scale(dataset.get(), name.c_str()), context, false);
    for (const auto& [attribute, value] : attributes) {
      write_attribute(dataset.get(), attribute, value, state_->origin());
    }
  } else {
    hdf5::check(H5DSset_scale(dataset.get(), dimension_only_name(length).c_str()), context, false);
  }
  const int dimension_id = state_->next_dimension_id++;
  hsize_t one = 1;
  hdf5::Handle id_space = made(H5Screate_simple(1, &one, nullptr), "H5Screate_simple");
  hdf5::Handle id_attribute =
      hdf5::checked(H5Acreate2(dataset.get(), "_Netcdf4Dimid", H5T_STD_I32LE, id_space.get(),
                               H5P_DEFAULT, H5P_DEFAULT),
                    context, false);
  hdf5::check(H5Awrite(id_attribute.get(), H5T_NATIVE_INT, &dimension_id), context, false);
  state_->dimensions.emplace(name, std::make_pair(std::move(dataset), length));
}

void NetcdfWriter::define_variable(const VariableSpec& spec) {
  const std::string context = state_->origin() + ": cannot define variable " + spec.name;
  std::vector<hsize_t> extents;
  std::vector<hid_t> scales;
  for (const std::string& dimension : spec.dimensions) {
    const auto found = state_->dimensions.find(dimension);
    if (found == state_->dimensions.end()) {
      throw runtime_failure(context + ": dimension " + dimension + " is not defined");
    }
    extents.push_back(found->second.second);
    scales.push_back(found->second.first.get());
  }
  hdf5::Handle space =
      made(H5Screate_simple(static_cast<int>(extents.size()), extents.data(), nullptr),
           "H5Screate_simple");
  hdf5::Handle create = made(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate");
  setup(H5Pset_attr_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_attr_creation_order");
  setup(H5Pset_obj_track_times(create.get(), false), "H5Pset_obj_track_times");
  if (!spec.chunk.empty()) {
    std::vector<hsize_t> chunk(spec.chunk.begin(), spec.chunk.end());
    hdf5::check(H5Pset_chunk(create.get(), static_cast<int>(chunk.size()), chunk.data()), context,
                false);
    if (spec.deflate_level > 0) {
      setup(H5Pset_shuffle(create.get()), "H5Pset_shuffle");
      setup(H5Pset_deflate(create.get(), static_cast<unsigned>(spec.deflate_level)),
            "H5Pset_deflate");
    }
  }
  const hdf5::Handle text = string_type();
  const hid_t type = spec.type == ValueType::kString ? text.get() : file_type(spec.type);
  hdf5::Handle dataset =
      hdf5::checked(H5Dcreate2(state_->file.get(), spec.name.c_str(), type, space.get(),
                               H5P_DEFAULT, create.get(), H5P_DEFAULT),
                    context, false);
  for (std::size_t k = 0; k < scales.size(); ++k) {
    hdf5::check(H5DSattach_scale(dataset.get(), scales[k], static_cast<unsigned>(k)), context,
                false);
  }
  for (const auto& [name, value] : spec.attributes) {
    write_attribute(dataset.get(), name, value, state_->origin());
  }
  state_->variables.emplace(spec.name, std::move(dataset));
}

void NetcdfWriter::set_global_attribute(const std::string& name, const AttributeValue& value) {
  write_attribute(state_->file.get(), name, value, state_->origin());
}

namespace {

hid_t find_variable(const std::map<std::string, hdf5::Handle>& variables, const std::string& name,
                    const std::string& origin) {
  const auto found = variables.find(name);
  if (found == variables.end()) {
    throw runtime_failure(origin + ": variable " + name + " is not defined");
  }
  return found->second.get();
}

void write_whole(hid_t dataset, hid_t memory_type, const void* data, std::size_t count,
                 const std::string& context) {
  const hdf5::Handle space = made(H5Dget_space(dataset), "H5Dget_space");
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  setup(points < 0 ? -1 : 0, "H5Sget_simple_extent_npoints");
  const auto expected = static_cast<std::size_t>(points);
  if (count != expected) {
    throw runtime_failure(context + ": " + std::to_string(count) + " values for " +
                          std::to_string(expected) + " elements");
  }
  if (count > 0) {
    hdf5::check(H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), context,
                false);
  }
}

void write_first_index(hid_t dataset, hid_t memory_type, std::size_t index, const void* data,
                       std::size_t count, const std::string& context) {
  const hdf5::Handle file_space = made(H5Dget_space(dataset), "H5Dget_space");
  const int rank = H5Sget_simple_extent_ndims(file_space.get());
  setup(rank < 1 ? -1 : 0, "H5Sget_simple_extent_ndims");
  std::vector<hsize_t> extents(static_cast<std::size_t>(rank));
  setup(H5Sget_simple_extent_dims(file_space.get(), extents.data(), nullptr),
        "H5Sget_simple_extent_dims");
  std::vector<hsize_t> start(extents.size(), 0);
  std::vector<hsize_t> block = extents;
  start[0] = index;
  block[0] = 1;
  std::size_t expected = 1;
  for (std::size_t k = 1; k < block.size(); ++k) {
    expected *= block[k];
  }
  if (index >= extents[0] || count != expected) {
    throw runtime_failure(context + ": slab " + std::to_string(index) + " of " +
                          std::to_string(count) + " values does not fit");
  }
  setup(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, block.data(),
                            nullptr),
        "H5Sselect_hyperslab");
  hdf5::Handle memory_space =
      made(H5Screate_simple(rank, block.data(), nullptr), "H5Screate_simple");
  hdf5::check(
      H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data),
      context, false);
}

}  // namespace

void NetcdfWriter::write(const std::string& name, std::span<const float> values) {
  write_whole(find_variable(state_->variables, name, state_->origin()), H5T_NATIVE_FLOAT,
              values.data(), values.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::write(const std::string& name, std::span<const std::int32_t> values) {
  write_whole(find_variable(state_->variables, name, state_->origin()), H5T_NATIVE_INT32,
              values.data(), values.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::write(const std::string& name, std::span<const double> values) {
  write_whole(find_variable(state_->variables, name, state_->origin()), H5T_NATIVE_DOUBLE,
              values.data(), values.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::write(const std::string& name, std::span<const std::string> values) {
  std::vector<const char*> pointers;
  for (const std::string& value : values) {
    pointers.push_back(value.c_str());
  }
  const hdf5::Handle text = string_type();
  write_whole(find_variable(state_->variables, name, state_->origin()), text.get(), pointers.data(),
              pointers.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::write_slab(const std::string& name, std::size_t index,
                              std::span<const std::uint8_t> values) {
  write_first_index(find_variable(state_->variables, name, state_->origin()), H5T_NATIVE_UINT8,
                    index, values.data(), values.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::write_slab(const std::string& name, std::size_t index,
                              std::span<const float> values) {
  write_first_index(find_variable(state_->variables, name, state_->origin()), H5T_NATIVE_FLOAT,
                    index, values.data(), values.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::write_slab(const std::string& name, std::size_t index,
                              std::span<const std::uint16_t> values) {
  write_first_index(find_variable(state_->variables, name, state_->origin()), H5T_NATIVE_UINT16,
                    index, values.data(), values.size(), state_->origin() + ": writing " + name);
}

void NetcdfWriter::commit() {
  state_->variables.clear();
  state_->dimensions.clear();
  hdf5::check(H5Fclose(state_->file.release()), state_->origin() + ": cannot close file", false);
  state_->output.commit();
}

}  // namespace holodet::io
