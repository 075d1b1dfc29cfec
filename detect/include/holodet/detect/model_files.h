#pragma once
// Model files: our HDF5 weight file (segment::ModelInfo as root attributes, one dataset per
// parameter and buffer by module path) and TorchScript files, told apart by content (HDF5's
// signature), and the shipped default model.

#include <filesystem>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/named_array.h"
#include "holodet/segment/model_info.h"
#include "holodet/segment/segmenter.h"

namespace holodet::detect {

struct ModelFile {
  segment::ModelInfo info;
  std::vector<NamedArray> state;
  int step = 0;  // optimiser steps the weights have seen
};

void write_model_file(const std::filesystem::path& path, const ModelFile& model);

// Throws bad_input naming the file when it is missing, not a holodet model, or inconsistent.
ModelFile read_model_file(const std::filesystem::path& path);

// The shipped models: one for every frame, and one for the frames whose candidates were
// crowded (docs/MODELS.md: v4 finds more in sparse frames, and declines the overlapping
// shadows of crowded ones, where v1 does better).
inline constexpr const char* kDefaultModelName = "holodet-unet-v4.h5";
inline constexpr const char* kDefaultCrowdedModelName = "holodet-unet-v1.h5";

// A shipped model file: $HOLODET_MODEL_DIR, then the install's share/holodet/models beside the
// executable, then the source tree's samples/models. Throws bad_input saying where it looked
// when it is in none.
std::filesystem::path default_model_path(const char* name = kDefaultModelName);

// The models a `--method unet` run uses: `model` for every frame (unet.model, else the shipped
// one), `crowded` for the crowded ones (unet.crowded_model; else the shipped crowded-frame
// model when unet.model is empty too, and unet.model when it is not: a model given alone
// serves every frame). Equal paths: one model.
struct ConfiguredModels {
  std::filesystem::path model;
  std::filesystem::path crowded;
  bool one_model() const { return model == crowded; }
};
ConfiguredModels configured_models(const config::Config& config);

// Loads `path` (HDF5 weight file or TorchScript) for inference.
segment::Segmenter load_segmenter(const std::filesystem::path& path,
                                  const segment::SegmenterOptions& options);

// FNV-1a 64 of the file's bytes, as 16 hex digits: which model a result came from.
std::string file_checksum(const std::filesystem::path& path);

}  // namespace holodet::detect
