#pragma once
// GPU tests skip cleanly where no device is usable (development and CI machines), and fail
// instead when HOLODET_REQUIRE_GPU=1 (scripts/gpu-check on a lent GPU), so a broken driver
// or a missing architecture cannot pass as "skipped" there.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "holodet/core/devices.h"

namespace holodet::test {

inline bool gpu_required() {
  const char* value = std::getenv("HOLODET_REQUIRE_GPU");
  return value != nullptr && std::string(value) == "1";
}

inline bool gpu_available() {
  return !probe_devices().devices.empty();
}

}  // namespace holodet::test

// Use at the top of a test body; `inventory` is a holodet::DeviceInventory.
#define HOLODET_SKIP_WITHOUT_GPU(inventory)                                        \
  do {                                                                             \
    if ((inventory).devices.empty()) {                                             \
      if (::holodet::test::gpu_required()) {                                       \
        FAIL() << "HOLODET_REQUIRE_GPU=1 but no usable device: "                   \
               << (inventory).unavailable_reason;                                  \
      }                                                                            \
      GTEST_SKIP() << "no usable CUDA device: " << (inventory).unavailable_reason; \
    }                                                                              \
  } while (false)
