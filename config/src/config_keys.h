#pragma once
// The configuration as data: one entry per key, holding where its value lives in a Config,
// its kind, the values it may take and its line of docs/CONFIGURATION.md. Parsing, validate()'s
// per-key rules, to_yaml and the generated documentation all walk this one table.

#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "holodet/config/config.h"

namespace holodet::config {

enum class ValueKind { kInt, kDouble, kBool, kChoice, kText };

// A member of a Config, as the two accessors a pointer-to-member pair gives (key_table.cc builds
// them from `&Config::group, &Group::member`): one table then holds members of every group.
template <typename T>
struct MemberOf {
  T& (*in)(Config&);
  const T& (*in_const)(const Config&);
};
// A choice member (an enum of config_choices.h) as the index of its name in the key's choices.
struct ChoiceOf {
  int (*index)(const Config&);
  void (*set_index)(Config&, int);
};
using Member =
    std::variant<MemberOf<int>, MemberOf<double>, MemberOf<bool>, MemberOf<std::string>, ChoiceOf>;

// The values a number may take. Comparisons are written so that NaN never passes.
struct Range {
  enum class Shape { kAny, kAtLeast, kAbove, kClosed, kHalfOpen, kZeroOrAtLeast, kEither };
  Shape shape = Shape::kAny;
  double low = 0;        // the lower bound; kEither: the first value
  double high = 0;       // kClosed, kHalfOpen: the upper bound; kEither: the second value
  std::string_view why;  // said after the rule, in parentheses

  bool admits(double value) const;
  // The rule as validate() states it, bounds written as the key's kind: "must be in [0, 1)".
  std::string rule(ValueKind kind) const;
};

constexpr Range any_value() {
  return {};
}
constexpr Range at_least(double low, std::string_view why = {}) {
  return {Range::Shape::kAtLeast, low, 0, why};
}
constexpr Range above(double low) {
  return {Range::Shape::kAbove, low, 0, {}};
}
constexpr Range in_closed(double low, double high, std::string_view why = {}) {
  return {Range::Shape::kClosed, low, high, why};
}
constexpr Range in_half_open(double low, double high) {
  return {Range::Shape::kHalfOpen, low, high, {}};
}
constexpr Range zero_or_at_least(double low, std::string_view why = {}) {
  return {Range::Shape::kZeroOrAtLeast, low, 0, why};
}
constexpr Range either(double first, double second) {
  return {Range::Shape::kEither, first, second, {}};
}

// A text key's own check when it is set; throws bad_input naming `where`.
using TextCheck = void (*)(std::string_view value, const std::string& where);

struct Key {
  std::string_view name;  // "<group>.<member>": the group is its YAML section
  ValueKind kind;
  Member member;
  Range range;                                // kInt, kDouble
  std::span<const std::string_view> choices;  // kChoice: its enum's names, in order
  TextCheck check = nullptr;                  // kText: optional
  std::string_view doc;                       // Markdown, one line of the documentation's table

  std::string_view group() const { return name.substr(0, name.find('.')); }
  std::string_view leaf() const { return name.substr(name.find('.') + 1); }
};

// Every key, in the order to_yaml writes them and docs/CONFIGURATION.md lists them.
std::span<const Key> keys();

// The entry named `name`, or nullptr.
const Key* find_key(std::string_view name);

// Sets the key's member from text; `origin` (a file, "--set") goes into the error.
void set_from_text(const Key& key, Config& config, std::string_view text, std::string_view origin);

// The member's value as a person reads it: integers and booleans as written, other numbers by
// readable_number, texts as they are ("" when empty).
std::string value_text(const Key& key, const Config& config);

// The member as a number (kInt, kDouble only).
double number_value(const Key& key, const Config& config);

// "a, b, c": the names a choice key accepts.
std::string choice_list(const Key& key);

}  // namespace holodet::config
