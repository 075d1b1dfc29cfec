#pragma once
// One hologram's reconstruction as one NetCDF4 file that xarray opens
// as a stack: amplitude (and phase) over (z, x, y) with coordinate variables z, x, y in µm
// (x, y from the image centre, as the particle tables), plus the minimum-amplitude projection
// and its depth map over (x, y). The axes follow the archives' image(hologram, x, y).

#include <cstddef>
#include <filesystem>
#include <span>
#include <vector>

#include "holodet/core/pixel_grid.h"
#include "holodet/io/netcdf_writer.h"

namespace holodet::io {

class PlaneVolume {
 public:
  PlaneVolume(const std::filesystem::path& path, const PixelGrid& grid,
              const std::vector<double>& z_m, bool with_phase,
              const io::Attributes& global_attributes);

  // Plane `index` of the z list (phase empty when the volume has none).
  void write_plane(std::size_t index, std::span<const float> amplitude,
                   std::span<const float> phase);
  void write_projection(std::span<const float> min_amplitude, std::span<const float> depth_um);
  void commit() { writer_.commit(); }

 private:
  io::NetcdfWriter writer_;
  bool with_phase_;
};

}  // namespace holodet::io
