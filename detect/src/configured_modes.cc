#include "configured_modes.h"

#include "holodet/core/error.h"

namespace holodet::detect {

// Each switch lists every value and has no default: a value its enum gains is a compiler
// warning here (an error under CI) until it is mapped.

propagate::FieldMode field_mode(const config::Config& config) {
  switch (config.reconstruction.field) {
    case config::Field::kCounts:
      return propagate::FieldMode::kCounts;
    case config::Field::kNormalised:
      return propagate::FieldMode::kNormalised;
    case config::Field::kSqrt:
      return propagate::FieldMode::kSqrtCounts;
    case config::Field::kSqrtNormalised:
      return propagate::FieldMode::kSqrtNormalised;
  }
  throw_outside_enum("reconstruction.field");
}

propagate::PadMode pad_mode(const config::Config& config) {
  switch (config.reconstruction.pad) {
    case config::Pad::kReflect:
      return propagate::PadMode::kReflect;
    case config::Pad::kEdgeMean:
      return propagate::PadMode::kEdgeMean;
  }
  throw_outside_enum("reconstruction.pad");
}

propagate::FftPlanning fft_planning(const config::Config& config) {
  switch (config.reconstruction.fft_planning) {
    case config::FftPlanning::kMeasure:
      return propagate::FftPlanning::kMeasure;
    case config::FftPlanning::kDeterministic:
      return propagate::FftPlanning::kDeterministic;
  }
  throw_outside_enum("reconstruction.fft_planning");
}

void throw_outside_enum(std::string_view key) {
  throw bad_input("configuration: " + std::string(key) +
                  " holds a value of no name (a Config built in code, not validated)");
}

}  // namespace holodet::detect
