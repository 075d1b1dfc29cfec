#pragma once
// HOLODEC's pixel ↔ position convention (docs/HOLODEC.md): pixel index i (0-based,
// along xsize) has its centre at x = (i − Nx/2)·dx, likewise y with j along ysize. Positions
// in µm, as in the archives' particle tables.

#include <cstddef>

namespace holodet {

struct PixelGrid {
  std::size_t size_x = 0;  // Nx, pixels along x
  std::size_t size_y = 0;  // Ny, pixels along y
  double pitch_x_um = 0;
  double pitch_y_um = 0;

  double x_um(double i) const { return (i - static_cast<double>(size_x) / 2.0) * pitch_x_um; }
  double y_um(double j) const { return (j - static_cast<double>(size_y) / 2.0) * pitch_y_um; }
  double i_of_x(double x_um_value) const {
    return x_um_value / pitch_x_um + static_cast<double>(size_x) / 2.0;
  }
  double j_of_y(double y_um_value) const {
    return y_um_value / pitch_y_um + static_cast<double>(size_y) / 2.0;
  }
};

}  // namespace holodet
