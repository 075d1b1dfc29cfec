#include "config_keys.h"

#include <algorithm>
#include <cmath>

#include "config_values.h"
#include "holodet/core/error.h"

namespace holodet::config {
namespace {

std::string bound_text(double value, ValueKind kind) {
  return kind == ValueKind::kInt ? std::to_string(static_cast<long long>(value))
                                 : readable_number(value);
}

}  // namespace

bool Range::admits(double value) const {
  switch (shape) {
    case Shape::kAny:
      return true;
    case Shape::kAtLeast:
      return value >= low;
    case Shape::kAbove:
      return value > low;
    case Shape::kClosed:
      return value >= low && value <= high;
    case Shape::kHalfOpen:
      return value >= low && value < high;
    case Shape::kZeroOrAtLeast:
      return value == 0 || value >= low;
    case Shape::kEither:
      return value == low || value == high;
  }
  return false;
}

std::string Range::rule(ValueKind kind) const {
  const std::string a = bound_text(low, kind);
  const std::string b = bound_text(high, kind);
  std::string text;
  switch (shape) {
    case Shape::kAny:
      text = "may be any number";
      break;
    case Shape::kAtLeast:
      text = "must be at least " + a;
      break;
    case Shape::kAbove:
      text = "must be above " + a;
      break;
    case Shape::kClosed:
      text = "must be in [" + a + ", " + b + "]";
      break;
    case Shape::kHalfOpen:
      text = "must be in [" + a + ", " + b + ")";
      break;
    case Shape::kZeroOrAtLeast:
      text = "must be 0 or at least " + a;
      break;
    case Shape::kEither:
      text = "must be " + a + " or " + b;
      break;
  }
  return why.empty() ? text : text + " (" + std::string(why) + ")";
}

const Key* find_key(std::string_view name) {
  const auto table = keys();
  const auto found = std::ranges::find(table, name, &Key::name);
  return found == table.end() ? nullptr : &*found;
}

std::string choice_list(const Key& key) {
  std::string list;
  for (const std::string_view name : key.choices) {
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  return list;
}

void set_from_text(const Key& key, Config& config, std::string_view text, std::string_view origin) {
  const std::string where = std::string(origin) + ": " + std::string(key.name);
  switch (key.kind) {
    case ValueKind::kInt:
      std::get<MemberOf<int>>(key.member).in(config) = parse_int(text, where);
      return;
    case ValueKind::kDouble:
      std::get<MemberOf<double>>(key.member).in(config) = parse_double(text, where);
      return;
    case ValueKind::kBool:
      std::get<MemberOf<bool>>(key.member).in(config) = parse_bool(text, where);
      return;
    case ValueKind::kChoice: {
      const auto found = std::ranges::find(key.choices, text);
      if (found == key.choices.end()) {
        throw bad_input(where + " = '" + std::string(text) + "' is not one of " + choice_list(key));
      }
      std::get<ChoiceOf>(key.member)
          .set_index(config, static_cast<int>(found - key.choices.begin()));
      return;
    }
    case ValueKind::kText:
      if (key.check != nullptr) {
        key.check(text, where);
      }
      std::get<MemberOf<std::string>>(key.member).in(config) = std::string(text);
      return;
  }
}

double number_value(const Key& key, const Config& config) {
  if (key.kind == ValueKind::kInt) {
    return std::get<MemberOf<int>>(key.member).in_const(config);
  }
  return std::get<MemberOf<double>>(key.member).in_const(config);
}

std::string value_text(const Key& key, const Config& config) {
  switch (key.kind) {
    case ValueKind::kInt:
      return std::to_string(std::get<MemberOf<int>>(key.member).in_const(config));
    case ValueKind::kDouble:
      return readable_number(std::get<MemberOf<double>>(key.member).in_const(config));
    case ValueKind::kBool:
      return std::get<MemberOf<bool>>(key.member).in_const(config) ? "true" : "false";
    case ValueKind::kChoice: {
      const int index = std::get<ChoiceOf>(key.member).index(config);
      return index >= 0 && index < static_cast<int>(key.choices.size())
                 ? std::string(key.choices[static_cast<std::size_t>(index)])
                 : "value " + std::to_string(index) + " of no name";
    }
    case ValueKind::kText: {
      const std::string& text = std::get<MemberOf<std::string>>(key.member).in_const(config);
      return text.empty() ? "\"\"" : text;
    }
  }
  return {};
}

}  // namespace holodet::config
