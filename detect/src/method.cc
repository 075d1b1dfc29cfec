#include "holodet/detect/method.h"

#include <array>
#include <utility>

#include "holodet/core/error.h"
#include "holodet/detect/model_files.h"

namespace holodet::detect {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 2> kMethodNames = {
    {{Method::kClassic, "classic"}, {Method::kUnet, "unet"}}};

std::filesystem::path configured_model(const config::Config& config) {
  return config.unet.model.empty() ? default_model_path()
                                   : std::filesystem::path(config.unet.model);
}

}  // namespace

std::string_view method_name(Method method) {
  for (const auto& [known, name] : kMethodNames) {
    if (known == method) {
      return name;
    }
  }
  return "unknown";
}

Method choose_method(std::string_view name, const config::Config& config, std::string_view option) {
  for (const auto& [known, known_name] : kMethodNames) {
    if (name == known_name) {
      return known;
    }
  }
  if (name != "auto") {
    std::string known_names;
    for (const auto& [known, known_name] : kMethodNames) {
      known_names += std::string(known_name) + ", ";
    }
    throw bad_input(std::string(option) + " " + std::string(name) + ": expected " + known_names +
                    "or auto");
  }
  if (!config.unet.model.empty()) {
    return Method::kUnet;
  }
  try {
    default_model_path();
    return Method::kUnet;
  } catch (const Error&) {
    return Method::kClassic;
  }
}

std::string model_label(Method method, const config::Config& config) {
  if (method != Method::kUnet) {
    return "";
  }
  const std::filesystem::path path = configured_model(config);
  return path.filename().string() + " (" + file_checksum(path) + ")";
}

}  // namespace holodet::detect
