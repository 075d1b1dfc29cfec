#include "holodet/config/config.h"

#include <gtest/gtest.h>

#include "bad_input_message.h"
#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::config {
namespace {

using test::TempDir;

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
}  // namespace holodet::config
