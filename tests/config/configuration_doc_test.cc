// docs/CONFIGURATION.md is generated from the key table; the committed file must be that text.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "holodet/config/configuration_markdown.h"

namespace holodet::config {
namespace {

TEST(ConfigurationDoc, TheCommittedDocumentIsTheGeneratedOne) {
  const std::string path = std::string(HOLODET_SOURCE_DIR) + "/docs/CONFIGURATION.md";
  const std::string generated = configuration_markdown();
  const char* update = std::getenv("HOLODET_UPDATE_DOCS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << generated;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::ostringstream committed;
  committed << in.rdbuf();
  EXPECT_TRUE(committed.str() == generated)
      << path << " differs from what config/src/key_table.cc generates. Regenerate it with\n"
      << "  HOLODET_UPDATE_DOCS=1 build/release/tests/config_tests "
         "--gtest_filter='ConfigurationDoc.*'\n"
      << "and commit the file (edit the key table, never the document).";
}

}  // namespace
}  // namespace holodet::config
