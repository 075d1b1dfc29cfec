#include "holodet/core/diagnostics.h"

#include <gtest/gtest.h>

namespace holodet {
namespace {

TEST(Diagnostics, SaidWithoutASinkGoesNowhere) {
  const DiagnosticSink previous = set_diagnostic_sink({});
  say(Said::kNote, "nobody listens");  // must not throw or crash
  set_diagnostic_sink(previous);
}

TEST(Diagnostics, ARecorderSeesEachMessageWithItsKindAndRestoresTheSinkBefore) {
  std::vector<std::string> outer;
  const DiagnosticSink previous =
      set_diagnostic_sink([&](Said, const std::string& text) { outer.push_back(text); });
  {
    const DiagnosticRecorder recorder;
    say(Said::kNote, "planes are far apart");
    say(Said::kFailure, "a.nc: hologram 3: every pixel is 0");
    ASSERT_EQ(recorder.messages().size(), 2u);
    EXPECT_EQ(recorder.messages()[0].kind, Said::kNote);
    EXPECT_EQ(recorder.messages()[1].kind, Said::kFailure);
    EXPECT_EQ(recorder.text(), "planes are far apart\na.nc: hologram 3: every pixel is 0\n");
  }
  EXPECT_TRUE(outer.empty());
  say(Said::kInfo, "after");
  EXPECT_EQ(outer, std::vector<std::string>{"after"});
  set_diagnostic_sink(previous);
}

}  // namespace
}  // namespace holodet
