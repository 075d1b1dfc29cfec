#include "holodet/detect/model_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "holodet/core/error.h"
#include "support/test_files.h"

namespace holodet::detect {
namespace {

// A U-Net's state with every value distinct, without LibTorch: the shapes come from a model
// file written by a fresh network (the shipped format), the values from a generator.
ModelFile example_model() {
  ModelFile model;
  model.info.unet.depth = 1;
  model.info.unet.base_width = 2;
  model.info.wavelength_m = 355e-9;
  model.step = 42;
  std::mt19937 random(5);
  std::normal_distribution<float> value(0, 0.3f);
  const auto add = [&](const std::string& name, std::vector<std::int64_t> shape) {
    NamedArray array{name, shape, {}, {}};
    if (name.ends_with("num_batches_tracked")) {
      array.i64.assign(1, 7);
    } else {
      for (std::int64_t k = 0; k < array.element_count(); ++k) {
        array.f32.push_back(name.ends_with("running_var") ? 1.0f + std::abs(value(random))
                                                          : value(random));
      }
    }
    model.state.push_back(array);
  };
  for (const std::string block : {"encoders.0", "bottom", "decoders.0"}) {
    const std::int64_t in = block == "encoders.0" ? 1 : (block == "bottom" ? 2 : 4);
    const std::int64_t out = block == "bottom" ? 4 : 2;
    add(block + ".conv1.weight", {out, in, 3, 3});
    add(block + ".conv2.weight", {out, out, 3, 3});
    for (const std::string norm : {".norm1", ".norm2"}) {
      add(block + norm + ".weight", {out});
      add(block + norm + ".bias", {out});
      add(block + norm + ".running_mean", {out});
      add(block + norm + ".running_var", {out});
      add(block + norm + ".num_batches_tracked", {});
    }
  }
  add("ups.0.weight", {4, 2, 2, 2});
  add("ups.0.bias", {2});
  add("head.weight", {1, 2, 1, 1});
  add("head.bias", {1});
  return model;
}

TEST(ModelFiles, RoundTripKeepsEveryValueAndTheDescription) {
  test::TempDir dir;
  const ModelFile model = example_model();
  write_model_file(dir / "m.h5", model);
  const ModelFile back = read_model_file(dir / "m.h5");
  EXPECT_EQ(back.step, 42);
  EXPECT_EQ(back.info.unet.depth, 1);
  EXPECT_EQ(back.info.wavelength_m, 355e-9);
  ASSERT_EQ(back.state.size(), model.state.size());
  for (const NamedArray& array : model.state) {
    const auto found = std::find_if(back.state.begin(), back.state.end(),
                                    [&](const NamedArray& b) { return b.name == array.name; });
    ASSERT_NE(found, back.state.end()) << array.name;
    EXPECT_EQ(found->shape, array.shape) << array.name;
    EXPECT_EQ(found->f32, array.f32) << array.name;
    EXPECT_EQ(found->i64, array.i64) << array.name;
  }
}

TEST(ModelFiles, SavedAndLoadedModelsPredictIdentically) {
  test::TempDir dir;
  const ModelFile model = example_model();
  write_model_file(dir / "m.h5", model);
  segment::Segmenter direct(model.info, model.state, "memory", {});
  segment::Segmenter loaded = load_segmenter(dir / "m.h5", {});
  std::vector<float> inputs(2 * 16 * 16);
  std::mt19937 random(9);
  std::normal_distribution<float> value(0, 1);
  for (float& v : inputs) {
    v = value(random);
  }
  std::vector<float> a(inputs.size()), b(inputs.size());
  direct.predict(inputs, 2, 16, 16, a);
  loaded.predict(inputs, 2, 16, 16, b);
  EXPECT_EQ(a, b);
}

TEST(ModelFiles, RefusesFilesThatAreNotModels) {
  test::TempDir dir;
  EXPECT_THROW(read_model_file(dir / "missing.h5"), Error);
  EXPECT_THROW(load_segmenter(dir / "missing.h5", {}), Error);
  try {
    read_model_file(test::samples_dir() / "synth_1024_b.nc");
    ADD_FAILURE() << "an archive was read as a model";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("synth_1024_b.nc"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("not a holodet model"), std::string::npos);
  }
  std::ofstream(dir / "text.pt") << "not a model";
  EXPECT_THROW(load_segmenter(dir / "text.pt", {}), Error);
  ModelFile wrong = example_model();
  wrong.state.pop_back();
  write_model_file(dir / "short.h5", wrong);
  EXPECT_THROW(load_segmenter(dir / "short.h5", {}), Error);
}

TEST(ModelFiles, ChecksumsTellFilesApart) {
  test::TempDir dir;
  std::ofstream(dir / "a") << "model a";
  std::ofstream(dir / "b") << "model b";
  EXPECT_EQ(file_checksum(dir / "a").size(), 16u);
  EXPECT_NE(file_checksum(dir / "a"), file_checksum(dir / "b"));
  EXPECT_EQ(file_checksum(dir / "a"), file_checksum(dir / "a"));
}

// Without a model the shipped pair serves sparse and crowded frames; a model given alone
// serves every frame; unet.crowded_model sets the crowded frames' one either way.
TEST(ModelFiles, ShippedModelsServeSparseAndCrowdedFramesAndAGivenModelServesEvery) {
  config::Config config;
  ConfiguredModels models = configured_models(config);
  EXPECT_EQ(models.model.filename(), kDefaultModelName);
  EXPECT_EQ(models.crowded.filename(), kDefaultCrowdedModelName);
  EXPECT_FALSE(models.one_model());
  EXPECT_TRUE(std::filesystem::is_regular_file(models.model)) << models.model;
  EXPECT_TRUE(std::filesystem::is_regular_file(models.crowded)) << models.crowded;

  config.unet.model = "mine.h5";
  models = configured_models(config);
  EXPECT_EQ(models.model, "mine.h5");
  EXPECT_TRUE(models.one_model());

  config.unet.crowded_model = "dense.h5";
  models = configured_models(config);
  EXPECT_EQ(models.model, "mine.h5");
  EXPECT_EQ(models.crowded, "dense.h5");

  config.unet.model.clear();
  models = configured_models(config);
  EXPECT_EQ(models.model.filename(), kDefaultModelName);
  EXPECT_EQ(models.crowded, "dense.h5");
}

}  // namespace
}  // namespace holodet::detect
