#pragma once
// The choice keys of the configuration as enums, each with one table of the names the key
// accepts, in the enum's order (which is the order the docs list them). Parsing, validate(),
// to_yaml and docs/CONFIGURATION.md read the names from ChoiceNames; code that acts on a
// choice switches over the enum with no default, so a value the enum gains and a switch lacks
// is a compiler warning (an error under CI), never a quiet fall back.

#include <array>
#include <cstddef>
#include <string_view>

namespace holodet::config {

// reconstruction.field: what is propagated.
enum class Field { kCounts, kNormalised, kSqrt, kSqrtNormalised };
// reconstruction.pad: padding up to the FFT size.
enum class Pad { kReflect, kEdgeMean };
// reconstruction.fft_planning: how CPU FFT plans are chosen.
enum class FftPlanning { kMeasure, kDeterministic };
// unet.work_items: what the network runs on.
enum class WorkItems { kAuto, kCandidates, kDense };
// train.loss: the training loss.
enum class Loss { kDice, kFocalTversky };

template <typename Choice>
struct ChoiceNames;  // `names[i]` is the name of the enum's value i

template <>
struct ChoiceNames<Field> {
  static constexpr std::array<std::string_view, 4> names = {"counts", "normalised", "sqrt",
                                                            "sqrt_normalised"};
};
template <>
struct ChoiceNames<Pad> {
  static constexpr std::array<std::string_view, 2> names = {"reflect", "edge_mean"};
};
template <>
struct ChoiceNames<FftPlanning> {
  static constexpr std::array<std::string_view, 2> names = {"measure", "deterministic"};
};
template <>
struct ChoiceNames<WorkItems> {
  static constexpr std::array<std::string_view, 3> names = {"auto", "candidates", "dense"};
};
template <>
struct ChoiceNames<Loss> {
  static constexpr std::array<std::string_view, 2> names = {"dice", "focal_tversky"};
};

// The name of a valid value; a value cast from an integer outside the enum has none: validate()
// refuses such a Config before anything reads it.
template <typename Choice>
constexpr std::string_view name_of(Choice value) {
  const auto index = static_cast<std::size_t>(value);
  const auto& names = ChoiceNames<Choice>::names;
  return index < names.size() ? names[index] : std::string_view("?");
}

}  // namespace holodet::config
