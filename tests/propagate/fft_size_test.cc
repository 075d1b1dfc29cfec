#include "holodet/propagate/fft_size.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"

namespace holodet::propagate {
namespace {

TEST(FftSize, HolodecFramesPadToSevenSmoothSizes) {
  // 4872 = 2^3·3·7·29 and 3248 = 2^4·7·29: the factor 29 must go.
  EXPECT_FALSE(is_fast_fft_size(4872));
  EXPECT_FALSE(is_fast_fft_size(3248));
  EXPECT_EQ(next_fast_fft_size(4872), 4900u);  // 2^2·5^2·7^2
  EXPECT_EQ(next_fast_fft_size(3248), 3360u);  // 2^5·3·5·7
}

TEST(FftSize, SmoothSizesAreKept) {
  for (std::size_t n : {1u, 2u, 512u, 1024u, 1000u, 2187u, 2401u}) {
    EXPECT_TRUE(is_fast_fft_size(n)) << n;
    EXPECT_EQ(next_fast_fft_size(n), n);
  }
}

TEST(FftSize, NextSizeIsTheSmallestSmoothOneNotBelow) {
  for (std::size_t n = 1; n < 5000; ++n) {
    const std::size_t next = next_fast_fft_size(n);
    ASSERT_GE(next, n);
    ASSERT_TRUE(is_fast_fft_size(next));
    for (std::size_t m = n; m < next; ++m) {
      ASSERT_FALSE(is_fast_fft_size(m)) << m;
    }
  }
}

TEST(FftSize, ZeroIsRejected) {
  EXPECT_FALSE(is_fast_fft_size(0));
  EXPECT_THROW(next_fast_fft_size(0), Error);
}

}  // namespace
}  // namespace holodet::propagate
