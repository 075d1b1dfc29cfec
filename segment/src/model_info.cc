#include "holodet/segment/model_info.h"

#include <cmath>
#include <sstream>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

constexpr const char* kFormat = "holodet-segmentation-model";
constexpr int kFormatVersion = 1;

double required(const std::map<std::string, double>& numbers, const std::string& key,
                const std::string& source) {
  const auto found = numbers.find(key);
  if (found == numbers.end()) {
    throw bad_input(source + ": model attribute '" + key + "' is missing");
  }
  return found->second;
}

std::string text_or(const std::map<std::string, std::string>& texts, const std::string& key,
                    const std::string& fallback) {
  const auto found = texts.find(key);
  return found == texts.end() ? fallback : found->second;
}

bool is_text_key(const std::string& key) {
  return key == "format" || key == "architecture" || key == "channels" || key == "field" ||
         key == "trained_on";
}

}  // namespace

std::vector<std::string> split_channels(const std::string& text) {
  std::vector<std::string> channels;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (!item.empty()) {
      channels.push_back(item);
    }
  }
  return channels;
}

ChannelSpec parse_channel(const std::string& name) {
  const std::size_t at = name.find('@');
  const std::string kind = name.substr(0, at);
  ChannelSpec spec;
  if (kind == "phase") {
    spec.phase = true;
  } else if (kind != "amplitude") {
    throw bad_input("input channel '" + name +
                    "' is not one holodet provides (amplitude or phase, optionally @offset_um)");
  }
  if (at != std::string::npos) {
    const std::string offset = name.substr(at + 1);
    std::size_t used = 0;
    try {
      spec.offset_um = std::stod(offset, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != offset.size() || !std::isfinite(spec.offset_um)) {
      throw bad_input("input channel '" + name + "': '" + offset +
                      "' after @ is not an offset in µm");
    }
  }
  return spec;
}

std::string join_channels(const std::vector<std::string>& channels) {
  std::string text;
  for (const std::string& channel : channels) {
    text += (text.empty() ? "" : ",") + channel;
  }
  return text;
}

void to_attributes(const ModelInfo& info, std::map<std::string, double>& numbers,
                   std::map<std::string, std::string>& texts) {
  texts["format"] = kFormat;
  texts["architecture"] = info.architecture;
  texts["channels"] = join_channels(info.channels);
  texts["field"] = info.field;
  texts["trained_on"] = info.trained_on;
  numbers["format_version"] = kFormatVersion;
  numbers["depth"] = info.unet.depth;
  numbers["base_width"] = info.unet.base_width;
  numbers["in_channels"] = info.unet.in_channels;
  numbers["batch_norm"] = info.unet.batch_norm ? 1 : 0;
  numbers["input_offset"] = info.input_offset;
  numbers["input_scale"] = info.input_scale;
  numbers["wavelength_m"] = info.wavelength_m;
  numbers["pixel_pitch_x_m"] = info.pixel_pitch_x_m;
  numbers["pixel_pitch_y_m"] = info.pixel_pitch_y_m;
  numbers["depth_band_um"] = info.depth_band_um;
  numbers["threshold"] = info.threshold;
}

ModelInfo from_attributes(const std::map<std::string, double>& numbers,
                          const std::map<std::string, std::string>& texts,
                          const std::string& source) {
  if (text_or(texts, "format", "") != kFormat) {
    throw bad_input(source + ": not a holodet model (attribute format is not '" +
                    std::string(kFormat) + "')");
  }
  if (required(numbers, "format_version", source) != kFormatVersion) {
    throw bad_input(source + ": model format version " +
                    std::to_string(required(numbers, "format_version", source)) +
                    ", this holodet reads version " + std::to_string(kFormatVersion));
  }
  ModelInfo info;
  info.architecture = text_or(texts, "architecture", "unet");
  info.channels = split_channels(text_or(texts, "channels", "amplitude"));
  info.field = text_or(texts, "field", "normalised");
  info.trained_on = text_or(texts, "trained_on", "");
  info.unet.in_channels = static_cast<int>(required(numbers, "in_channels", source));
  if (info.architecture == "unet") {
    info.unet.depth = static_cast<int>(required(numbers, "depth", source));
    info.unet.base_width = static_cast<int>(required(numbers, "base_width", source));
    info.unet.batch_norm = required(numbers, "batch_norm", source) != 0;
  }
  info.input_offset = static_cast<float>(required(numbers, "input_offset", source));
  info.input_scale = static_cast<float>(required(numbers, "input_scale", source));
  const auto optional = [&](const char* key, double fallback) {
    const auto found = numbers.find(key);
    return found == numbers.end() ? fallback : found->second;
  };
  info.wavelength_m = optional("wavelength_m", 0);
  info.pixel_pitch_x_m = optional("pixel_pitch_x_m", 0);
  info.pixel_pitch_y_m = optional("pixel_pitch_y_m", 0);
  info.depth_band_um = optional("depth_band_um", 0);
  info.threshold = optional("threshold", 0.5);
  if (static_cast<std::size_t>(info.unet.in_channels) != info.channels.size()) {
    throw bad_input(source + ": model has " + std::to_string(info.unet.in_channels) +
                    " input channels but names " + std::to_string(info.channels.size()) + " (" +
                    join_channels(info.channels) + ")");
  }
  return info;
}

std::string to_yaml_text(const ModelInfo& info) {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  to_attributes(info, numbers, texts);
  std::ostringstream out;
  out.precision(17);
  for (const auto& [key, value] : texts) {
    out << key << ": " << value << "\n";
  }
  for (const auto& [key, value] : numbers) {
    out << key << ": " << value << "\n";
  }
  return out.str();
}

ModelInfo from_yaml_text(const std::string& text, const std::string& source) {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::stringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    const std::size_t colon = line.find(':');
    if (line.empty() || line[0] == '#' || colon == std::string::npos) {
      continue;
    }
    const std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (is_text_key(key)) {
      texts[key] = value;
    } else {
      try {
        numbers[key] = std::stod(value);
      } catch (const std::exception&) {
        throw bad_input(source + ": holodet.yaml key '" + key + "' = '" + value +
                        "' is not a number");
      }
    }
  }
  return from_attributes(numbers, texts, source);
}

void check_model_matches_run(const ModelInfo& info, const RunInputs& run,
                             const std::string& model_name) {
  for (const std::string& channel : info.channels) {
    try {
      parse_channel(channel);
    } catch (const Error& error) {
      throw bad_input(model_name + ": " + error.what());
    }
  }
  if (info.field != run.field) {
    throw bad_input(model_name + ": trained on the '" + info.field +
                    "' field, this run reconstructs the '" + run.field +
                    "' field (set reconstruction.field=" + info.field + ")");
  }
  const auto differs = [](double model, double actual) {
    return model > 0 && std::abs(model - actual) > 0.01 * model;
  };
  if (differs(info.wavelength_m, run.wavelength_m) ||
      differs(info.pixel_pitch_x_m, run.pixel_pitch_x_m) ||
      differs(info.pixel_pitch_y_m, run.pixel_pitch_y_m)) {
    std::ostringstream message;
    message << model_name << ": trained for λ = " << info.wavelength_m * 1e9 << " nm and "
            << info.pixel_pitch_x_m * 1e6 << " × " << info.pixel_pitch_y_m * 1e6
            << " µm pixels, this run has " << run.wavelength_m * 1e9 << " nm and "
            << run.pixel_pitch_x_m * 1e6 << " × " << run.pixel_pitch_y_m * 1e6 << " µm";
    throw bad_input(message.str());
  }
}

}  // namespace holodet::segment
