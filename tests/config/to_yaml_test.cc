// to_yaml's output is part of a batch run's identity checksum and of every result's attributes:
// it must not change by a byte. The golden files were written by the hand-written to_yaml that
// the key table replaced, and are never regenerated: a new key adds its one line by hand.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "holodet/config/config.h"

namespace holodet::config {
namespace {

std::string golden(const std::string& name) {
  const std::string path = std::string(HOLODET_SOURCE_DIR) + "/tests/config/golden/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every kind of value away from its default, with numbers and texts that need care in YAML.
Config changed_config() {
  Config c;
  c.optics.wavelength_m = 532e-9;
  c.optics.pixel_pitch_y_m = 3.1e-6;
  c.optics.z_min_m = 0.0123456789012345;
  c.reconstruction.planes = 200;
  c.reconstruction.field = Field::kSqrtNormalised;
  c.reconstruction.pad = Pad::kEdgeMean;
  c.reconstruction.fft_planning = FftPlanning::kDeterministic;
  c.reconstruction.band_limit = false;
  c.reconstruction.window_guard_step_um = 1e21;
  c.synth.nbits = 16;
  c.synth.noise = false;
  c.synth.ccdelevel = 1e10;
  c.synth.power_jitter = 0.1;
  c.synth.fixed_dust_z_um = 12345.678;
  c.classic.min_contrast = 0.35;
  c.depth.refine = false;
  c.depth.step_um = 0.5;
  c.tiling.step = 128;
  c.unet.model = "models/my model: v2.pt";
  c.unet.work_items = WorkItems::kDense;
  c.unet.depth_window_mm = 2.5;
  c.unet.threshold = 1.0 / 3.0;
  c.train.loss = Loss::kFocalTversky;
  c.train.augment = false;
  c.train.learning_rate = 1e-5;
  c.train.channels = "amplitude,phase@150";
  c.train.seed = -7;
  c.products.size_bins_um = "10:50:5,100";
  c.products.interval_s = 0.25;
  c.runtime.device = "0,1";
  c.runtime.threads = 4;
  return c;
}

// Texts that YAML would read as something else unless quoted. (Built as std::string: GCC 12
// at -O3 warns, wrongly, of an overlapping copy when short literals are assigned here.)
Config tricky_texts() {
  Config c;
  c.unet.model = std::string("yes");
  c.train.channels = std::string("~");
  c.runtime.device = std::string("null");
  c.products.size_bins_um = std::string("'10'");
  return c;
}

TEST(ToYaml, DefaultsAreByteForByteTheHandWrittenOutput) {
  EXPECT_EQ(to_yaml(Config{}), golden("to_yaml_default.yaml"));
}

TEST(ToYaml, ChangedValuesAreByteForByteTheHandWrittenOutput) {
  EXPECT_EQ(to_yaml(changed_config()), golden("to_yaml_changed.yaml"));
}

TEST(ToYaml, TrickyTextsAreByteForByteTheHandWrittenOutput) {
  EXPECT_EQ(to_yaml(tricky_texts()), golden("to_yaml_tricky_texts.yaml"));
}

}  // namespace
}  // namespace holodet::config
