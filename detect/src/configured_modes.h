#pragma once
// Private to detect/: the configuration's choice names (config_choices.h) as the enums of the
// stages below, each from one table pairing every name with its enum. The configuration
// accepts only its names; a name a table here lacks is a bug, said by bad_input naming the key,
// never a quiet fall back to a default.

#include <string>
#include <string_view>
#include <utility>

#include "holodet/config/config.h"
#include "holodet/propagate/propagator.h"

namespace holodet::detect {

propagate::FieldMode field_mode(const config::Config& config);
propagate::PadMode pad_mode(const config::Config& config);
propagate::FftPlanning fft_planning(const config::Config& config);

}  // namespace holodet::detect
