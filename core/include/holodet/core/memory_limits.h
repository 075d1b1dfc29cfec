#pragma once
// Frames whose buffers cannot fit are refused before anything is allocated, with the sizes
// named: a 100000 x 100000 PNG says so in a line instead of growing until the kernel kills it.

#include <cstddef>
#include <cstdint>
#include <string>

namespace holodet {

// This machine's physical memory in bytes (0 when the system does not say).
std::uint64_t physical_memory_bytes();

// Throws bad_input "<origin>: <what> of <nx> x <ny> px needs about N GB of memory, this
// machine has M GB" when nx · ny · bytes_per_pixel exceeds the physical memory.
void check_fits_in_memory(const std::string& origin, std::size_t nx, std::size_t ny,
                          double bytes_per_pixel, const std::string& what);

}  // namespace holodet
