#include "holodet/pipeline/progress.h"

#include <unistd.h>

#include <cstdio>

namespace holodet::pipeline {
namespace {

std::string clock_text(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof(text), "%lld:%02lld", whole / 60, whole % 60);
  return text;
}

}  // namespace

Progress::Progress(std::string label, std::size_t total, std::string unit, bool quiet)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

Progress::~Progress() {
  finish();
}

void Progress::advance(std::size_t done_now) {
  done_ += done_now;
  const auto now = std::chrono::steady_clock::now();
  const double since_print = std::chrono::duration<double>(now - last_print_).count();
  if (since_print >= (terminal_ ? 0.2 : 5.0)) {
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
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  std::string line =
      label_ + "  " + std::to_string(done_) + "/" + std::to_string(total_) + " " + unit_;
  char numbers[96];
  if (final_line) {
    std::snprintf(numbers, sizeof(numbers), "  %.2f/s  in %s", rate, clock_text(elapsed).c_str());
  } else {
    const double remaining = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    std::snprintf(numbers, sizeof(numbers), "  %.2f/s  ETA %s", rate,
                  clock_text(remaining).c_str());
  }
  line += numbers;
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), final_line ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

}  // namespace holodet::pipeline
