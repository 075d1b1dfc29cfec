#pragma once
// Private to pipeline/: the stage timings every job reports.

#include <chrono>

namespace holodet::pipeline {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace holodet::pipeline
