#pragma once
// One input file of any kind the tools accept: a HOLODEC archive (NetCDF4/HDF5) or a single
// hologram image (PNG/TIFF), with the optics that apply to it. Holograms are addressed by
// their 1-based hid; an image file holds hid 1 only.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "holodet/core/optics.h"
#include "holodet/io/archive_reader.h"
#include "holodet/io/hologram.h"
#include "holodet/io/particle_table.h"
#include "holodet/io/requested_optics.h"

namespace holodet::io {

enum class InputKind { kArchive, kImage };

// Where each optical value came from, for `holodet info` and results metadata.
enum class ValueSource { kFile, kConfig, kDefault };

struct OpticsSources {
  ValueSource wavelength = ValueSource::kDefault;
  ValueSource pixel_pitch = ValueSource::kDefault;
  ValueSource z_range = ValueSource::kDefault;
};

struct InputDescription {
  std::filesystem::path path;
  InputKind kind = InputKind::kArchive;
  std::size_t hologram_count = 0;
  std::size_t size_x = 0;
  std::size_t size_y = 0;
  int bits_per_sample = 8;
  Optics optics;  // effective: config keys the user set > the file's attributes > defaults
  OpticsSources optics_sources;
  bool has_particles = false;
  std::size_t particle_count = 0;
};

// The optics for a file: each value from a key the user set, else from the file, else
// HOLODEC's default.
Optics resolve_optics(const io::ArchiveOptics& file_optics, const RequestedOptics& requested,
                      OpticsSources* sources);

class HologramInput {
 public:
  // Opens by content (HDF5 signature → archive, else PNG/TIFF). Throws bad_input naming the
  // file when it is neither or is damaged.
  HologramInput(const std::filesystem::path& path, const RequestedOptics& requested);

  const InputDescription& description() const { return description_; }
  io::Hologram read(int hid) const;
  // The ids `asked` for, every one checked before any is read; empty asks for every hologram.
  // Throws bad_input naming the file and the first id it does not hold.
  std::vector<int> checked_ids(std::vector<int> asked) const;
  io::ParticleTable particles() const;  // empty for images and archives without a table
  // When each hologram was taken (io::ArchiveReader::hologram_times); nullopt for images.
  std::optional<io::ArchiveTimes> hologram_times() const;

 private:
  InputDescription description_;
  std::optional<io::ArchiveReader> archive_;
  std::optional<io::Hologram> image_;
};

}  // namespace holodet::io
