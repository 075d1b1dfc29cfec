#pragma once
// Model files: our HDF5 weight file (segment::ModelInfo as root attributes, one dataset per
// parameter and buffer by module path) and TorchScript files, told apart by content (HDF5's
// signature), and the shipped default model.

#include <filesystem>
#include <vector>

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

// The model `--method unet` uses without --model: $HOLODET_MODEL_DIR, then the install's
// share/holodet/models beside the executable, then the source tree's samples/models.
// Throws bad_input saying where it looked when none is there.
std::filesystem::path default_model_path();
inline constexpr const char* kDefaultModelName = "holodet-unet-v1.h5";

// Loads `path` (HDF5 weight file or TorchScript) for inference.
segment::Segmenter load_segmenter(const std::filesystem::path& path,
                                  const segment::SegmenterOptions& options);

// FNV-1a 64 of the file's bytes, as 16 hex digits: which model a result came from.
std::string file_checksum(const std::filesystem::path& path);

}  // namespace holodet::detect
