#include "holodet/detect/method.h"

#include <array>
#include <utility>

#include "holodet/core/error.h"
#include "holodet/detect/model_files.h"

namespace holodet::detect {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 2> kMethodNames = {
    {{Method::kClassic, "classic"}, {Method::kUnet, "unet"}}};

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
    configured_models(config);
    return Method::kUnet;
  } catch (const Error&) {
    return Method::kClassic;
  }
}

std::string model_label(Method method, const config::Config& config) {
  if (method != Method::kUnet) {
    return "";
  }
  const ConfiguredModels models = configured_models(config);
  const auto label = [](const std::filesystem::path& path) {
    return path.filename().string() + " (" + file_checksum(path) + ")";
  };
  return models.one_model() ? label(models.model)
                            : label(models.model) + "; crowded frames: " + label(models.crowded);
}

}  // namespace holodet::detect
