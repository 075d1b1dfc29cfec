// The reconstruction settings the configuration names become propagation settings, and a
// name the setters would refuse is refused here too.
#include "holodet/detect/reconstruction.h"

#include <gtest/gtest.h>

#include "holodet/config/config.h"
#include "holodet/core/error.h"

namespace holodet::detect {
namespace {

// A field or padding name the setters would refuse, set in code, is an error: never a quiet
// fall back to the normalised field.
TEST(PropagationSettings, UnknownFieldAndPadNamesAreRefusedNotReplaced) {
  config::Config config;
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kNormalised);
  config.reconstruction.field = "sqrt";
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kSqrtCounts);
  config.reconstruction.field = "normalized";  // the American spelling is no alias
  EXPECT_THROW(propagation_settings(config, config.optics), Error);
  config.reconstruction.field = "counts";
  config.reconstruction.pad = "zero";
  EXPECT_THROW(propagation_settings(config, config.optics), Error);
}

}  // namespace
}  // namespace holodet::detect
