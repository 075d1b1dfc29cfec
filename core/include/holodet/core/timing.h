#pragma once
// The stage timings every job and detector reports.

#include <chrono>

namespace holodet {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace holodet
