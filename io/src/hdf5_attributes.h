#pragma once
// Private to io/: reading HDF5 attributes as numbers or text, whatever type the writer chose
// (MATLAB writes 1-element arrays, netCDF scalars; numbers may be int, float or double).

#include <hdf5.h>

#include <optional>
#include <string>

#include "holodet/io/netcdf_writer.h"

namespace holodet::io::hdf5 {

// The attribute's first value converted to double; empty when absent or not numeric.
std::optional<double> read_number_attribute(hid_t object, const char* name);

// Any attribute rendered as text: strings as they are, numbers comma-separated.
std::string attribute_as_text(hid_t attribute);

// The attribute as the value holodet writes: text, a scalar integer (int64) or float
// (double), a list of integers (int32); nullopt for anything else.
std::optional<AttributeValue> attribute_value(hid_t attribute);

// True when `object` carries a string attribute `name` equal to `value`.
bool has_string_attribute(hid_t object, const char* name, const std::string& value);

}  // namespace holodet::io::hdf5
