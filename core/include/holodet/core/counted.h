#pragma once
// Counts with their nouns in agreement: "1 archive", "2 archives", "0 particles".

#include <cstddef>
#include <string>

namespace holodet {

inline std::string counted(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace holodet
