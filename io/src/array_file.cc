#include "holodet/io/array_file.h"

#include <hdf5.h>

#include "hdf5_attributes.h"
#include "hdf5_handle.h"
#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"

namespace holodet::io {
namespace {

using hdf5::check;
using hdf5::checked;
using hdf5::Handle;

void write_number(hid_t file, const std::string& name, double value) {
  Handle space = checked(H5Screate(H5S_SCALAR), "scalar space", false);
  Handle attribute =
      checked(H5Acreate2(file, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
              "attribute " + name, false);
  check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &value), "attribute " + name, false);
}

void write_text(hid_t file, const std::string& name, const std::string& value) {
  Handle type = checked(H5Tcopy(H5T_C_S1), "string type", false);
  H5Tset_size(type.get(), std::max<std::size_t>(1, value.size()));
  H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
  Handle space = checked(H5Screate(H5S_SCALAR), "scalar space", false);
  Handle attribute =
      checked(H5Acreate2(file, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
              "attribute " + name, false);
  const std::string padded = value.empty() ? std::string(1, '\0') : value;
  check(H5Awrite(attribute.get(), type.get(), padded.data()), "attribute " + name, false);
}

void write_array(hid_t file, const NamedArray& array) {
  std::vector<hsize_t> dims(array.shape.begin(), array.shape.end());
  Handle space = checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                         "space of " + array.name, false);
  Handle create = checked(H5Pcreate(H5P_DATASET_CREATE), "dataset properties", false);
  H5Pset_obj_track_times(create.get(), false);
  const bool integer = array.f32.empty() && !array.i64.empty();
  const auto expected = static_cast<std::size_t>(array.element_count());
  if ((integer ? array.i64.size() : array.f32.size()) != expected) {
    throw runtime_failure("array " + array.name + ": " + std::to_string(expected) +
                          " elements by its shape, a different number of values");
  }
  Handle dataset =
      checked(H5Dcreate2(file, array.name.c_str(), integer ? H5T_STD_I64LE : H5T_IEEE_F32LE,
                         space.get(), H5P_DEFAULT, create.get(), H5P_DEFAULT),
              "dataset " + array.name, false);
  if (expected > 0) {
    check(H5Dwrite(dataset.get(), integer ? H5T_NATIVE_INT64 : H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL,
                   H5P_DEFAULT,
                   integer ? static_cast<const void*>(array.i64.data()) : array.f32.data()),
          "dataset " + array.name, false);
  }
}

herr_t collect_attribute(hid_t object, const char* name, const H5A_info_t*, void* data) {
  auto* content = static_cast<ArrayFile*>(data);
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT));
  Handle type(H5Aget_type(attribute.get()));
  if (H5Tget_class(type.get()) == H5T_STRING) {
    content->texts[name] = hdf5::attribute_as_text(attribute.get());
  } else if (auto value = hdf5::read_number_attribute(object, name)) {
    content->numbers[name] = *value;
  }
  return 0;
}

NamedArray read_array(hid_t file, const std::string& name, const std::filesystem::path& path) {
  Handle dataset =
      checked(H5Dopen2(file, name.c_str(), H5P_DEFAULT), path.string() + ": dataset " + name);
  NamedArray array;
  array.name = name;
  for (hsize_t extent : hdf5::extent(dataset.get())) {
    array.shape.push_back(static_cast<std::int64_t>(extent));
  }
  Handle type(H5Dget_type(dataset.get()));
  const H5T_class_t type_class = H5Tget_class(type.get());
  const auto count = static_cast<std::size_t>(array.element_count());
  if (type_class == H5T_FLOAT) {
    array.f32.resize(count);
    if (count > 0) {
      check(
          H5Dread(dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.f32.data()),
          path.string() + ": dataset " + name);
    }
  } else if (type_class == H5T_INTEGER) {
    array.i64.resize(count);
    if (count > 0) {
      check(
          H5Dread(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.i64.data()),
          path.string() + ": dataset " + name);
    }
  } else {
    throw bad_input(path.string() + ": dataset " + name + " is neither float nor integer");
  }
  return array;
}

}  // namespace

void write_array_file(const std::filesystem::path& path, const ArrayFile& content) {
  hdf5::silence_error_printing();
  AtomicOutput output(path);
  {
    Handle create = checked(H5Pcreate(H5P_FILE_CREATE), "file properties", false);
    H5Pset_obj_track_times(create.get(), false);
    H5Pset_attr_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    Handle access = checked(H5Pcreate(H5P_FILE_ACCESS), "file access properties", false);
    H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18);
    Handle file =
        checked(H5Fcreate(output.temp_path().c_str(), H5F_ACC_TRUNC, create.get(), access.get()),
                path.string() + ": creating", false);
    for (const auto& [name, value] : content.numbers) {
      write_number(file.get(), name, value);
    }
    for (const auto& [name, value] : content.texts) {
      write_text(file.get(), name, value);
    }
    for (const NamedArray& array : content.arrays) {
      write_array(file.get(), array);
    }
    check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), path.string() + ": flushing", false);
  }
  output.commit();
}

ArrayFile read_array_file(const std::filesystem::path& path) {
  hdf5::silence_error_printing();
  if (!std::filesystem::is_regular_file(path)) {
    throw bad_input(path.string() + ": no such file");
  }
  Handle access = checked(H5Pcreate(H5P_FILE_ACCESS), "file access properties", false);
  // As the archive reader: no file locks, so a file another reader holds opens here too.
  H5Pset_file_locking(access.get(), false, true);
  Handle file = checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.get()),
                        path.string() + ": not an HDF5 file");
  ArrayFile content;
  check(H5Aiterate2(file.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute, &content),
        path.string() + ": attributes");
  H5G_info_t info;
  check(H5Gget_info(file.get(), &info), path.string() + ": root group");
  for (hsize_t k = 0; k < info.nlinks; ++k) {
    const ssize_t length =
        H5Lget_name_by_idx(file.get(), ".", H5_INDEX_NAME, H5_ITER_INC, k, nullptr, 0, H5P_DEFAULT);
    std::string name(static_cast<std::size_t>(std::max<ssize_t>(0, length)), '\0');
    H5Lget_name_by_idx(file.get(), ".", H5_INDEX_NAME, H5_ITER_INC, k, name.data(), name.size() + 1,
                       H5P_DEFAULT);
    content.arrays.push_back(read_array(file.get(), name, path));
  }
  return content;
}

}  // namespace holodet::io
