#include "holodet/segment/segmenter.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <cmath>
#include <filesystem>

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
