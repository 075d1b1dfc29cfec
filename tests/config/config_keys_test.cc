// The key table: each key's rule named in its error, each kind of rule at its boundary, the
// rules between keys, choice names, and the suggestion for an unknown key.
#include "config_keys.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <set>

#include "bad_input_message.h"
#include "config_values.h"
#include "holodet/config/config.h"
#include "holodet/core/error.h"
#include "nearest_key.h"
#include "support/test_files.h"

namespace holodet::config {
namespace {

// The error validate() gives for the default configuration with `key` set to `value`.
std::string validation_error(std::string_view key, std::string_view value) {
  Config config;
  apply_override(config, key, value, "test");
  return error_of([&] { validate(config); });
}

bool valid_with(std::string_view key, std::string_view value) {
  Config config;
  apply_override(config, key, value, "test");
  try {
    validate(config);
    return true;
  } catch (const Error&) {
    return false;
  }
}

TEST(ConfigKeys, EachKeysErrorNamesTheKeyTheValueAndTheRule) {
  EXPECT_EQ(validation_error("synth.nbits", "12"),
            "configuration: synth.nbits = 12: must be 8 or 16");
  EXPECT_EQ(validation_error("unet.threshold", "1.5"),
            "configuration: unet.threshold = 1.5: must be in [0, 1)");
  EXPECT_EQ(validation_error("synth.d_min_um", "0"),
            "configuration: synth.d_min_um = 0: must be above 0");
  EXPECT_EQ(validation_error("reconstruction.window_guard_step_um", "20"),
            "configuration: reconstruction.window_guard_step_um = 20: must be 0 or at least 50 "
            "(0: no guard planes)");
  EXPECT_EQ(validation_error("depth.anchor_step_um", "25000"),
            "configuration: depth.anchor_step_um = 2.5e4: must be in [50, 2e4]");
  EXPECT_EQ(validation_error("runtime.threads", "-1"),
            "configuration: runtime.threads = -1: must be at least 0 (0: all hardware threads)");
  EXPECT_EQ(validation_error("runtime.workers_per_device", "65"),
            "configuration: runtime.workers_per_device = 65: must be in [1, 64]");
  EXPECT_EQ(validation_error("train.learning_rate", "-2e-3"),
            "configuration: train.learning_rate = -2e-3: must be above 0");
}

TEST(ConfigKeys, PlanesAreAtLeastOneAndAtMostAMillionWithTheReason) {
  EXPECT_EQ(validation_error("reconstruction.planes", "0"),
            "configuration: reconstruction.planes = 0: must be at least 1");
  EXPECT_EQ(validation_error("reconstruction.planes", "1000001"),
            "configuration: reconstruction.planes = 1000001: must be at most 1000000 (a plane "
            "every 0.14 um over 14-158 mm)");
  EXPECT_TRUE(valid_with("reconstruction.planes", "1"));
  EXPECT_TRUE(valid_with("reconstruction.planes", "1000000"));
}

TEST(ConfigKeys, EachKindOfRuleRejectsABadValueAndAcceptsItsBoundary) {
  // at least
  EXPECT_FALSE(valid_with("reconstruction.min_padding_px", "-1"));
  EXPECT_TRUE(valid_with("reconstruction.min_padding_px", "0"));
  EXPECT_FALSE(valid_with("unet.window_px", "15"));
  EXPECT_TRUE(valid_with("unet.window_px", "16"));
  // above: the bound itself is out, anything beyond it in
  EXPECT_FALSE(valid_with("synth.ccdelevel", "0"));
  EXPECT_TRUE(valid_with("synth.ccdelevel", "1e-300"));
  // closed interval
  EXPECT_FALSE(valid_with("depth.step_um", "0.49"));
  EXPECT_TRUE(valid_with("depth.step_um", "0.5"));
  EXPECT_TRUE(valid_with("depth.step_um", "1000"));
  EXPECT_FALSE(valid_with("depth.step_um", "1000.5"));
  EXPECT_TRUE(valid_with("reconstruction.batch_planes", "16"));
  EXPECT_FALSE(valid_with("reconstruction.batch_planes", "17"));
  // half-open interval
  EXPECT_TRUE(valid_with("synth.frac_beam_distort", "0"));
  EXPECT_FALSE(valid_with("synth.frac_beam_distort", "-0.01"));
  EXPECT_FALSE(valid_with("synth.frac_beam_distort", "1"));
  EXPECT_TRUE(valid_with("synth.frac_beam_distort", "0.9999999"));
  EXPECT_FALSE(valid_with("synth.power_jitter", "0.3"));
  EXPECT_TRUE(valid_with("synth.power_jitter", "0.29"));
  // zero, or at least
  EXPECT_TRUE(valid_with("reconstruction.window_guard_step_um", "0"));
  EXPECT_FALSE(valid_with("reconstruction.window_guard_step_um", "49.9"));
  EXPECT_TRUE(valid_with("reconstruction.window_guard_step_um", "50"));
  EXPECT_FALSE(valid_with("reconstruction.window_guard_step_um", "-50"));
  // one of two values
  EXPECT_TRUE(valid_with("synth.nbits", "8"));
  EXPECT_TRUE(valid_with("synth.nbits", "16"));
  EXPECT_FALSE(valid_with("synth.nbits", "12"));
}

TEST(ConfigKeys, TheRulesBetweenKeysNameBothKeys) {
  Config diameters;
  diameters.synth.d_min_um = 100;
  diameters.synth.d_max_um = 50;
  EXPECT_EQ(error_of([&] { validate(diameters); }),
            "configuration: synth.d_max_um = 50 must be at least synth.d_min_um = 100");
  diameters.synth.d_max_um = 100;
  EXPECT_NO_THROW(validate(diameters));

  Config tiles;
  tiles.tiling.step = 600;
  EXPECT_EQ(error_of([&] { validate(tiles); }),
            "configuration: tiling.step = 600 must be at most tiling.tile_size = 512");
  tiles.tiling.step = 512;
  EXPECT_NO_THROW(validate(tiles));
}

TEST(ConfigKeys, AnUnknownChoiceNameIsRefusedWithTheKnownOnes) {
  Config config;
  EXPECT_EQ(error_of([&] { apply_override(config, "reconstruction.pad", "mirror", "--set"); }),
            "--set: reconstruction.pad = 'mirror' is not one of reflect, edge_mean");
  EXPECT_EQ(error_of([&] { apply_override(config, "reconstruction.field", "log", "--set"); }),
            "--set: reconstruction.field = 'log' is not one of counts, normalised, sqrt, "
            "sqrt_normalised");
  EXPECT_EQ(
      error_of([&] { apply_override(config, "reconstruction.fft_planning", "estimate", "f"); }),
      "f: reconstruction.fft_planning = 'estimate' is not one of measure, deterministic");
  EXPECT_EQ(error_of([&] { apply_override(config, "unet.work_items", "tiles", "f"); }),
            "f: unet.work_items = 'tiles' is not one of auto, candidates, dense");
  EXPECT_EQ(error_of([&] { apply_override(config, "train.loss", "bce", "f"); }),
            "f: train.loss = 'bce' is not one of dice, focal_tversky");
  // A value cast in code from an integer outside the enum, past the setters, is caught by
  // validate().
  config.unet.work_items = static_cast<WorkItems>(7);
  EXPECT_EQ(error_of([&] { validate(config); }),
            "configuration: unet.work_items = value 7 of no name: must be one of auto, "
            "candidates, dense");
}

// A choice set by name reads back as that name and as its enum value.
TEST(ConfigKeys, AChoiceNameSetsItsEnumValue) {
  Config config;
  apply_override(config, "reconstruction.field", "sqrt", "--set");
  EXPECT_EQ(config.reconstruction.field, Field::kSqrt);
  apply_override(config, "train.loss", "focal_tversky", "--set");
  EXPECT_EQ(config.train.loss, Loss::kFocalTversky);
  apply_override(config, "unet.work_items", "candidates", "--set");
  EXPECT_EQ(config.unet.work_items, WorkItems::kCandidates);
  EXPECT_EQ(name_of(config.unet.work_items), "candidates");
  EXPECT_NO_THROW(validate(config));
}

TEST(ConfigKeys, ValuesNotOfTheKeysKindAreQuoted) {
  Config config;
  EXPECT_EQ(error_of([&] { apply_override(config, "synth.noise", "maybe", "--set"); }),
            "--set: synth.noise = 'maybe' is not true or false");
  EXPECT_EQ(error_of([&] { apply_override(config, "synth.nbits", "8.5", "--set"); }),
            "--set: synth.nbits = '8.5' is not an integer");
  EXPECT_EQ(error_of([&] { apply_override(config, "depth.step_um", "inf", "--set"); }),
            "--set: depth.step_um = 'inf' is not a finite number");
  EXPECT_NE(error_of([&] {
              apply_override(config, "products.size_bins_um", "abc", "--set");
            }).find("products.size_bins_um"),
            std::string::npos);
}

TEST(ConfigKeys, AnUnknownKeySuggestsTheNearestKnownOne) {
  Config config;
  EXPECT_EQ(error_of([&] { apply_override(config, "optics.wavelenght_m", "355e-9", "--set"); }),
            "--set: unknown configuration key 'optics.wavelenght_m'; did you mean "
            "'optics.wavelength_m'?");
  EXPECT_EQ(nearest_key("recon.planes"), "reconstruction.planes");
  EXPECT_EQ(nearest_key("tiling.tilesize"), "tiling.tile_size");
  EXPECT_EQ(nearest_key("runtime.thread"), "runtime.threads");
  const std::string far = error_of([&] { apply_override(config, "colour", "red", "--set"); });
  EXPECT_EQ(far.find("did you mean"), std::string::npos) << far;
  EXPECT_NE(far.find("'colour'"), std::string::npos);
  EXPECT_TRUE(config.explicit_keys.empty());
}

TEST(ConfigKeys, EditDistanceCountsASwapOfNeighboursAsOne) {
  EXPECT_EQ(edit_distance("wavelenght", "wavelength"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(ConfigKeys, NumbersAreWrittenReadably) {
  EXPECT_EQ(readable_number(355e-9), "355e-9");
  EXPECT_EQ(readable_number(2.96e-6), "2.96e-6");
  EXPECT_EQ(readable_number(0.014), "0.014");
  EXPECT_EQ(readable_number(2e4), "2e4");
  EXPECT_EQ(readable_number(10000), "10000");
  EXPECT_EQ(readable_number(2e-3), "2e-3");
  EXPECT_EQ(readable_number(1e-4), "1e-4");
  EXPECT_EQ(readable_number(0), "0");
  EXPECT_EQ(readable_number(-1.5), "-1.5");
  EXPECT_EQ(readable_number(-25000), "-2.5e4");
  for (const double value : {355e-9, 1.0 / 3.0, 6.02214076e23, -4.2e-17, 12345.678}) {
    EXPECT_EQ(parse_double(readable_number(value), "test"), value) << readable_number(value);
  }
}

TEST(ConfigKeys, TheTableNamesEachKeyOnceWithItsDocInGroupsThatStayTogether) {
  std::set<std::string_view> names;
  std::set<std::string_view> closed_groups;
  std::string_view group;
  for (const Key& key : keys()) {
    EXPECT_TRUE(names.insert(key.name).second) << key.name << " twice";
    EXPECT_FALSE(key.doc.empty()) << key.name;
    EXPECT_EQ(key.doc.find('|'), std::string_view::npos) << key.name << ": breaks the table";
    EXPECT_NE(key.name.find('.'), std::string_view::npos) << key.name;
    if (key.group() != group) {
      EXPECT_TRUE(closed_groups.insert(key.group()).second) << key.group() << " split";
      group = key.group();
    }
    EXPECT_EQ(key.kind == ValueKind::kChoice, !key.choices.empty()) << key.name;
  }
}

// Every key, set through the table to a value other than its default, reads back the same
// from the printed YAML.
TEST(ConfigKeys, EveryKeyGoesThroughTheYamlAndBack) {
  test::TempDir dir;
  Config config;
  for (const Key& key : keys()) {
    switch (key.kind) {
      case ValueKind::kInt:
        apply_override(config, key.name, "7", "test");
        break;
      case ValueKind::kDouble:
        apply_override(config, key.name, "0.1234567", "test");
        break;
      case ValueKind::kBool:
        apply_override(config, key.name, "false", "test");
        break;
      case ValueKind::kChoice:
        apply_override(config, key.name, key.choices.back(), "test");
        break;
      case ValueKind::kText:
        apply_override(config, key.name, key.name == "products.size_bins_um" ? "1,2" : "a: b",
                       "test");
        break;
    }
  }
  test::write_text(dir / "all.yaml", to_yaml(config));
  Config read_back;
  apply_yaml_file(read_back, dir / "all.yaml");
  for (const Key& key : keys()) {
    EXPECT_EQ(value_text(key, read_back), value_text(key, config)) << key.name;
    EXPECT_TRUE(read_back.is_explicit(key.name)) << key.name;
  }
}

}  // namespace
}  // namespace holodet::config
