#pragma once
// Private to detect/: the configuration's choices (config_choices.h) as the enums of the stages
// below. validate() refuses a value outside its enum; reaching one here anyway (a Config built
// in code and never validated) is bad_input naming the key, never a quiet fall back to a
// default.

#include <string_view>

#include "holodet/config/config.h"
#include "holodet/propagate/propagator.h"

namespace holodet::detect {

propagate::FieldMode field_mode(const config::Config& config);
propagate::PadMode pad_mode(const config::Config& config);
propagate::FftPlanning fft_planning(const config::Config& config);

[[noreturn]] void throw_outside_enum(std::string_view key);

}  // namespace holodet::detect
