#include "holodet/io/particle_table.h"

#include <algorithm>

#include "holodet/core/error.h"

namespace holodet::io {

void ParticleTable::append(int particle_hid, float x, float y, float z, float d) {
  hid.push_back(particle_hid);
  x_um.push_back(x);
  y_um.push_back(y);
  z_um.push_back(z);
  d_um.push_back(d);
}

void ParticleTable::append_rows(const ParticleTable& other) {
  if (size() == 0 && extra.empty()) {
    for (const ParticleColumn& column : other.extra) {
      extra.push_back({column.name, column.units, {}});
    }
  }
  if (extra.size() != other.extra.size()) {
    throw bad_input("particle tables with different extra columns cannot be joined");
  }
  for (std::size_t c = 0; c < extra.size(); ++c) {
    if (extra[c].name != other.extra[c].name) {
      throw bad_input("particle tables with different extra columns cannot be joined ('" +
                      extra[c].name + "' against '" + other.extra[c].name + "')");
    }
    extra[c].values.insert(extra[c].values.end(), other.extra[c].values.begin(),
                           other.extra[c].values.end());
  }
  hid.insert(hid.end(), other.hid.begin(), other.hid.end());
  x_um.insert(x_um.end(), other.x_um.begin(), other.x_um.end());
  y_um.insert(y_um.end(), other.y_um.begin(), other.y_um.end());
  z_um.insert(z_um.end(), other.z_um.begin(), other.z_um.end());
  d_um.insert(d_um.end(), other.d_um.begin(), other.d_um.end());
  std::vector<int> covered;
  std::set_union(holograms.begin(), holograms.end(), other.holograms.begin(), other.holograms.end(),
                 std::back_inserter(covered));
  holograms = std::move(covered);
}

void ParticleTable::check_consistent(const std::string& origin) const {
  const std::size_t n = hid.size();
  const bool equal = x_um.size() == n && y_um.size() == n && z_um.size() == n && d_um.size() == n;
  if (!equal) {
    throw bad_input(origin + ": particle columns hid, x, y, z, d have different lengths");
  }
  for (const ParticleColumn& column : extra) {
    if (column.values.size() != n) {
      throw bad_input(origin + ": particle column '" + column.name + "' has " +
                      std::to_string(column.values.size()) + " values, expected " +
                      std::to_string(n));
    }
  }
}

ParticleTable ParticleTable::for_hologram(int wanted_hid) const {
  return for_holograms({wanted_hid});
}

ParticleTable ParticleTable::for_holograms(const std::vector<int>& wanted) const {
  std::vector<bool> keep(size());
  for (std::size_t row = 0; row < size(); ++row) {
    keep[row] = std::binary_search(wanted.begin(), wanted.end(), hid[row]);
  }
  ParticleTable subset = rows_where(keep);
  subset.holograms = wanted;
  return subset;
}

ParticleTable ParticleTable::rows_where(const std::vector<bool>& keep) const {
  ParticleTable subset;
  subset.holograms = holograms;
  for (const ParticleColumn& column : extra) {
    subset.extra.push_back({column.name, column.units, {}});
  }
  for (std::size_t row = 0; row < size(); ++row) {
    if (!keep[row]) {
      continue;
    }
    subset.append(hid[row], x_um[row], y_um[row], z_um[row], d_um[row]);
    for (std::size_t c = 0; c < extra.size(); ++c) {
      subset.extra[c].values.push_back(extra[c].values[row]);
    }
  }
  return subset;
}

}  // namespace holodet::io
