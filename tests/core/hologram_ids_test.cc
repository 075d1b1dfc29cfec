#include "holodet/core/hologram_ids.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"

namespace holodet {
namespace {

TEST(HologramIds, ReadsIdsAndRangesAscendingWithoutRepeats) {
  EXPECT_EQ(parse_hologram_ids("1,3-5", "--hologram"), (std::vector<int>{1, 3, 4, 5}));
  EXPECT_EQ(parse_hologram_ids("7,2,2-3", "--hologram"), (std::vector<int>{2, 3, 7}));
  EXPECT_EQ(parse_hologram_ids("4", "--hologram"), (std::vector<int>{4}));
  EXPECT_EQ(parse_hologram_ids("all", "--hologram"), std::nullopt);
}

TEST(HologramIds, RefusesWhatIsNotAListNamingTheOption) {
  for (const char* text : {"0", "-1", "5-3", "1,,2", "", "a", "1-", "2.5", "1-99999999999"}) {
    try {
      parse_hologram_ids(text, "--hologram");
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
      EXPECT_NE(std::string(error.what()).find("--hologram"), std::string::npos) << error.what();
    }
  }
  EXPECT_THROW(parse_hologram_ids("1-2000000000", "--hologram"), Error);
}

TEST(HologramIds, FormatsTheShortestTextThatReadsBack) {
  EXPECT_EQ(format_hologram_ids({5, 1, 3, 4}), "1,3-5");
  EXPECT_EQ(format_hologram_ids({1, 2}), "1,2");
  EXPECT_EQ(format_hologram_ids({}), "");
  const std::vector<int> ids{1, 2, 3, 9, 11, 12, 13, 14};
  EXPECT_EQ(parse_hologram_ids(format_hologram_ids(ids), "x"), ids);
}

}  // namespace
}  // namespace holodet
