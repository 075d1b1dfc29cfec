#include "configured_modes.h"

#include <array>

#include "holodet/core/error.h"

namespace holodet::detect {
namespace {

template <typename Mode, std::size_t N>
Mode mode_named(const std::array<std::pair<std::string_view, Mode>, N>& names, std::string_view key,
                const std::string& name) {
  std::string known;
  for (const auto& [known_name, mode] : names) {
    if (known_name == name) {
      return mode;
    }
    known += (known.empty() ? "" : ", ") + std::string(known_name);
  }
  throw bad_input(std::string(key) + " = '" + name + "' is not one of " + known);
}

constexpr std::array<std::pair<std::string_view, propagate::FieldMode>, 4> kFieldModes = {{
    {"counts", propagate::FieldMode::kCounts},
    {"normalised", propagate::FieldMode::kNormalised},
    {"sqrt", propagate::FieldMode::kSqrtCounts},
    {"sqrt_normalised", propagate::FieldMode::kSqrtNormalised},
}};

constexpr std::array<std::pair<std::string_view, propagate::PadMode>, 2> kPadModes = {{
    {"reflect", propagate::PadMode::kReflect},
    {"edge_mean", propagate::PadMode::kEdgeMean},
}};

constexpr std::array<std::pair<std::string_view, propagate::FftPlanning>, 2> kFftPlannings = {{
    {"measure", propagate::FftPlanning::kMeasure},
    {"deterministic", propagate::FftPlanning::kDeterministic},
}};

}  // namespace

propagate::FieldMode field_mode(const config::Config& config) {
  return mode_named(kFieldModes, "reconstruction.field", config.reconstruction.field);
}

propagate::PadMode pad_mode(const config::Config& config) {
  return mode_named(kPadModes, "reconstruction.pad", config.reconstruction.pad);
}

propagate::FftPlanning fft_planning(const config::Config& config) {
  return mode_named(kFftPlannings, "reconstruction.fft_planning",
                    config.reconstruction.fft_planning);
}

}  // namespace holodet::detect
