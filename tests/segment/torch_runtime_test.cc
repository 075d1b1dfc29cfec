#include "holodet/segment/torch_runtime.h"

#include <gtest/gtest.h>

#include <thread>

#include "holodet/core/error.h"

namespace holodet::segment {
namespace {

TEST(TorchRuntime, ThreadsDefaultToAllCores) {
  const int expected = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  EXPECT_EQ(set_torch_threads(0), expected);
  EXPECT_EQ(set_torch_threads(1), 1);
  EXPECT_THROW(set_torch_threads(-1), Error);
}

TEST(TorchRuntime, DescribesTheLibrary) {
  EXPECT_NE(torch_description().find("LibTorch"), std::string::npos);
}

}  // namespace
}  // namespace holodet::segment
