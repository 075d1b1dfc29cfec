#pragma once
// Reads HOLODEC archives: NetCDF4 files (HDF5 underneath) holding `image(hologram_number,
// xsize, ysize)` and, when present, the particle table (hid, x, y, z, d). One hologram is read
// at a time as a hyperslab: an archive of hundreds of 15.8-Mpx holograms is never loaded whole.
// Layout facts: docs/HOLODEC.md.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "holodet/core/optics.h"
#include "holodet/io/hologram.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

// Optics as the file states them; a missing attribute stays empty.
struct ArchiveOptics {
  std::optional<double> wavelength_m;     // attribute `lambda`
  std::optional<double> pixel_pitch_x_m;  // `dx`
  std::optional<double> pixel_pitch_y_m;  // `dy`
  std::optional<double> z_min_m;          // `zMin`: absent in real flight archives
  std::optional<double> z_max_m;          // `zMax`
  // Optics attributes the file holds as something other than a number (name, text): never
  // replaced by a default unsaid; the run refuses them unless the configuration gives the value.
  std::vector<std::pair<std::string, std::string>> not_numbers;

  // Fills what the file lacks with HOLODEC's defaults, as the reference does (zMin 0.014 m,
  // zMax 0.158 m for flight archives).
  Optics with_defaults() const;
};

struct ArchiveInfo {
  std::filesystem::path path;
  std::size_t hologram_count = 0;
  std::size_t size_x = 0;  // Nx, the `xsize` dimension (slower image axis)
  std::size_t size_y = 0;  // Ny, `ysize`
  int bits_per_sample = 8;
  ArchiveOptics optics;
  bool has_particles = false;
  std::size_t particle_count = 0;
};

// When each hologram was taken, as far as the archive says.
struct ArchiveTimes {
  std::vector<double> per_hologram;  // by hid - 1; NaN where unknown
  std::string units;                 // the variable's `units`; empty when it has none
  std::string source;                // e.g. "variable hologram_time", "particle t (median)"
};

class ArchiveReader {
 public:
  // Opens and checks the file: an HDF5 file with a 3-D unsigned-integer `image` of non-zero
  // size. Throws bad_input naming the file and the problem otherwise.
  explicit ArchiveReader(const std::filesystem::path& path);
  ~ArchiveReader();
  ArchiveReader(ArchiveReader&&) noexcept;
  ArchiveReader& operator=(ArchiveReader&&) noexcept;

  const ArchiveInfo& info() const { return info_; }

  // Reads hologram `hid` (1-based). Throws bad_input when hid is out of range or its data
  // cannot be read (a damaged or truncated file).
  Hologram read_hologram(int hid) const;

  // The whole particle table (all holograms); empty when the file has none.
  ParticleTable read_particles() const;

  // Hologram times: a 1-D variable `hologram_time` or `time` over the holograms when there is
  // one, else the particles' `t` (flight archives carry it), the median of each hologram's
  // (a hologram without particles has no time). nullopt when the file has neither. Read as
  // float64: seconds since an epoch do not fit a float32.
  std::optional<ArchiveTimes> hologram_times() const;

  // Global attributes as text, by name, without the netCDF library's own (names
  // starting with "_"): for `holodet info --attributes`.
  std::vector<std::pair<std::string, std::string>> global_attributes() const;

 private:
  struct Handles;
  std::unique_ptr<Handles> handles_;
  ArchiveInfo info_;
};

// True when the file starts with the HDF5 signature (NetCDF4 files do).
bool looks_like_hdf5(const std::filesystem::path& path);

}  // namespace holodet::io
