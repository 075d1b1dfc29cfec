#include "holodet/segment/segmenter.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "holodet/core/error.h"
#include "holodet/segment/unet.h"

namespace holodet::segment {
namespace {

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("holodet_segmenter_" + std::to_string(::getpid()) + "_" + name);
}

TEST(Segmenter, OurUNetGivesTheSigmoidOfItsLogits) {
  ModelInfo info;
  info.unet.depth = 2;
  info.unet.base_width = 3;
  UNet net(info.unet);
  net->eval();
  Segmenter segmenter(info, unet_state(net), "memory", {});
  const torch::Tensor x = torch::randn({3, 1, 32, 16});
  std::vector<float> inputs(x.data_ptr<float>(), x.data_ptr<float>() + x.numel());
  std::vector<float> probabilities(3 * 32 * 16);
  segmenter.predict(inputs, 3, 32, 16, probabilities);
  torch::NoGradGuard no_grad;
  const torch::Tensor expected = torch::sigmoid(net->forward(x)).contiguous();
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    ASSERT_NEAR(probabilities[k], expected.data_ptr<float>()[k], 1e-6) << k;
  }
  EXPECT_NE(segmenter.description().find("float32"), std::string::npos);
}

TEST(Segmenter, MasksInPlaceAreThePredictionsAboveTheThreshold) {
  ModelInfo info;
  info.unet.depth = 2;
  info.unet.base_width = 3;
  UNet net(info.unet);
  net->eval();
  Segmenter segmenter(info, unet_state(net), "memory", {});
  const std::size_t tiles = 5, side = 16, pixels = side * side;
  torch::manual_seed(5);
  const torch::Tensor x = torch::randn({5, 1, 16, 16});
  std::vector<float> inputs(x.data_ptr<float>(), x.data_ptr<float>() + x.numel());
  std::vector<float> dense(tiles * pixels);
  segmenter.predict(inputs, tiles, side, side, dense);
  std::vector<float> sorted(dense);
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const float threshold = sorted[sorted.size() / 2];  // about half the pixels are above it
  // Tiles out of order and one twice, as the candidate windows of several planes ask.
  const std::vector<std::size_t> wanted = {3, 0, 4, 3};
  const TileSource source{inputs.data(), false, false, 0, tiles, 1, side, side};
  const SparseMasks masks = segmenter.predict_masks(source, wanted, threshold);
  ASSERT_EQ(masks.tiles(), wanted.size());
  std::vector<float> expanded;
  std::size_t above = 0;
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    masks.expand(k, expanded, pixels);
    for (std::size_t q = 0; q < pixels; ++q) {
      const float expected = dense[wanted[k] * pixels + q];
      above += expected > threshold;
      ASSERT_NEAR(expanded[q], expected > threshold ? expected : 0.0f, 1e-6) << k << " " << q;
    }
  }
  EXPECT_EQ(masks.pixel.size(), above);
  EXPECT_GT(above, 0u);
  // The same tiles as IEEE-half bits (what the propagator writes for a CUDA model).
  const torch::Tensor half = x.to(torch::kHalf).contiguous();
  const TileSource half_source{half.data_ptr(), true, false, 0, tiles, 1, side, side};
  const SparseMasks from_half = segmenter.predict_masks(half_source, wanted, threshold);
  ASSERT_EQ(from_half.tiles(), wanted.size());
  // Each pixel it returns is above the threshold, with about the float32 input's probability.
  ASSERT_GT(from_half.pixel.size(), 0u);
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    for (std::size_t q = from_half.first[k]; q < from_half.first[k + 1]; ++q) {
      ASSERT_GT(from_half.probability[q], threshold);
      ASSERT_NEAR(from_half.probability[q], dense[wanted[k] * pixels + from_half.pixel[q]], 1e-2);
    }
  }
  // Nothing asked, nothing run.
  EXPECT_EQ(segmenter.predict_masks(source, {}, threshold).tiles(), 0u);
  const std::vector<std::size_t> past_end = {5};
  EXPECT_THROW(segmenter.predict_masks(source, past_end, threshold), Error);
  const TileSource two_channels{inputs.data(), false, false, 0, 2, 2, side, side};
  EXPECT_THROW(segmenter.predict_masks(two_channels, wanted, threshold), Error);
}

TEST(Segmenter, RefusesBuffersOfTheWrongSize) {
  ModelInfo info;
  info.unet.depth = 1;
  info.unet.base_width = 2;
  UNet net(info.unet);
  Segmenter segmenter(info, unet_state(net), "memory", {});
  std::vector<float> inputs(10), out(16);
  EXPECT_THROW(segmenter.predict(inputs, 1, 4, 4, out), Error);
}

// A TorchScript module made here with define(), as one exported from Python would be.
void save_script(const std::filesystem::path& path, const std::string& body,
                 const std::string& metadata) {
  torch::jit::Module module("Scripted");
  module.define("def forward(self, x):\n  return " + body + "\n");
  torch::jit::ExtraFilesMap extra;
  if (!metadata.empty()) {
    extra["holodet.yaml"] = metadata;
  }
  module.save(path.string(), extra);
}

TEST(Segmenter, RunsATorchScriptModelThroughTheSameInferencePath) {
  const auto path = temp_file("scripted.pt");
  ModelInfo info;
  info.architecture = "torchscript";
  save_script(path, "x[:, 0:1] * 2.0 - 1.0", to_yaml_text(info));
  Segmenter segmenter = Segmenter::load_torchscript(path, {});
  EXPECT_EQ(segmenter.info().architecture, "torchscript");
  EXPECT_EQ(segmenter.channels(), 1u);
  std::vector<float> inputs = {0.0f, 0.5f, 1.0f, -1.0f};
  std::vector<float> probabilities(4);
  segmenter.predict(inputs, 1, 2, 2, probabilities);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(probabilities[k], 1.0 / (1.0 + std::exp(-(2.0 * inputs[k] - 1.0))), 1e-6);
  }
  std::filesystem::remove(path);
}

// Runs a tests/segment/export_*.py script with the venv's Python: it writes `model` with the
// metadata of a default ModelInfo.
void export_with_python(const std::string& script, const std::filesystem::path& model) {
  const std::filesystem::path metadata = temp_file(script + ".yaml");
  {
    std::ofstream out(metadata);
    out << to_yaml_text({});
  }
  const std::string command = std::string(HOLODET_TORCH_PYTHON) + " " + HOLODET_SOURCE_DIR +
                              "/tests/segment/" + script + " " + model.string() + " " +
                              metadata.string() + " 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    output += buffer;
  }
  ASSERT_EQ(::pclose(pipe), 0) << output;
  std::filesystem::remove(metadata);
}

// The Python models compute logits 20 · (−0.8 − x).
void expect_darkness(Segmenter& segmenter, std::size_t side) {
  std::vector<float> inputs(side * side);
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    inputs[k] = -1.5f + 2.5f * static_cast<float>(k) / static_cast<float>(inputs.size());
  }
  std::vector<float> probabilities(inputs.size());
  segmenter.predict(inputs, 1, side, side, probabilities);
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const double logit = 20.0 * (-0.8 - inputs[k]);
    ASSERT_NEAR(probabilities[k], 1.0 / (1.0 + std::exp(-logit)), 1e-5) << k;
  }
}

// A model scripted by Python's torch (the venv's, the version LibTorch is) loads and runs.
TEST(Segmenter, RunsAModelScriptedByPythonsTorch) {
  if (std::string(HOLODET_TORCH_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with torch (HOLODET_PYTHON)";
  }
  const std::filesystem::path model = temp_file("python.pt");
  export_with_python("export_torchscript.py", model);
  Segmenter segmenter = Segmenter::load_torchscript(model, {});
  EXPECT_EQ(segmenter.info().architecture, "torchscript");
  expect_darkness(segmenter, 2);
  expect_darkness(segmenter, 128);
  std::filesystem::remove(model);
}

// An AOTInductor package compiled by Python's torch for the CPU loads and runs, at both of
// holodet's tile sizes; one compiled for the CPU is refused for a CUDA run, where CUDA is.
TEST(Segmenter, RunsAnAotInductorPackageFromPython) {
  if (std::string(HOLODET_TORCH_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with torch (HOLODET_PYTHON)";
  }
  const std::filesystem::path model = temp_file("python.pt2");
  export_with_python("export_aoti.py", model);
  Segmenter segmenter = Segmenter::load_aoti_package(model, {});
  EXPECT_EQ(segmenter.info().architecture, "aotinductor");
  EXPECT_NE(segmenter.description().find("AOTInductor"), std::string::npos);
  expect_darkness(segmenter, 128);
  expect_darkness(segmenter, 512);
  // The network's in-place path too.
  std::vector<float> tile(64 * 64, -1.0f);
  const TileSource source{tile.data(), false, false, 0, 1, 1, 64, 64};
  const std::vector<std::size_t> one = {0};
  EXPECT_EQ(segmenter.predict_masks(source, one, 0.5f).pixel.size(), 64u * 64u);
  if (torch::cuda::is_available()) {
    EXPECT_THROW(Segmenter::load_aoti_package(model, {"cuda:0", true}), Error);
  }
  std::filesystem::remove(model);
  EXPECT_THROW(Segmenter::load_aoti_package(temp_file("missing.pt2"), {}), Error);
}

TEST(Segmenter, RefusesTorchScriptWithoutMetadataOrWithOtherChannels) {
  const auto bare = temp_file("bare.pt");
  save_script(bare, "x[:, 0:1]", "");
  EXPECT_THROW(Segmenter::load_torchscript(bare, {}), Error);
  // Declares one channel but reads a second one: fails on the test tile, at load time.
  const auto two = temp_file("two.pt");
  save_script(two, "x[:, 0:1] + x[:, 1:2].sum() * 0.0 + x[:, 1:2]", to_yaml_text(ModelInfo{}));
  try {
    Segmenter::load_torchscript(two, {});
    ADD_FAILURE() << "a model reading a channel the run does not provide was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(two.string()), std::string::npos);
  }
  EXPECT_THROW(Segmenter::load_torchscript(temp_file("missing.pt"), {}), Error);
  std::filesystem::remove(bare);
  std::filesystem::remove(two);
}

}  // namespace
}  // namespace holodet::segment
