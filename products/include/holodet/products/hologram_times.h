#pragma once
// Hologram times and the intervals distributions are summed over. Times are kept in the
// units their source gave (CF: "seconds since 2015-07-19 00:00:00"), and intervals are laid
// on whole multiples of their length from that epoch, so 1 s intervals are the seconds of
// the flight clock.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace holodet::products {

// A time unit: CF ("<unit> since <epoch>") or a bare unit ("s", "seconds", "hours").
struct TimeUnits {
  std::string text;             // as given
  double seconds_per_unit = 1;  // what one unit is in seconds
  bool cf = false;              // has "since <epoch>": a CF time
};

// nullopt when `text` names no unit of time.
std::optional<TimeUnits> parse_time_units(std::string_view text);

// A duration typed on a command line, in seconds: "1s", "500 ms", "2min", "1h", or a bare
// number of seconds. Throws bad_input naming `origin` when it is none of those or not > 0.
double parse_duration_seconds(std::string_view text, std::string_view origin);

// Missing times (NaN) filled by linear interpolation over the position in the list (HOLODEC
// exposes at a steady rate), extrapolated at the ends; a single known time is copied to all.
// All missing stays all missing.
std::vector<double> fill_missing_times(std::vector<double> times);

struct Intervals {
  std::vector<double> start, end;        // in the times' units, one per interval, ascending
  std::vector<std::size_t> of_hologram;  // the interval of each time given
};

// Intervals of `length` (in the times' units) from the first one holding a time to the last:
// intervals without a hologram in them are kept (a gap in the record shows). Times must be
// finite; throws bad_input when more than a million intervals would be made.
Intervals make_intervals(std::span<const double> times, double length);

}  // namespace holodet::products
