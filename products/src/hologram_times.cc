#include "holodet/products/hologram_times.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "holodet/core/error.h"

namespace holodet::products {

std::optional<TimeUnits> parse_time_units(std::string_view text) {
  std::string_view unit = text;
  const std::size_t since = text.find(" since ");
  if (since != std::string_view::npos) {
    unit = text.substr(0, since);
  }
  while (!unit.empty() && unit.front() == ' ') {
    unit.remove_prefix(1);
  }
  while (!unit.empty() && unit.back() == ' ') {
    unit.remove_suffix(1);
  }
  struct Known {
    std::string_view name;
    double seconds;
  };
  static constexpr Known kKnown[] = {{"s", 1},
                                     {"sec", 1},
                                     {"secs", 1},
                                     {"second", 1},
                                     {"seconds", 1},
                                     {"ms", 1e-3},
                                     {"milliseconds", 1e-3},
                                     {"min", 60},
                                     {"minute", 60},
                                     {"minutes", 60},
                                     {"h", 3600},
                                     {"hr", 3600},
                                     {"hour", 3600},
                                     {"hours", 3600},
                                     {"d", 86400},
                                     {"day", 86400},
                                     {"days", 86400}};
  for (const Known& known : kKnown) {
    if (unit == known.name) {
      return TimeUnits{std::string(text), known.seconds, since != std::string_view::npos};
    }
  }
  return std::nullopt;
}

double parse_duration_seconds(std::string_view text, std::string_view origin) {
  std::size_t split = 0;
  while (split < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[split])) != 0 || text[split] == '.' ||
          text[split] == 'e' || text[split] == 'E' || text[split] == '+' || text[split] == '-')) {
    ++split;
  }
  // "1e" would take the unit's letter: only an exponent followed by a digit is the number's.
  while (split > 0 && (text[split - 1] == 'e' || text[split - 1] == 'E')) {
    --split;
  }
  double value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + split, value);
  std::string_view unit = text.substr(split);
  while (!unit.empty() && unit.front() == ' ') {
    unit.remove_prefix(1);
  }
  const std::optional<TimeUnits> units =
      unit.empty() ? std::optional<TimeUnits>(TimeUnits{"s", 1, false}) : parse_time_units(unit);
  if (split == 0 || status != std::errc() || end != text.data() + split || !units || units->cf ||
      !(value > 0) || !std::isfinite(value)) {
    throw bad_input(std::string(origin) + " '" + std::string(text) +
                    "': expected a duration such as 1s, 500ms, 2min or 1h");
  }
  return value * units->seconds_per_unit;
}

std::vector<double> fill_missing_times(std::vector<double> times) {
  std::vector<std::size_t> known;
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (std::isfinite(times[k])) {
      known.push_back(k);
    }
  }
  if (known.empty() || known.size() == times.size()) {
    return times;
  }
  if (known.size() == 1) {
    return std::vector<double>(times.size(), times[known.front()]);
  }
  std::size_t segment = 0;  // interpolate between known[segment] and known[segment + 1]
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (std::isfinite(times[k])) {
      continue;
    }
    while (segment + 2 < known.size() && known[segment + 1] < k) {
      ++segment;
    }
    const std::size_t a = known[segment], b = known[segment + 1];
    const double slope = (times[b] - times[a]) / static_cast<double>(b - a);
    times[k] = times[a] + slope * (static_cast<double>(k) - static_cast<double>(a));
  }
  return times;
}

Intervals make_intervals(std::span<const double> times, double length) {
  Intervals intervals;
  if (times.empty()) {
    return intervals;
  }
  double first = std::numeric_limits<double>::infinity(), last = -first;
  for (double t : times) {
    if (!std::isfinite(t)) {
      throw bad_input("intervals: a hologram has no time");
    }
    first = std::min(first, t);
    last = std::max(last, t);
  }
  const double origin = std::floor(first / length);
  const double count = std::floor(last / length) - origin + 1;
  if (count > 1e6) {
    throw bad_input("intervals of " + std::to_string(length) + " over times from " +
                    std::to_string(first) + " to " + std::to_string(last) +
                    " would be more than a million; choose a longer --interval");
  }
  for (std::size_t k = 0; k < static_cast<std::size_t>(count); ++k) {
    intervals.start.push_back((origin + static_cast<double>(k)) * length);
    intervals.end.push_back((origin + static_cast<double>(k) + 1) * length);
  }
  for (double t : times) {
    const auto index = static_cast<std::size_t>(std::floor(t / length) - origin);
    intervals.of_hologram.push_back(std::min(index, intervals.start.size() - 1));
  }
  return intervals;
}

}  // namespace holodet::products
