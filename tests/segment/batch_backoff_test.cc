#include "holodet/segment/batch_backoff.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace holodet::segment {
namespace {

struct OutOfMemory : std::runtime_error {
  OutOfMemory() : std::runtime_error("CUDA out of memory") {}
};

BatchBackoff backoff() {
  return BatchBackoff(
      [](const std::exception& e) { return dynamic_cast<const OutOfMemory*>(&e) != nullptr; });
}

TEST(BatchBackoff, SplitsAChunkThatDoesNotFitAndKeepsTheLimit) {
  BatchBackoff batches = backoff();
  std::vector<int> done(13, 0);
  std::vector<std::size_t> sizes;
  const auto run = [&](std::size_t first, std::size_t count) {
    if (count > 3) {
      throw OutOfMemory();  // a device that holds three tiles at a time
    }
    sizes.push_back(count);
    for (std::size_t k = first; k < first + count; ++k) {
      ++done[k];
    }
  };
  batches.run(13, run);
  EXPECT_EQ(done, std::vector<int>(13, 1));  // every item once
  EXPECT_EQ(batches.limit(), 3u);            // 13 → 6 → 3
  sizes.clear();
  batches.run(7, run);  // the next call starts at the limit that worked
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
}

TEST(BatchBackoff, OtherFailuresAndASingleItemThatDoesNotFitAreRethrown) {
  BatchBackoff batches = backoff();
  EXPECT_THROW(batches.run(8, [](std::size_t, std::size_t) { throw std::logic_error("bug"); }),
               std::logic_error);
  EXPECT_EQ(batches.limit(), 0u);
  EXPECT_THROW(batches.run(8, [](std::size_t, std::size_t) { throw OutOfMemory(); }), OutOfMemory);
}

}  // namespace
}  // namespace holodet::segment
