#pragma once
// A table of particles in the HOLODEC convention: positions and diameters in µm, x and y with
// their origin at the image centre (holodet/core/pixel_grid.h), z from the sensor.

#include <cstddef>
#include <string>
#include <vector>

namespace holodet::io {

struct ParticleColumn {
  std::string name;   // e.g. "score", "planes"
  std::string units;  // e.g. "1", "um"
  std::vector<float> values;
};

struct ParticleTable {
  std::vector<int> hid;  // 1-based hologram id
  std::vector<float> x_um;
  std::vector<float> y_um;
  std::vector<float> z_um;
  std::vector<float> d_um;
  std::vector<ParticleColumn> extra;  // written after the five HOLODEC columns
  // The holograms this table covers, those without particles included, ascending: what a
  // score may count a miss in. Empty when the file did not record it (an archive's truth, a
  // CSV from elsewhere): then every hologram in the table is all that is known.
  std::vector<int> holograms;

  std::size_t size() const { return hid.size(); }
  void append(int particle_hid, float x, float y, float z, float d);
  // Appends another table's rows and the holograms it covers. An empty table takes the other's
  // extra columns; otherwise the extra columns must match by name (bad_input when they do not).
  void append_rows(const ParticleTable& other);
  // Throws bad_input naming `origin` when the columns' lengths differ.
  void check_consistent(const std::string& origin) const;
  // The rows of one hologram, extra columns included; it covers that hologram.
  ParticleTable for_hologram(int wanted_hid) const;
  // The rows whose hid is in `wanted` (ascending); it covers `wanted`.
  ParticleTable for_holograms(const std::vector<int>& wanted) const;
  // The rows whose `keep` is true (one flag per row), extra columns included; it covers what
  // this table covers.
  ParticleTable rows_where(const std::vector<bool>& keep) const;
};

}  // namespace holodet::io
