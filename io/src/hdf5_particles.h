#pragma once
// Private to io/: the particle table (hid, x, y, z, d and extra 1-D columns) inside an HDF5
// file, be it a HOLODEC archive or a holodet results file.

#include <hdf5.h>

#include <cstddef>
#include <optional>
#include <string>

#include "holodet/io/particle_table.h"

namespace holodet::io::hdf5 {

// The table's length, or empty when the file has none. Throws bad_input when only some of
// hid, x, y, z, d exist or `hid` is not 1-D.
std::optional<std::size_t> particle_count(hid_t file, const std::string& origin);

ParticleTable read_particle_table(hid_t file, std::size_t count, const std::string& origin);

}  // namespace holodet::io::hdf5
