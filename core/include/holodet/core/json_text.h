#pragma once
// JSON string literals: the one escaper every JSON holodet writes uses (evaluate --json,
// bench --json), so a file name with a quote or a tab, or a NaN, never breaks a file.

#include <string>
#include <string_view>

namespace holodet {

// `text` as a JSON string, quotes included: ", \ and control characters escaped, UTF-8 as it is.
std::string json_string(std::string_view text);

// `value` as a JSON number with 10 significant digits; null when it is NaN or infinite (JSON
// has no such numbers, and a NaN would make the whole file unreadable).
std::string json_number(double value);

}  // namespace holodet
