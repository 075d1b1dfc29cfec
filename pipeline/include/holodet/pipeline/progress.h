#pragma once
// Progress of long work on stderr: "label  12/200 planes  3.4/s  ETA 0:55". On a terminal the
// line is rewritten in place; otherwise (logs, CI) a line is printed every few seconds. Quiet
// prints nothing.

#include <chrono>
#include <cstddef>
#include <string>

namespace holodet::pipeline {

class Progress {
 public:
  Progress(std::string label, std::size_t total, std::string unit, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::size_t done_now = 1);
  void finish();  // prints the final line once (also run by the destructor)

 private:
  void print(bool final_line);

  std::string label_;
  std::size_t total_;
  std::string unit_;
  bool quiet_;
  bool terminal_;
  bool finished_ = false;
  std::size_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace holodet::pipeline
