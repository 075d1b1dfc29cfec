#include "holodet/detect/model_files.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "holodet/core/error.h"
#include "holodet/io/array_file.h"

namespace holodet::detect {
namespace {

bool is_hdf5(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 8> head{};
  in.read(head.data(), head.size());
  return in.gcount() == 8 && std::string(head.data(), 8) == "\x89HDF\r\n\x1a\n";
}

std::filesystem::path executable_folder() {
  std::array<char, 4096> buffer{};
  const ssize_t length = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  if (length <= 0) {
    return {};
  }
  return std::filesystem::path(std::string(buffer.data(), static_cast<std::size_t>(length)))
      .parent_path();
}

}  // namespace

void write_model_file(const std::filesystem::path& path, const ModelFile& model) {
  io::ArrayFile content;
  segment::to_attributes(model.info, content.numbers, content.texts);
  content.numbers["step"] = model.step;
  content.arrays = model.state;
  io::write_array_file(path, content);
}

ModelFile read_model_file(const std::filesystem::path& path) {
  if (std::filesystem::exists(path) && !is_hdf5(path)) {
    throw bad_input(path.string() + ": not an HDF5 weight file (a TorchScript model is only " +
                    "for inference, with --model)");
  }
  const io::ArrayFile content = io::read_array_file(path);
  ModelFile model;
  model.info = segment::from_attributes(content.numbers, content.texts, path.string());
  if (model.info.architecture != "unet") {
    throw bad_input(path.string() + ": architecture '" + model.info.architecture +
                    "' is not holodet's U-Net");
  }
  const auto step = content.numbers.find("step");
  model.step = step == content.numbers.end() ? 0 : static_cast<int>(step->second);
  model.state = content.arrays;
  return model;
}

std::filesystem::path default_model_path(const char* name) {
  std::vector<std::filesystem::path> places;
  if (const char* folder = std::getenv("HOLODET_MODEL_DIR"); folder != nullptr && *folder) {
    places.emplace_back(folder);
  }
  if (const std::filesystem::path exe = executable_folder(); !exe.empty()) {
    places.push_back(exe.parent_path() / "share" / "holodet" / "models");
  }
  places.emplace_back(std::filesystem::path(HOLODET_SOURCE_MODEL_DIR));
  std::string looked;
  for (const std::filesystem::path& place : places) {
    const std::filesystem::path candidate = place / name;
    if (std::filesystem::is_regular_file(candidate)) {
      return candidate;
    }
    looked += (looked.empty() ? "" : ", ") + place.string();
  }
  throw bad_input(std::string("no default model ") + name + " found (looked in " + looked +
                  "); give one with --model or set HOLODET_MODEL_DIR");
}

ConfiguredModels configured_models(const config::Config& config) {
  ConfiguredModels models;
  models.model =
      config.unet.model.empty() ? default_model_path() : std::filesystem::path(config.unet.model);
  if (!config.unet.crowded_model.empty()) {
    models.crowded = config.unet.crowded_model;
  } else if (config.unet.model.empty()) {
    models.crowded = default_model_path(kDefaultCrowdedModelName);
  } else {
    models.crowded = models.model;
  }
  return models;
}

segment::Segmenter load_segmenter(const std::filesystem::path& path,
                                  const segment::SegmenterOptions& options) {
  if (!std::filesystem::is_regular_file(path)) {
    throw bad_input(path.string() + ": no such model file");
  }
  if (path.extension() == ".pt2") {
    return segment::Segmenter::load_aoti_package(path, options);
  }
  if (!is_hdf5(path)) {
    return segment::Segmenter::load_torchscript(path, options);
  }
  const ModelFile model = read_model_file(path);
  return segment::Segmenter(model.info, model.state, path.string(), options);
}

std::string file_checksum(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t hash = 14695981039346656037ull;
  std::array<char, 65536> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    for (std::streamsize k = 0; k < in.gcount(); ++k) {
      hash = (hash ^ static_cast<unsigned char>(buffer[static_cast<std::size_t>(k)])) *
             1099511628211ull;
    }
  }
  std::array<char, 17> text{};
  std::snprintf(text.data(), text.size(), "%016llx", static_cast<unsigned long long>(hash));
  return text.data();
}

}  // namespace holodet::detect
