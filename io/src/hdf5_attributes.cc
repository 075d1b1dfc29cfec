#include "hdf5_attributes.h"

#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "hdf5_handle.h"

namespace holodet::io::hdf5 {
namespace {

std::string read_string(hid_t attribute, hid_t type) {
  if (H5Tis_variable_str(type) > 0) {
    Handle memory_type(H5Tcopy(H5T_C_S1));
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    Handle space(H5Aget_space(attribute));
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (count < 1) {
      return "";
    }
    std::vector<char*> values(static_cast<std::size_t>(count), nullptr);
    if (H5Aread(attribute, memory_type.get(), values.data()) < 0) {
      take_error_stack();
      return "";
    }
    std::string text = values[0] != nullptr ? values[0] : "";
    H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, values.data());
    return text;
  }
  const std::size_t size = H5Tget_size(type);
  Handle space(H5Aget_space(attribute));
  const hssize_t count = std::max<hssize_t>(1, H5Sget_simple_extent_npoints(space.get()));
  std::string buffer(size * static_cast<std::size_t>(count), '\0');
  Handle memory_type(H5Tcopy(type));
  if (H5Aread(attribute, memory_type.get(), buffer.data()) < 0) {
    take_error_stack();
    return "";
  }
  // Fixed-length strings may be NUL-padded or space-padded; keep the text only.
  const std::size_t end = buffer.find('\0');
  if (end != std::string::npos) {
    buffer.resize(end);
  }
  while (!buffer.empty() && buffer.back() == ' ') {
    buffer.pop_back();
  }
  return buffer;
}

}  // namespace

std::optional<double> read_number_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) {
    take_error_stack();
    return std::nullopt;
  }
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT));
  if (!attribute.valid()) {
    take_error_stack();
    return std::nullopt;
  }
  Handle type(H5Aget_type(attribute.get()));
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
    return std::nullopt;
  }
  Handle space(H5Aget_space(attribute.get()));
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 1) {
    return std::nullopt;
  }
  std::vector<double> values(static_cast<std::size_t>(count));
  if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, values.data()) < 0) {
    take_error_stack();
    return std::nullopt;
  }
  return values.front();
}

std::string attribute_as_text(hid_t attribute) {
  Handle type(H5Aget_type(attribute));
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_STRING) {
    return read_string(attribute, type.get());
  }
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
    return "(unsupported type)";
  }
  Handle space(H5Aget_space(attribute));
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 1) {
    return "";
  }
  std::vector<double> values(static_cast<std::size_t>(count));
  if (H5Aread(attribute, H5T_NATIVE_DOUBLE, values.data()) < 0) {
    take_error_stack();
    return "(unreadable)";
  }
  std::ostringstream text;
  text.precision(10);
  constexpr std::size_t kShown = 8;
  for (std::size_t k = 0; k < values.size() && k < kShown; ++k) {
    text << (k ? ", " : "") << values[k];
  }
  if (values.size() > kShown) {
    text << ", ... (" << values.size() << " values)";
  }
  return text.str();
}

std::optional<AttributeValue> attribute_value(hid_t attribute) {
  // Each value is made in place in `value`: moving a temporary variant that holds a vector
  // trips GCC 12's -Wmaybe-uninitialized at -O1 (the sanitizer build).
  std::optional<AttributeValue> value;
  Handle type(H5Aget_type(attribute));
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_STRING) {
    value.emplace(std::in_place_type<std::string>, read_string(attribute, type.get()));
    return value;
  }
  Handle space(H5Aget_space(attribute));
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if ((type_class != H5T_INTEGER && type_class != H5T_FLOAT) || count < 1) {
    return value;
  }
  if (type_class == H5T_FLOAT && count == 1) {
    double number = 0;
    if (H5Aread(attribute, H5T_NATIVE_DOUBLE, &number) >= 0) {
      value.emplace(std::in_place_type<double>, number);
    }
  } else if (type_class == H5T_INTEGER && count == 1) {
    std::int64_t integer = 0;
    if (H5Aread(attribute, H5T_NATIVE_INT64, &integer) >= 0) {
      value.emplace(std::in_place_type<std::int64_t>, integer);
    }
  } else if (type_class == H5T_INTEGER) {
    std::vector<std::int32_t> list(static_cast<std::size_t>(count));
    if (H5Aread(attribute, H5T_NATIVE_INT32, list.data()) >= 0) {
      value.emplace(std::in_place_type<std::vector<std::int32_t>>, std::move(list));
    }
  }
  take_error_stack();
  return value;
}

bool has_string_attribute(hid_t object, const char* name, const std::string& value) {
  if (H5Aexists(object, name) <= 0) {
    take_error_stack();
    return false;
  }
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT));
  return attribute.valid() && attribute_as_text(attribute.get()) == value;
}

}  // namespace holodet::io::hdf5
