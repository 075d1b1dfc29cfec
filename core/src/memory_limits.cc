#include "holodet/core/memory_limits.h"

#include <unistd.h>

#include <cstdio>

#include "holodet/core/error.h"

namespace holodet {

std::uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) {
    return 0;
  }
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

void check_fits_in_memory(const std::string& origin, std::size_t nx, std::size_t ny,
                          double bytes_per_pixel, const std::string& what) {
  const double needed = static_cast<double>(nx) * static_cast<double>(ny) * bytes_per_pixel;
  const auto available = static_cast<double>(physical_memory_bytes());
  if (available <= 0 || needed <= available) {
    return;
  }
  char text[200];
  std::snprintf(text, sizeof text,
                ": %s of %zu x %zu px needs about %.1f GB of memory, this machine has %.1f GB",
                what.c_str(), nx, ny, needed / 1e9, available / 1e9);
  throw bad_input(origin + text);
}

}  // namespace holodet
