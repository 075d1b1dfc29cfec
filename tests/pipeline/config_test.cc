#include "holodet/pipeline/config.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "holodet/pipeline/reconstruction.h"
#include "support/test_files.h"

namespace holodet::pipeline {
namespace {

using test::TempDir;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    return error.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

// A field or padding name the setters would refuse, set in code, is an error: never a quiet
// fall back to the normalised field.
TEST(Config, UnknownFieldAndPadNamesAreRefusedNotReplaced) {
  Config config;
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kNormalised);
  config.reconstruction.field = "sqrt";
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kSqrtCounts);
  config.reconstruction.field = "normalized";  // the American spelling is no alias
  EXPECT_THROW(propagation_settings(config, config.optics), Error);
  config.reconstruction.field = "counts";
  config.reconstruction.pad = "zero";
  EXPECT_THROW(propagation_settings(config, config.optics), Error);
}

TEST(Config, DefaultsAreHolodecsAndValid) {
  const Config config;
  EXPECT_EQ(config.reconstruction.planes, 1000);
  EXPECT_EQ(config.tiling.tile_size, 512);
  EXPECT_EQ(config.runtime.device, "auto");
  EXPECT_NO_THROW(validate(config));
  EXPECT_TRUE(config.explicit_keys.empty());
}

TEST(Config, YamlFileThenOverridesApplyInOrder) {
  TempDir dir;
  test::write_text(
      dir / "c.yaml",
      "optics:\n  z_min_m: 0.02\n  wavelength_m: 532e-9\nreconstruction:\n  planes: 200\n");
  Config config;
  apply_yaml_file(config, dir / "c.yaml");
  apply_override(config, "reconstruction.planes", "300", "--set");
  EXPECT_DOUBLE_EQ(config.optics.z_min_m, 0.02);
  EXPECT_DOUBLE_EQ(config.optics.wavelength_m, 532e-9);
  EXPECT_EQ(config.reconstruction.planes, 300);
  EXPECT_TRUE(config.is_explicit("optics.z_min_m"));
  EXPECT_FALSE(config.is_explicit("optics.z_max_m"));
}

TEST(Config, PrintedYamlReadsBackToTheSameConfig) {
  TempDir dir;
  Config config;
  apply_override(config, "optics.pixel_pitch_y_m", "3.1e-6", "test");
  apply_override(config, "runtime.device", "cuda:1", "test");
  apply_override(config, "tiling.step", "128", "test");
  test::write_text(dir / "printed.yaml", to_yaml(config));
  Config read_back;
  apply_yaml_file(read_back, dir / "printed.yaml");
  EXPECT_EQ(read_back.optics, config.optics);
  EXPECT_EQ(read_back.runtime.device, "cuda:1");
  EXPECT_EQ(read_back.tiling.step, 128);
  EXPECT_EQ(read_back.reconstruction.planes, config.reconstruction.planes);
}

TEST(Config, MistakesNameTheFileAndKey) {
  TempDir dir;
  test::write_text(dir / "typo.yaml", "optics:\n  wavelenght_m: 355e-9\n");
  Config config;
  const std::string typo = error_of([&] { apply_yaml_file(config, dir / "typo.yaml"); });
  EXPECT_NE(typo.find("typo.yaml"), std::string::npos);
  EXPECT_NE(typo.find("optics.wavelenght_m"), std::string::npos);

  test::write_text(dir / "nan.yaml", "reconstruction:\n  planes: many\n");
  EXPECT_NE(error_of([&] { apply_yaml_file(config, dir / "nan.yaml"); }).find("not an integer"),
            std::string::npos);
  test::write_text(dir / "broken.yaml", "optics: [1, 2\n");
  EXPECT_NE(error_of([&] { apply_yaml_file(config, dir / "broken.yaml"); }).find("not valid YAML"),
            std::string::npos);
  EXPECT_NE(error_of([&] { apply_yaml_file(config, dir / "absent.yaml"); }).find("cannot open"),
            std::string::npos);
}

TEST(Config, ValidationCatchesImpossibleValues) {
  Config config;
  config.reconstruction.planes = 0;
  EXPECT_THROW(validate(config), Error);
  config = Config{};
  config.tiling.step = 600;
  EXPECT_THROW(validate(config), Error);
  config = Config{};
  config.optics.z_min_m = 0.2;
  EXPECT_THROW(validate(config), Error);
  config = Config{};
  config.runtime.device = "gpu0";
  EXPECT_THROW(validate(config), Error);
}

}  // namespace
}  // namespace holodet::pipeline
