#pragma once
// Writes NetCDF4-compatible files through the HDF5 C API: named dimensions (HDF5 dimension
// scales, as the netCDF library stores them), variables over those dimensions with
// attributes, and global attributes. Python's netCDF4 and xarray open the result.
// The file is written under a temporary name and appears under its final name only at
// commit(); abandoned, nothing is left behind.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace holodet::io {

// A list of int32 is what CF's flag_values and flag_masks need (the flag variable's type).
using AttributeValue = std::variant<std::string, double, std::int64_t, std::vector<std::int32_t>>;
using Attributes = std::vector<std::pair<std::string, AttributeValue>>;

// A variable's CF description: long_name and units, the same long name again as `longname`
// (what HOLODEC's reference code reads), and a CF standard_name when one is given.
Attributes described(const std::string& long_name, const std::string& units,
                     const std::string& standard_name = "");

// kString: variable-length text, what netCDF-4 calls NC_STRING.
enum class ValueType { kUint8, kUint16, kInt32, kFloat32, kFloat64, kString };

struct VariableSpec {
  std::string name;
  ValueType type = ValueType::kFloat32;
  std::vector<std::string> dimensions;  // slowest first, as in C and HDF5
  std::vector<std::size_t> chunk;       // empty: contiguous; else one extent per dimension
  int deflate_level = 0;                // zlib level 1..9 (needs chunk), 0: none
  Attributes attributes;
};

class NetcdfWriter {
 public:
  explicit NetcdfWriter(const std::filesystem::path& final_path);
  ~NetcdfWriter();
  NetcdfWriter(const NetcdfWriter&) = delete;
  NetcdfWriter& operator=(const NetcdfWriter&) = delete;

  void define_dimension(const std::string& name, std::size_t length);
  // A dimension with a coordinate variable of the same name holding `values` (float64), e.g.
  // z in um: what xarray indexes by (ds.sel(z=35000, method="nearest")).
  void define_coordinate(const std::string& name, std::span<const double> values,
                         const Attributes& attributes);
  void define_variable(const VariableSpec& spec);
  void set_global_attribute(const std::string& name, const AttributeValue& value);

  // Writes a whole variable; `values` has the product of its dimensions' lengths.
  void write(const std::string& name, std::span<const float> values);
  void write(const std::string& name, std::span<const std::int32_t> values);
  void write(const std::string& name, std::span<const double> values);
  void write(const std::string& name, std::span<const std::string> values);
  // Writes entry `index` along the first dimension (e.g. one hologram of image[n][x][y]).
  void write_slab(const std::string& name, std::size_t index, std::span<const std::uint8_t> values);
  void write_slab(const std::string& name, std::size_t index,
                  std::span<const std::uint16_t> values);
  void write_slab(const std::string& name, std::size_t index, std::span<const float> values);

  // Closes the file, flushes it to disk and renames it into place.
  void commit();

 private:
  void define_dimension_dataset(const std::string& name, std::size_t length,
                                const double* coordinates, const Attributes& attributes);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace holodet::io
