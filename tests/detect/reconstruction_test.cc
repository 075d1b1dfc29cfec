// The reconstruction choices of the configuration become propagation settings, and a value
// outside their enums is refused here too.
#include "holodet/detect/reconstruction.h"

#include <gtest/gtest.h>

#include "holodet/config/config.h"
#include "holodet/core/error.h"

namespace holodet::detect {
namespace {

// Every field and padding choice maps to its propagation mode, and a value outside the enum
// (a Config built in code, never validated) is an error: never a quiet fall back to the
// normalised field.
TEST(PropagationSettings, EachChoiceMapsToItsModeAndNoneFallsBack) {
  config::Config config;
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kNormalised);
  config.reconstruction.field = config::Field::kSqrt;
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kSqrtCounts);
  config.reconstruction.field = config::Field::kCounts;
  EXPECT_EQ(propagation_settings(config, config.optics).field, propagate::FieldMode::kCounts);
  config.reconstruction.field = config::Field::kSqrtNormalised;
  EXPECT_EQ(propagation_settings(config, config.optics).field,
            propagate::FieldMode::kSqrtNormalised);
  config.reconstruction.pad = config::Pad::kEdgeMean;
  EXPECT_EQ(propagation_settings(config, config.optics).pad, propagate::PadMode::kEdgeMean);
  config.reconstruction.field = static_cast<config::Field>(9);
  EXPECT_THROW(propagation_settings(config, config.optics), Error);
  config.reconstruction.field = config::Field::kCounts;
  config.reconstruction.pad = static_cast<config::Pad>(5);
  EXPECT_THROW(propagation_settings(config, config.optics), Error);
}

}  // namespace
}  // namespace holodet::detect
