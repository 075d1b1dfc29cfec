#pragma once
// Counts with their nouns in agreement: "1 archive", "2 archives", "1 network pass",
// "3 network passes", "0 particles".

#include <cstddef>
#include <string>

namespace holodet {

// `plural` defaults to the noun with an s.
inline std::string counted(std::size_t count, const std::string& noun,
                           const std::string& plural = "") {
  return std::to_string(count) + " " + (count == 1 ? noun : (plural.empty() ? noun + "s" : plural));
}

}  // namespace holodet
