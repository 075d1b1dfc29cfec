#pragma once
// Files the tests make themselves: small HOLODEC-layout archives, broken ones, temp folders,
// and running the holodet CLI.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/io/particle_table.h"

namespace holodet::test {

// A fresh folder under the system temp dir, removed with everything in it at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct ArchiveSpec {
  int holograms = 2;
  std::size_t size_x = 64;
  std::size_t size_y = 48;
  int particles_per_hologram = 3;
  bool with_z_range = true;  // flight archives have no zMin/zMax
  // A particle time `t` (float64, seconds since 1970-01-01) as flight archives carry:
  // particle k of hologram h at 1.4e9 + 0.5·h + 0.001·k.
  bool with_particle_times = false;
};

// The pixel value the test archives hold, distinct per hologram, x and y.
std::uint8_t pattern_value(int hid, std::size_t i, std::size_t j);

// Writes an archive in the published layout with holodet's NetcdfWriter. Particle k of
// hologram h has x = 10·h + k, y = −k, z = 20000 + 100·k, d = 30 + k (µm).
void write_test_archive(const std::filesystem::path& path, const ArchiveSpec& spec);

// Writes an HDF5 file holding one dataset `name` of the given shape (uint8, zeros) and
// nothing else: for archives without `image`, with the wrong rank, or of zero size.
void write_hdf5_with_dataset(const std::filesystem::path& path, const std::string& name,
                             const std::vector<unsigned long long>& shape);

// Copies `from` to `to`, keeping only the first `bytes` bytes.
void write_truncated_copy(const std::filesystem::path& from, const std::filesystem::path& to,
                          std::uintmax_t bytes);

void write_text(const std::filesystem::path& path, const std::string& text);

// Overwrites the middle of the stored (compressed) chunk `chunk` of dataset `image` with
// garbage: that hologram no longer decompresses, the others still read.
void corrupt_image_chunk(const std::filesystem::path& path, unsigned long long chunk);

// Sets every pixel of hologram `hid` (1-based) of dataset `image` to 0.
void zero_hologram(const std::filesystem::path& path, int hid);

// Two particle tables hold the same rows bit for bit, extra columns (names, values) included.
void expect_same_particles(const io::ParticleTable& a, const io::ParticleTable& b);

// Two tables of one hologram hold the same particles to float rounding, in any order: as
// many, and each of `a`'s has `b`'s nearest (in x, y) within xy_um laterally, z_um in depth
// and d_um in size (two backends of one pipeline).
void expect_nearly_same_particles(const io::ParticleTable& a, const io::ParticleTable& b,
                                  double xy_um, double z_um, double d_um);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the built holodet binary with `arguments` (shell syntax).
CommandResult run_holodet(const std::string& arguments);
CommandResult run_shell(const std::string& command);

// The repository's samples/ folder.
std::filesystem::path samples_dir();

}  // namespace holodet::test
