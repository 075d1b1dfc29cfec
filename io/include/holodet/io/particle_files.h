#pragma once
// Particle tables on disk: CSV (`hid,x,y,z,d` in µm, extra columns after those five) and
// NetCDF4 (dimension `particle`, variables hid, x, y, z, d with units, global attributes
// recording how the table was made). Both are written atomically. Both record the holograms
// the table covers: the global attribute `holograms_covered` ("1,3-5"), in CSV a first line
// `# holograms_covered: 1,3-5` (pandas: read_csv(path, comment="#")).

#include <filesystem>
#include <iosfwd>

#include "holodet/io/netcdf_writer.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

inline constexpr const char* kHologramsCovered = "holograms_covered";

void write_particles_csv(const std::filesystem::path& path, const ParticleTable& table);
// The same text on a stream (the table `holodet detect` prints): float32 written with 9
// significant digits, so every value reads back exactly.
void write_particles_csv(std::ostream& stream, const ParticleTable& table);

// `global_attributes`: optics, method, model, version, command line (the caller knows them).
void write_particles_netcdf(const std::filesystem::path& path, const ParticleTable& table,
                            const Attributes& global_attributes);

// Reads a CSV with columns hid, x, y, z, d found by name, in any order, with the unit
// suffixes people write (x_um, "d (um)", z_mm: converted to µm); further numeric columns
// become extras, a pandas index column and text columns are ignored, lines starting with
// '#' are comments. Throws bad_input naming the file, line and column for anything else.
ParticleTable read_particles_csv(const std::filesystem::path& path);

// Defines and writes the particle table (dimension `particle`, its variables) in an open file:
// the layout every holodet results file shares.
void put_particle_table(NetcdfWriter& writer, const ParticleTable& table);

// By extension: .csv, or .nc/.h5 (written by holodet or a HOLODEC archive's table).
void write_particles(const std::filesystem::path& path, const ParticleTable& table,
                     const Attributes& global_attributes);
ParticleTable read_particles(const std::filesystem::path& path);

}  // namespace holodet::io
