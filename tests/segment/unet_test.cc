#include "holodet/segment/unet.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

TEST(UNet, MapsTilesToOneLogitPerPixelForEveryDepthAndChannelCount) {
  for (int depth : {1, 2, 3, 4}) {
    for (int channels : {1, 2, 3}) {
      UNetOptions options;
      options.depth = depth;
      options.base_width = 2;
      options.in_channels = channels;
      UNet net(options);
      net->eval();
      torch::NoGradGuard no_grad;
      const torch::Tensor out = net->forward(torch::randn({2, channels, 32, 48}));
      EXPECT_EQ(out.sizes(), (std::vector<std::int64_t>{2, 1, 32, 48}))
          << "depth " << depth << " channels " << channels;
      EXPECT_EQ(out.scalar_type(), torch::kFloat32);
    }
  }
}

TEST(UNet, RunsWithoutBatchNorm) {
  UNetOptions options;
  options.depth = 2;
  options.base_width = 2;
  options.batch_norm = false;
  UNet net(options);
  EXPECT_EQ(net->forward(torch::zeros({1, 1, 16, 16})).size(1), 1);
  for (const auto& item : net->named_buffers()) {
    ADD_FAILURE() << "unexpected buffer " << item.key();
  }
}

TEST(UNet, RefusesImpossibleOptions) {
  UNetOptions options;
  options.depth = 0;
  EXPECT_THROW(UNet{options}, Error);
  options.depth = 2;
  options.base_width = 0;
  EXPECT_THROW(UNet{options}, Error);
}

TEST(UNet, CountsMultiplyAddsLayerByLayer) {
  // Depth 1, width 1, one channel, a 2 × 2 tile, by hand: encoder 4·9·(1·1 + 1·1) = 72,
  // bottom 1·9·(1·2 + 2·2) = 54, transposed conv 4·2·1 = 8, decoder 4·9·(2·1 + 1·1) = 108,
  // head 4·1 = 4.
  UNetOptions tiny;
  tiny.depth = 1;
  tiny.base_width = 1;
  EXPECT_EQ(unet_multiply_adds(tiny, 2, 2), 72 + 54 + 8 + 108 + 4);
  // The default network stays inside the budget of 4 GMAC per 512 × 512 tile.
  EXPECT_LE(unet_multiply_adds(UNetOptions{}, 512, 512), 4'000'000'000);
}

TEST(UNet, StateRoundTripGivesIdenticalOutputs) {
  UNetOptions options;
  options.depth = 2;
  options.base_width = 3;
  UNet first(options);
  // Train-mode passes move the batch-norm statistics away from their initial values, so the
  // round trip must carry buffers as well as parameters.
  first->forward(torch::randn({4, 1, 16, 16}) * 3 + 1);
  first->eval();
  UNet second(options);
  load_unet_state(second, unet_state(first), "memory");
  second->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor x = torch::randn({2, 1, 16, 16});
  EXPECT_TRUE(torch::equal(first->forward(x), second->forward(x)));
}

TEST(UNet, RefusesStateOfAnotherArchitecture) {
  UNetOptions small;
  small.depth = 2;
  small.base_width = 2;
  UNetOptions wider = small;
  wider.base_width = 4;
  UNet a(small), b(wider);
  EXPECT_THROW(load_unet_state(b, unet_state(a), "a.h5"), Error);
  std::vector<NamedArray> missing = unet_state(a);
  missing.pop_back();
  EXPECT_THROW(load_unet_state(a, missing, "a.h5"), Error);
}

}  // namespace
}  // namespace holodet::segment
