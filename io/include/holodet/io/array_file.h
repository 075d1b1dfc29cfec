#pragma once
// An HDF5 file of named arrays with attributes: the model weight file. One dataset per array
// at the root, named as the array (h5py: f["encoders.0.conv1.weight"][...]), float32 or int64;
// attributes on the root, each a number (double) or a string. Written atomically, without
// timestamps, so the same content gives the same bytes.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "holodet/core/named_array.h"

namespace holodet::io {

struct ArrayFile {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::vector<NamedArray> arrays;  // in the order written; read back sorted by name
};

void write_array_file(const std::filesystem::path& path, const ArrayFile& content);

// Throws bad_input naming the file when it is missing, not HDF5, or holds a dataset that is
// neither floating point nor integer.
ArrayFile read_array_file(const std::filesystem::path& path);

}  // namespace holodet::io
