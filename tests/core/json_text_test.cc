#include "holodet/core/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace holodet {
namespace {

TEST(JsonText, StringsEscapeQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string("a \"b\" c\\d"), "\"a \\\"b\\\" c\\\\d\"");
  EXPECT_EQ(json_string("tab\there\nnext"), "\"tab\\there\\nnext\"");
  EXPECT_EQ(json_string(std::string("bell\a", 5)), "\"bell\\u0007\"");
  EXPECT_EQ(json_string("µm"), "\"µm\"");  // UTF-8 as it is
}

TEST(JsonText, NumbersThatJsonCannotHoldAreNull) {
  EXPECT_EQ(json_number(0.25), "0.25");
  EXPECT_EQ(json_number(1e-12), "1e-12");
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
}

}  // namespace
}  // namespace holodet
