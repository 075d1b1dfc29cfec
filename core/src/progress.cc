#include "holodet/core/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "holodet/core/diagnostics.h"

namespace holodet {
namespace {

std::string clock_text(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof(text), "%lld:%02lld", whole / 60, whole % 60);
  return text;
}

}  // namespace

std::string rate_text(double per_second, const std::string& unit) {
  char text[64];
  if (per_second >= 1) {
    std::snprintf(text, sizeof text, "%.2f %s/s", per_second, unit.c_str());
  } else if (per_second > 0) {
    const std::string one =
        !unit.empty() && unit.back() == 's' ? unit.substr(0, unit.size() - 1) : unit;
    std::snprintf(text, sizeof text, "%.1f s/%s", 1 / per_second, one.c_str());
  } else {
    std::snprintf(text, sizeof text, "- %s/s", unit.c_str());
  }
  return text;
}

Progress::Progress(std::string label, std::size_t total, std::string unit, bool quiet,
                   double print_every_s)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO) == 1),
      print_every_s_(print_every_s >= 0 ? print_every_s : (terminal_ ? 0.2 : 5.0)),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

Progress::~Progress() {
  finish();
}

void Progress::advance(std::size_t done_now) {
  done_ += done_now;
  partial_done_ = partial_total_ = 0;
  print_if_due();
}

void Progress::set_partial(std::size_t done, std::size_t total, const std::string& unit) {
  partial_done_ = std::min(done, total);
  partial_total_ = total;
  partial_unit_ = unit;
  print_if_due();
}

void Progress::print_if_due() {
  const auto now = std::chrono::steady_clock::now();
  const double since_print = std::chrono::duration<double>(now - last_print_).count();
  if (since_print >= print_every_s_) {
    print(false);
    last_print_ = now;
  }
}

void Progress::finish() {
  if (!finished_) {
    finished_ = true;
    print(true);
  }
}

void Progress::print(bool final_line) {
  if (quiet_) {
    return;
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Items done, the one under way counted by its fraction.
  const double done = static_cast<double>(done_) + (partial_total_ > 0 && !final_line
                                                        ? static_cast<double>(partial_done_) /
                                                              static_cast<double>(partial_total_)
                                                        : 0.0);
  const double rate = elapsed > 0 ? done / elapsed : 0;
  std::string line =
      label_ + "  " + std::to_string(done_) + "/" + std::to_string(total_) + " " + unit_;
  if (partial_total_ > 0 && !final_line) {
    line += " (this one: " + std::to_string(partial_done_) + "/" + std::to_string(partial_total_) +
            " " + partial_unit_ + ")";
  }
  char numbers[96];
  if (final_line) {
    std::snprintf(numbers, sizeof(numbers), "  %s  in %s", rate_text(rate, unit_).c_str(),
                  clock_text(elapsed).c_str());
  } else {
    const double remaining = rate > 0 ? (static_cast<double>(total_) - done) / rate : 0;
    std::snprintf(numbers, sizeof(numbers), "  %s  ETA %s", rate_text(rate, unit_).c_str(),
                  rate > 0 ? clock_text(remaining).c_str() : "-");
  }
  line += numbers;
  say(final_line ? Said::kProgressFinal : Said::kProgress, line);
}

}  // namespace holodet
