#include "holodet/io/plane_images.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"
#include "holodet/io/image_file.h"

namespace holodet::io {

PngScale PngScale::spanning(double low, double high) {
  if (!(high > low)) {
    high = low + 1;
  }
  return {low, (high - low) / 65535.0};
}

IndexRow write_tiff_frame(const std::filesystem::path& folder, const std::string& name,
                          const std::string& kind, double z_um, std::span<const float> values,
                          std::size_t nx, std::size_t ny) {
  io::write_tiff_float32(folder / (name + ".tif"), nx, ny, values);
  return {name + ".tif", kind, z_um, 0.0, 1.0};
}

IndexRow write_png_frame(const std::filesystem::path& folder, const std::string& name,
                         const std::string& kind, double z_um, std::span<const float> values,
                         std::size_t nx, std::size_t ny, const PngScale& scale) {
  std::vector<std::uint16_t> stored(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double level = std::isfinite(values[k]) ? (values[k] - scale.offset) / scale.scale : 0.0;
    stored[k] = static_cast<std::uint16_t>(std::clamp(std::lround(level), 0L, 65535L));
  }
  io::write_png_gray16(folder / (name + ".png"), nx, ny, stored);
  return {name + ".png", kind, z_um, scale.offset, scale.scale};
}

void write_index(const std::filesystem::path& folder, const std::vector<IndexRow>& rows) {
  io::AtomicOutput output(folder / "index.csv");
  {
    std::ofstream file(output.temp_path());
    file << "# physical value = offset + stored value * scale; images have rows = y, columns = x\n";
    file << "file,kind,z_um,offset,scale\n";
    file.precision(10);
    for (const IndexRow& row : rows) {
      file << row.file << ',' << row.kind << ',';
      if (std::isfinite(row.z_um)) {
        file << row.z_um;
      }
      file << ',' << row.offset << ',' << row.scale << '\n';
    }
    if (!file.flush()) {
      throw write_failure((folder / "index.csv").string(), errno);
    }
  }
  output.commit();
}

std::vector<std::string> files_in_index(const std::filesystem::path& folder) {
  std::vector<std::string> files;
  std::ifstream index(folder / "index.csv");
  std::string line;
  while (std::getline(index, line)) {
    if (line.empty() || line.front() == '#' || line.rfind("file,", 0) == 0) {
      continue;
    }
    const std::string name = line.substr(0, line.find(','));
    // Only plain names in the folder: an edited index cannot point the removal elsewhere.
    if (!name.empty() && name.find('/') == std::string::npos && name != "." && name != "..") {
      files.push_back(name);
    }
  }
  return files;
}

}  // namespace holodet::io
