#pragma once
// The message of the bad_input error `action` throws; a test failure when it throws none or
// another kind.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "holodet/core/error.h"

namespace holodet::config {

inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    return error.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

}  // namespace holodet::config
