#include "holodet/products/product_settings.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "holodet/products/hologram_times.h"

namespace holodet::products {
namespace {

TEST(ProductSettings, DefaultBinsAreTenMicronsWideToOneHundredThenWider) {
  const std::vector<double> edges = default_product_settings().size_bin_edges_um;
  ASSERT_EQ(edges.size(), 18u);
  for (std::size_t k = 0; k < 10; ++k) {
    EXPECT_DOUBLE_EQ(edges[k], 10.0 * static_cast<double>(k + 1));
  }
  EXPECT_DOUBLE_EQ(edges[10], 125);
  EXPECT_DOUBLE_EQ(edges.back(), 1000);
}

TEST(ProductSettings, BinsMixRangesAndEdgesAndFormatBack) {
  const std::vector<double> edges = parse_size_bins("5:20:5, 30,50", "test");
  EXPECT_EQ(edges, (std::vector<double>{5, 10, 15, 20, 30, 50}));
  EXPECT_EQ(format_size_bins(edges), "5,10,15,20,30,50");
  EXPECT_EQ(parse_size_bins(format_size_bins(edges), "again"), edges);
}

TEST(ProductSettings, BadBinsAreRefusedNamingTheProblem) {
  const auto message = [](const char* text) {
    try {
      parse_size_bins(text, "--bins");
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("10,abc").find("'abc' is not a number"), std::string::npos);
  EXPECT_NE(message("10,5").find("ascend"), std::string::npos);
  EXPECT_NE(message("10").find("at least two edges"), std::string::npos);
  EXPECT_NE(message("10:20").find("without a step"), std::string::npos);
  EXPECT_NE(message("0,10").find("positive"), std::string::npos);
  EXPECT_NE(message("10:100:0").find("step > 0"), std::string::npos);
}

TEST(ProductSettings, DurationsTakeTheUnitsPeopleType) {
  EXPECT_DOUBLE_EQ(parse_duration_seconds("1s", "--interval"), 1);
  EXPECT_DOUBLE_EQ(parse_duration_seconds("500ms", "--interval"), 0.5);
  EXPECT_DOUBLE_EQ(parse_duration_seconds("2 min", "--interval"), 120);
  EXPECT_DOUBLE_EQ(parse_duration_seconds("1h", "--interval"), 3600);
  EXPECT_DOUBLE_EQ(parse_duration_seconds("10", "--interval"), 10);
  EXPECT_THROW(parse_duration_seconds("fast", "--interval"), Error);
  EXPECT_THROW(parse_duration_seconds("0s", "--interval"), Error);
  EXPECT_THROW(parse_duration_seconds("1 fortnight", "--interval"), Error);
}

}  // namespace
}  // namespace holodet::products
