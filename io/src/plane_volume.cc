#include "holodet/io/plane_volume.h"

#include <cmath>
#include <string>

namespace holodet::io {

PlaneVolume::PlaneVolume(const std::filesystem::path& path, const PixelGrid& grid,
                         const std::vector<double>& z_m, bool with_phase,
                         const io::Attributes& global_attributes)
    : writer_(path), with_phase_(with_phase) {
  std::vector<double> z_um(z_m.size());
  for (std::size_t k = 0; k < z_m.size(); ++k) {
    // To the nm: 0.025 m is z = 25000 exactly, so ds.sel(z=25000) finds it.
    z_um[k] = std::round(z_m[k] * 1e9) / 1e3;
  }
  std::vector<double> x_um(grid.size_x);
  for (std::size_t i = 0; i < grid.size_x; ++i) {
    x_um[i] = grid.x_um(static_cast<double>(i));
  }
  std::vector<double> y_um(grid.size_y);
  for (std::size_t j = 0; j < grid.size_y; ++j) {
    y_um[j] = grid.y_um(static_cast<double>(j));
  }
  const auto text = [](const char* value) { return io::AttributeValue(std::string(value)); };
  writer_.define_coordinate(
      "z", z_um, {{"units", text("um")}, {"long_name", text("distance from the sensor")}});
  writer_.define_coordinate(
      "x", x_um,
      {{"units", text("um")}, {"long_name", text("x of the pixel centre from the image centre")}});
  writer_.define_coordinate(
      "y", y_um,
      {{"units", text("um")}, {"long_name", text("y of the pixel centre from the image centre")}});
  // One chunk per plane: a plane reads without touching the others.
  const std::vector<std::size_t> plane_chunk{1, grid.size_x, grid.size_y};
  writer_.define_variable({"amplitude",
                           io::ValueType::kFloat32,
                           {"z", "x", "y"},
                           plane_chunk,
                           0,
                           {{"units", text("1")}, {"long_name", text("field amplitude")}}});
  if (with_phase) {
    writer_.define_variable({"phase",
                             io::ValueType::kFloat32,
                             {"z", "x", "y"},
                             plane_chunk,
                             0,
                             {{"units", text("rad")}, {"long_name", text("field phase")}}});
  }
  writer_.define_variable(
      {"min_amplitude",
       io::ValueType::kFloat32,
       {"x", "y"},
       {},
       0,
       {{"units", text("1")}, {"long_name", text("minimum amplitude over the planes")}}});
  writer_.define_variable(
      {"depth_um",
       io::ValueType::kFloat32,
       {"x", "y"},
       {},
       0,
       {{"units", text("um")}, {"long_name", text("depth of each pixel's minimum amplitude")}}});
  for (const auto& [name, value] : global_attributes) {
    writer_.set_global_attribute(name, value);
  }
}

void PlaneVolume::write_plane(std::size_t index, std::span<const float> amplitude,
                              std::span<const float> phase) {
  writer_.write_slab("amplitude", index, amplitude);
  if (with_phase_) {
    writer_.write_slab("phase", index, phase);
  }
}

void PlaneVolume::write_projection(std::span<const float> min_amplitude,
                                   std::span<const float> depth_um) {
  writer_.write("min_amplitude", min_amplitude);
  writer_.write("depth_um", depth_um);
}

}  // namespace holodet::io
