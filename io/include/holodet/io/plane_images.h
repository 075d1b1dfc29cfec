#pragma once
// The files `holodet reconstruct` writes for one plane or projection
// (float32 TIFF, or 16-bit PNG at a scale the caller chose) and index.csv, which lists every
// file with its depth and the scale that turns stored values back into physical ones.

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace holodet::io {

struct IndexRow {
  std::string file;
  std::string kind;  // amplitude | phase | min_amplitude | depth_um | volume
  double z_um;       // NaN for the projections and volumes
  double offset;
  double scale;
};

// A PNG's mapping: physical value = offset + stored · scale, stored in 0..65535.
struct PngScale {
  double offset = 0;
  double scale = 1;
  // low..high onto 0..65535 (a range of 1 where high ≤ low).
  static PngScale spanning(double low, double high);
};

IndexRow write_tiff_frame(const std::filesystem::path& folder, const std::string& name,
                          const std::string& kind, double z_um, std::span<const float> values,
                          std::size_t nx, std::size_t ny);
// Values beyond the scale's range are clipped to 0 or 65535.
IndexRow write_png_frame(const std::filesystem::path& folder, const std::string& name,
                         const std::string& kind, double z_um, std::span<const float> values,
                         std::size_t nx, std::size_t ny, const PngScale& scale);

void write_index(const std::filesystem::path& folder, const std::vector<IndexRow>& rows);

// The files an earlier index.csv in `folder` lists (none when there is none).
std::vector<std::string> files_in_index(const std::filesystem::path& folder);

}  // namespace holodet::io
