#pragma once
// What a segmentation model is and what it expects, stored with its weights (HDF5 attributes;
// a "holodet.yaml" extra file in TorchScript files): the architecture, the input channels and
// their normalisation, and the optics and field it was trained for. A run whose inputs differ
// is refused (check_model_matches_run) instead of giving silently wrong masks.

#include <map>
#include <string>
#include <vector>

#include "holodet/segment/unet_options.h"

namespace holodet::segment {

// One input channel: what it shows and at which depth relative to the plane being segmented.
// Named "amplitude" or "phase", optionally with an offset in µm: "amplitude@-500" is the
// amplitude 500 µm nearer the sensor. Stacking neighbouring depths lets a network see
// whether a particle sharpens or blurs around the plane: its focus, not just its presence.
struct ChannelSpec {
  bool phase = false;
  double offset_um = 0;
};

// Throws bad_input naming the channel when it is not of that form.
ChannelSpec parse_channel(const std::string& name);

struct ModelInfo {
  std::string architecture = "unet";  // "unet" (our own) or "torchscript"
  UNetOptions unet;
  std::vector<std::string> channels = {"amplitude"};  // ChannelSpec names
  float input_offset = 1.0f;  // network input = (value − offset) · scale, amplitude channel
  float input_scale = 2.0f;   // (the phase channel is scaled by 1/π)
  std::string field = "normalised";  // the propagator's field mode it was trained on
  double wavelength_m = 0;
  double pixel_pitch_x_m = 0;
  double pixel_pitch_y_m = 0;
  double depth_band_um = 0;  // labels: particles within this distance of the plane
  double threshold = 0.5;    // probability above which a pixel is "particle"
  std::string trained_on;    // free text: data, command, steps
};

// As HDF5 attributes (numbers and texts); `from_attributes` throws bad_input naming `source`
// when a required key is missing or the format is not ours.
void to_attributes(const ModelInfo& info, std::map<std::string, double>& numbers,
                   std::map<std::string, std::string>& texts);
ModelInfo from_attributes(const std::map<std::string, double>& numbers,
                          const std::map<std::string, std::string>& texts,
                          const std::string& source);

// "key: value" lines (the TorchScript extra file) and back; same keys as the attributes.
std::string to_yaml_text(const ModelInfo& info);
ModelInfo from_yaml_text(const std::string& text, const std::string& source);

// What the run provides, to compare with the model's expectations.
struct RunInputs {
  std::string field;
  double wavelength_m = 0;
  double pixel_pitch_x_m = 0;
  double pixel_pitch_y_m = 0;
};

// Throws bad_input naming `model_name` and the mismatch (field mode; wavelength or pitch more
// than 1 % apart; an unknown channel). Optics of 0 in the model are not checked.
void check_model_matches_run(const ModelInfo& info, const RunInputs& run,
                             const std::string& model_name);

std::string join_channels(const std::vector<std::string>& channels);
std::vector<std::string> split_channels(const std::string& text);  // at commas

}  // namespace holodet::segment
