#pragma once
// Reading one configuration value from text, and writing numbers back for people (error
// messages and docs/CONFIGURATION.md; to_yaml keeps yaml-cpp's own spelling).

#include <string>
#include <string_view>

namespace holodet::config {

// `where` names the origin and the key ("--set: reconstruction.planes") for the error.
// Each throws bad_input quoting the text when it is not of the kind.
int parse_int(std::string_view text, std::string_view where);
double parse_double(std::string_view text, std::string_view where);  // finite only
bool parse_bool(std::string_view text, std::string_view where);  // true/yes/on/1, false/no/off/0

// The shortest text that reads back to `value`, plain between 0.01 and 10 000 ("0.014",
// "10000"), else with an exponent: below 0.01 as an SI prefix would ("355e-9": a whole mantissa
// below 1000 and an exponent a multiple of 3) where that is exact, otherwise with one digit
// before the point ("2.96e-6", "2e4", "2.5e4").
std::string readable_number(double value);

}  // namespace holodet::config
