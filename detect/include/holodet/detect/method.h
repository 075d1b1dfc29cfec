#pragma once
// The two ways holodet finds particles, named once: what --method accepts, what a result's
// `method` attribute says, and what "auto" stands for.

#include <string>
#include <string_view>

#include "holodet/config/config.h"

namespace holodet::detect {

enum class Method { kClassic, kUnet };

// "classic" or "unet": the --method names and the results' attribute.
std::string_view method_name(Method method);

// `name` as a Method; "auto" is unet when unet.model is set or the shipped models are there, else
// classic. Throws bad_input naming `option`, the value and the known names otherwise.
Method choose_method(std::string_view name, const config::Config& config,
                     std::string_view option = "--method");

// Which model a run's results come from: its file name and checksum, then the crowded frames'
// model's where that is another file; "" for classic. Part of a batch run's identity and the
// results' `model` attribute.
std::string model_label(Method method, const config::Config& config);

}  // namespace holodet::detect
