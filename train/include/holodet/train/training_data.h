#pragma once
// Training tiles from synthetic archives (holodet synth): for each hologram, windows around
// its particles at planes where they are in focus (positives), at planes 2 to 6 label bands
// away (near negatives: the hard ones, as the reference sampled), and windows anywhere at any
// depth (far negatives). Inputs are the reconstructed plane's channels, normalised as the
// model says; labels are the disks of every particle within its depth band of the plane
// (focus_band.h: train.depth_band_um, wider for far particles where so configured). The last
// holograms (train.validation_fraction of them) form the validation set, so no validation
// tile shares a hologram with a training tile.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/segment/model_info.h"
#include "holodet/segment/trainer.h"

namespace holodet::train {

struct TrainingData {
  segment::TileSet train;
  segment::TileSet validation;
  std::size_t holograms = 0;
  std::size_t particles = 0;
  double seconds = 0;
};

// Throws bad_input naming the archive when it has no particle table or its frames are smaller
// than the training window.
TrainingData make_training_data(const std::vector<std::filesystem::path>& archives,
                                const config::Config& config, const segment::ModelInfo& model,
                                bool quiet);

}  // namespace holodet::train
