#pragma once
// Progress of long work, said as Said::kProgress lines (diagnostics.h): "label  12/200
// planes  3.4/s  ETA 0:55", or with the item under way "batch  3/20 holograms (this one: 350/2000
// planes)  41.2 s/hologram  ETA 11:50". Rates under one per second read as seconds per item. When
// stderr is a terminal a line is said every 0.2 s (the printer rewrites it in place); otherwise
// (logs, CI) every few seconds. Quiet says nothing.

#include <chrono>
#include <cstddef>
#include <string>

namespace holodet {

// "3.42 planes/s", or under one a second "41.2 s/hologram" (never "0.00/s"); `unit` plural.
std::string rate_text(double per_second, const std::string& unit);

class Progress {
 public:
  // `print_every_s`: the least time between lines; negative for the default (0.2 s on a
  // terminal, 5 s otherwise).
  Progress(std::string label, std::size_t total, std::string unit, bool quiet,
           double print_every_s = -1);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::size_t done_now = 1);
  // How far the item under way is (`done` of `total` `unit`): shown, and counted in the rate
  // and the ETA, so a run of few long items is not silent. Reset by advance().
  void set_partial(std::size_t done, std::size_t total, const std::string& unit);
  void finish();  // prints the final line once (also run by the destructor)

 private:
  void print(bool final_line);
  void print_if_due();

  std::string label_;
  std::size_t total_;
  std::string unit_;
  bool quiet_;
  bool terminal_;
  double print_every_s_;
  bool finished_ = false;
  std::size_t done_ = 0;
  std::size_t partial_done_ = 0;
  std::size_t partial_total_ = 0;
  std::string partial_unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace holodet
