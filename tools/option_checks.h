#pragma once
// CLI11 checks whose messages state the range in words ("--planes 0: must be at least 1"),
// where CLI11's own PositiveNumber prints its bounds as 300-digit numbers.

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdlib>
#include <string>

namespace holodet::tools {

// A number ≥ `minimum` (1 for counts and hologram ids, 0 for "none allowed").
inline CLI::Validator at_least(double minimum) {
  const std::string bound = minimum == std::floor(minimum)
                                ? std::to_string(static_cast<long long>(minimum))
                                : std::to_string(minimum);
  return CLI::Validator(
      [minimum, bound](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
          return text + ": not a number";
        }
        if (value < minimum) {
          return text + ": must be at least " + bound;
        }
        return {};
      },
      ">= " + bound, "at least " + bound);
}

}  // namespace holodet::tools
