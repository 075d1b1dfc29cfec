#include "holodet/segment/model_info.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

ModelInfo example() {
  ModelInfo info;
  info.unet.depth = 3;
  info.unet.base_width = 6;
  info.unet.in_channels = 2;
  info.channels = {"amplitude", "phase"};
  info.input_offset = 0.75f;
  info.input_scale = 3.0f;
  info.wavelength_m = 355e-9;
  info.pixel_pitch_x_m = 2.96e-6;
  info.pixel_pitch_y_m = 2.96e-6;
  info.depth_band_um = 250;
  info.threshold = 0.4;
  info.trained_on = "synth seeds 1-3";
  return info;
}

void expect_same(const ModelInfo& a, const ModelInfo& b) {
  EXPECT_EQ(a.unet.depth, b.unet.depth);
  EXPECT_EQ(a.unet.base_width, b.unet.base_width);
  EXPECT_EQ(a.unet.in_channels, b.unet.in_channels);
  EXPECT_EQ(a.channels, b.channels);
  EXPECT_EQ(a.input_offset, b.input_offset);
  EXPECT_EQ(a.input_scale, b.input_scale);
  EXPECT_EQ(a.wavelength_m, b.wavelength_m);
  EXPECT_EQ(a.depth_band_um, b.depth_band_um);
  EXPECT_EQ(a.threshold, b.threshold);
  EXPECT_EQ(a.trained_on, b.trained_on);
}

TEST(ModelInfo, RoundTripsThroughAttributesAndYaml) {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  to_attributes(example(), numbers, texts);
  expect_same(from_attributes(numbers, texts, "m.h5"), example());
  expect_same(from_yaml_text(to_yaml_text(example()), "m.pt"), example());
}

TEST(ModelInfo, RefusesForeignOrInconsistentFiles) {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  EXPECT_THROW(from_attributes(numbers, texts, "x.h5"), Error);
  to_attributes(example(), numbers, texts);
  numbers["in_channels"] = 1;  // but two channels named
  EXPECT_THROW(from_attributes(numbers, texts, "x.h5"), Error);
}

TEST(ModelInfo, RefusesARunWithAnotherFieldOrOptics) {
  const RunInputs run{"normalised", 355e-9, 2.96e-6, 2.96e-6};
  EXPECT_NO_THROW(check_model_matches_run(example(), run, "m.h5"));
  RunInputs other_field = run;
  other_field.field = "counts";
  EXPECT_THROW(check_model_matches_run(example(), other_field, "m.h5"), Error);
  RunInputs other_pitch = run;
  other_pitch.pixel_pitch_x_m = 3.5e-6;
  EXPECT_THROW(check_model_matches_run(example(), other_pitch, "m.h5"), Error);
  ModelInfo odd = example();
  odd.channels = {"amplitude", "hue"};
  EXPECT_THROW(check_model_matches_run(odd, run, "m.h5"), Error);
}

TEST(ModelInfo, ParsesChannelsWithDepthOffsets) {
  EXPECT_FALSE(parse_channel("amplitude").phase);
  EXPECT_EQ(parse_channel("amplitude").offset_um, 0);
  EXPECT_TRUE(parse_channel("phase@250").phase);
  EXPECT_EQ(parse_channel("phase@250").offset_um, 250);
  EXPECT_EQ(parse_channel("amplitude@-500").offset_um, -500);
  EXPECT_THROW(parse_channel("amplitude@"), Error);
  EXPECT_THROW(parse_channel("amplitude@5mm"), Error);
  EXPECT_THROW(parse_channel("intensity"), Error);
  EXPECT_EQ(split_channels("amplitude@-500,amplitude,amplitude@500"),
            (std::vector<std::string>{"amplitude@-500", "amplitude", "amplitude@500"}));
}

}  // namespace
}  // namespace holodet::segment
