#include "nearest_key.h"

#include <algorithm>
#include <vector>

#include "config_keys.h"

namespace holodet::config {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // rows[i][j]: the distance between a's first i and b's first j characters.
  std::vector<std::vector<std::size_t>> rows(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    rows[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    rows[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      rows[i][j] =
          std::min({rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        rows[i][j] = std::min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.size()][b.size()];
}

std::string_view nearest_key(std::string_view unknown) {
  const std::size_t dot = unknown.find('.');
  const std::string_view leaf = dot == std::string_view::npos ? unknown : unknown.substr(dot + 1);
  // A right member in the wrong group ("recon.planes", "planes") costs 2 more than its
  // misspelling, so that a near match of the whole name wins over it.
  constexpr std::size_t kWrongGroup = 2;
  std::string_view best;
  std::size_t best_distance = std::string_view::npos;
  for (const Key& key : keys()) {
    const std::size_t distance =
        std::min(edit_distance(unknown, key.name), edit_distance(leaf, key.leaf()) + kWrongGroup);
    if (distance < best_distance) {
      best = key.name;
      best_distance = distance;
    }
  }
  // Up to a third of the name wrong (at least 3 characters) still reads as a typo.
  const std::size_t tolerated = std::max<std::size_t>(3, unknown.size() / 3);
  return best_distance <= tolerated ? best : std::string_view();
}

}  // namespace holodet::config
