#include "holodet/segment/batch_backoff.h"

#include <algorithm>

namespace holodet::segment {

BatchBackoff::BatchBackoff(std::function<bool(const std::exception&)> is_out_of_memory)
    : is_out_of_memory_(std::move(is_out_of_memory)) {}

void BatchBackoff::run(std::size_t total,
                       const std::function<void(std::size_t, std::size_t)>& run) {
  std::size_t first = 0;
  while (first < total) {
    const std::size_t count = limit_ > 0 ? std::min(limit_, total - first) : total - first;
    try {
      run(first, count);
    } catch (const std::exception& failure) {
      if (count == 1 || !is_out_of_memory_(failure)) {
        throw;
      }
      limit_ = count / 2;  // retry this chunk in smaller pieces
      continue;
    }
    first += count;
  }
}

}  // namespace holodet::segment
