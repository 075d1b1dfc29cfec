#pragma once
// Hologram ids written as a list of ids and ranges: "1,3-5", or "all". The one syntax of
// `--hologram` on every command and of the `holograms` record in results files, so what a
// table says it covers can be typed back as an option.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace holodet {

// The ids of `text`, ascending and without repeats; std::nullopt for "all". Throws bad_input
// naming `what` (e.g. "--hologram") for anything else: 0, negative ids, "5-3", "1,,2".
std::optional<std::vector<int>> parse_hologram_ids(std::string_view text, std::string_view what);

// The shortest text parse_hologram_ids reads back as `ids` ("1,3-5"); "" for none.
std::string format_hologram_ids(std::vector<int> ids);

}  // namespace holodet
