#include "config_values.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "holodet/core/error.h"

namespace holodet::config {
namespace {

[[noreturn]] void refuse(std::string_view text, std::string_view where, std::string_view kind) {
  throw bad_input(std::string(where) + " = '" + std::string(text) + "' is not " +
                  std::string(kind));
}

// `value` as to_chars' shortest round-trip scientific text, split into its digits (no point,
// no trailing zeros) and the power of ten of the last digit: 3.55e-07 is {"355", -9}.
struct Decimal {
  std::string digits;
  int exponent = 0;
};

Decimal shortest_decimal(double magnitude) {
  char text[64];
  const auto result =
      std::to_chars(text, text + sizeof text, magnitude, std::chars_format::scientific);
  const std::string_view written(text, static_cast<std::size_t>(result.ptr - text));
  const std::size_t e = written.find('e');
  Decimal decimal;
  for (const char c : written.substr(0, e)) {
    if (c != '.') {
      decimal.digits += c;
    }
  }
  const int scientific_exponent = std::atoi(std::string(written.substr(e + 1)).c_str());
  decimal.exponent = scientific_exponent - static_cast<int>(decimal.digits.size()) + 1;
  while (decimal.digits.size() > 1 && decimal.digits.back() == '0') {
    decimal.digits.pop_back();
    ++decimal.exponent;
  }
  return decimal;
}

}  // namespace

int parse_int(std::string_view text, std::string_view where) {
  int value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size()) {
    refuse(text, where, "an integer");
  }
  return value;
}

double parse_double(std::string_view text, std::string_view where) {
  double value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    refuse(text, where, "a finite number");
  }
  return value;
}

bool parse_bool(std::string_view text, std::string_view where) {
  if (text == "true" || text == "yes" || text == "on" || text == "1") {
    return true;
  }
  if (text == "false" || text == "no" || text == "off" || text == "0") {
    return false;
  }
  refuse(text, where, "true or false");
}

std::string readable_number(double value) {
  const double magnitude = std::fabs(value);
  const std::string sign = std::signbit(value) && value != 0 ? "-" : "";
  if (value == 0 || !std::isfinite(value) || (magnitude >= 0.01 && magnitude <= 10000)) {
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed);
    return std::string(text, result.ptr);
  }
  const Decimal decimal = shortest_decimal(magnitude);
  if (decimal.exponent < 0 && decimal.exponent % 3 == 0 && decimal.digits.size() <= 3) {
    return sign + decimal.digits + "e" + std::to_string(decimal.exponent);
  }
  const int exponent = decimal.exponent + static_cast<int>(decimal.digits.size()) - 1;
  std::string mantissa = decimal.digits;
  if (mantissa.size() > 1) {
    mantissa.insert(1, 1, '.');
  }
  return sign + mantissa + "e" + std::to_string(exponent);
}

}  // namespace holodet::config
