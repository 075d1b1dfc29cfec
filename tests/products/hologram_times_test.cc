#include "holodet/products/hologram_times.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "holodet/core/error.h"

namespace holodet::products {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(HologramTimes, UnitsAreReadAsCfTimesOrBareUnits) {
  const auto cf = parse_time_units("seconds since 2015-07-19 20:00:00");
  ASSERT_TRUE(cf);
  EXPECT_TRUE(cf->cf);
  EXPECT_DOUBLE_EQ(cf->seconds_per_unit, 1);
  const auto hours = parse_time_units("hours");
  ASSERT_TRUE(hours);
  EXPECT_FALSE(hours->cf);
  EXPECT_DOUBLE_EQ(hours->seconds_per_unit, 3600);
  EXPECT_FALSE(parse_time_units("microns"));
  EXPECT_FALSE(parse_time_units(""));
}

TEST(HologramTimes, MissingTimesAreInterpolatedAlongTheRecord) {
  const std::vector<double> filled = fill_missing_times({kNaN, 1.0, kNaN, kNaN, 4.0, kNaN});
  EXPECT_EQ(filled, (std::vector<double>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(fill_missing_times({kNaN, 7.0, kNaN}), (std::vector<double>{7, 7, 7}));
  const std::vector<double> none = fill_missing_times({kNaN, kNaN});
  EXPECT_TRUE(std::isnan(none[0]) && std::isnan(none[1]));
}

TEST(HologramTimes, IntervalsLieOnWholeMultiplesAndKeepGaps) {
  const std::vector<double> times = {10.2, 10.9, 11.1, 13.5};
  const Intervals intervals = make_intervals(times, 1.0);
  EXPECT_EQ(intervals.start, (std::vector<double>{10, 11, 12, 13}));
  EXPECT_EQ(intervals.end, (std::vector<double>{11, 12, 13, 14}));
  EXPECT_EQ(intervals.of_hologram, (std::vector<std::size_t>{0, 0, 1, 3}));
  EXPECT_THROW(make_intervals(std::vector<double>{0, 1e9}, 1e-3), Error);
}

}  // namespace
}  // namespace holodet::products
