#include "holodet/core/hologram_ids.h"

#include <algorithm>
#include <charconv>

#include "holodet/core/error.h"

namespace holodet {
namespace {

// A 1-based id, the whole of `text`.
std::optional<int> parse_id(std::string_view text) {
  int id = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || status != std::errc() || end != text.data() + text.size() || id < 1) {
    return std::nullopt;
  }
  return id;
}

}  // namespace

std::optional<std::vector<int>> parse_hologram_ids(std::string_view text, std::string_view what) {
  if (text == "all") {
    return std::nullopt;
  }
  const auto refuse = [&](std::string_view part, const char* why) {
    return bad_input(std::string(what) + " " + std::string(text) + ": '" + std::string(part) +
                     "' " + why + " (write ids and ranges of 1-based hologram ids, e.g. 1,3-5, " +
                     "or all)");
  };
  // Refuses lists that would grow without bound ("1-2000000000") before anything is stored.
  constexpr long long kMostIds = 10'000'000;
  long long count = 0;
  std::vector<int> ids;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view part = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const std::size_t dash = part.find('-');
    if (dash == std::string_view::npos) {
      const std::optional<int> id = parse_id(part);
      if (!id) {
        throw refuse(part, "is not a hologram id");
      }
      ids.push_back(*id);
      ++count;
    } else {
      const std::optional<int> first = parse_id(part.substr(0, dash));
      const std::optional<int> last = parse_id(part.substr(dash + 1));
      if (!first || !last) {
        throw refuse(part, "is not a range of hologram ids");
      }
      if (*last < *first) {
        throw refuse(part, "runs backwards");
      }
      count += static_cast<long long>(*last) - *first + 1;
      if (count > kMostIds) {
        throw refuse(part, "makes more than 10000000 ids");
      }
      for (int id = *first; id <= *last; ++id) {
        ids.push_back(id);
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string format_hologram_ids(std::vector<int> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string text;
  for (std::size_t k = 0; k < ids.size();) {
    std::size_t run_end = k;
    while (run_end + 1 < ids.size() && ids[run_end + 1] == ids[run_end] + 1) {
      ++run_end;
    }
    if (!text.empty()) {
      text += ',';
    }
    text += std::to_string(ids[k]);
    if (run_end > k) {
      text += (run_end == k + 1 ? ',' : '-') + std::to_string(ids[run_end]);
    }
    k = run_end + 1;
  }
  return text;
}

}  // namespace holodet
