#include "holodet/io/image_file.h"

#include <cstring>
#include <fstream>
#include <string>

#include "holodet/core/error.h"
#include "image_layout.h"

namespace holodet::io {

Hologram read_hologram_image(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw bad_input(path.string() + ": is a folder, not a hologram file");
  }
  if (!std::filesystem::is_regular_file(path, error)) {
    throw bad_input(path.string() + ": no such file");
  }
  std::ifstream file(path, std::ios::binary);
  char head[8] = {};
  file.read(head, sizeof(head));
  if (file.gcount() == sizeof(head) && std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) {
    return read_png_hologram(path);
  }
  if (file.gcount() >= 4 &&
      (std::memcmp(head, "II*\0", 4) == 0 || std::memcmp(head, "MM\0*", 4) == 0)) {
    return read_tiff_hologram(path);
  }
  if (file.gcount() >= 4 && std::memcmp(head, "CDF", 3) == 0 &&
      (head[3] == 1 || head[3] == 2 || head[3] == 5)) {
    throw bad_input(path.string() +
                    ": a NetCDF3 (classic) file; holodet reads NetCDF4/HDF5 archives: convert it "
                    "with  nccopy -k nc4 " +
                    path.filename().string() + " " + path.stem().string() + "_nc4.nc");
  }
  throw bad_input(path.string() + ": not a PNG or TIFF image (nor an HDF5/NetCDF4 archive)");
}

}  // namespace holodet::io
