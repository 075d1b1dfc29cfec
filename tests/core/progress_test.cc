#include "holodet/core/progress.h"

#include <gtest/gtest.h>

#include "holodet/core/diagnostics.h"

namespace holodet {
namespace {

// A full-size hologram takes seconds to minutes: its rate reads as seconds per hologram,
// never as "0.00/s".
TEST(Progress, RatesUnderOneASecondReadAsSecondsPerItem) {
  EXPECT_EQ(rate_text(3.421, "planes"), "3.42 planes/s");
  EXPECT_EQ(rate_text(1.0 / 41.2, "holograms"), "41.2 s/hologram");
  EXPECT_EQ(rate_text(0.5, "archives"), "2.0 s/archive");
  EXPECT_EQ(rate_text(0, "holograms"), "- holograms/s");
}

// The final line counts whole items only and reports the time taken.
TEST(Progress, TheFinalLineSaysWhatWasDoneAndHowFast) {
  std::string printed;
  {
    const DiagnosticRecorder recorder;
    {
      Progress progress("batch", 3, "holograms", false);
      progress.set_partial(5, 10, "planes");
      progress.advance();
    }
    ASSERT_FALSE(recorder.messages().empty());
    EXPECT_EQ(recorder.messages().back().kind, Said::kProgressFinal);
    printed = recorder.messages().back().text;
  }
  EXPECT_NE(printed.find("batch  1/3 holograms  "), std::string::npos) << printed;
  EXPECT_NE(printed.find(" in 0:00"), std::string::npos) << printed;
  EXPECT_EQ(printed.find("this one"), std::string::npos) << printed;
  const DiagnosticRecorder quiet_recorder;
  {
    Progress quiet("batch", 3, "holograms", true);
    quiet.advance(3);
  }
  EXPECT_TRUE(quiet_recorder.messages().empty());
}

// A long item shows how far it is, and the ETA counts its fraction.
TEST(Progress, TheItemUnderWayIsShownAndCounted) {
  const DiagnosticRecorder recorder;
  {
    Progress progress("batch", 4, "holograms", false, 0.0);
    progress.advance();
    progress.set_partial(500, 2000, "planes");
  }
  const std::string printed = recorder.text();
  EXPECT_NE(printed.find("batch  1/4 holograms (this one: 500/2000 planes)  "), std::string::npos)
      << printed;
  EXPECT_NE(printed.find("ETA"), std::string::npos) << printed;
}

}  // namespace
}  // namespace holodet
