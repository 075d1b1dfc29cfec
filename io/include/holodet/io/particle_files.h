#pragma once
// Particle tables on disk: CSV (`hid,x,y,z,d` in µm, extra columns after those five) and
// NetCDF4 (dimension `particle`, variables hid, x, y, z, d with units, global attributes
// recording how the table was made). Both are written atomically.

#include <filesystem>

#include "holodet/io/netcdf_writer.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

void write_particles_csv(const std::filesystem::path& path, const ParticleTable& table);

// `global_attributes`: optics, method, model, version, command line (the caller knows them).
void write_particles_netcdf(const std::filesystem::path& path, const ParticleTable& table,
                            const Attributes& global_attributes);

// Reads a CSV whose header starts hid,x,y,z,d; further numeric columns become extras.
// Throws bad_input naming the file and line for anything else.
ParticleTable read_particles_csv(const std::filesystem::path& path);

// Defines and writes the particle table (dimension `particle`, its variables) in an open file:
// the layout every holodet results file shares.
void put_particle_table(NetcdfWriter& writer, const ParticleTable& table);

// By extension: .csv, or .nc/.h5 (written by holodet or a HOLODEC archive's table).
void write_particles(const std::filesystem::path& path, const ParticleTable& table,
                     const Attributes& global_attributes);
ParticleTable read_particles(const std::filesystem::path& path);

}  // namespace holodet::io
