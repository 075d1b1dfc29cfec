#pragma once
// Running a batch that may not fit in device memory: the items go in chunks of at most the
// current limit, and a chunk that runs out of memory is retried in halves, down to one item.
// The limit that worked is kept for the next call, so a device that is short of memory pays
// for the discovery once. (A U-Net's activations for 16 full tiles need ~1 GB per model copy
// in float16; two copies per GPU beside the planes can exceed a smaller card.)

#include <cstddef>
#include <exception>
#include <functional>

namespace holodet::segment {

class BatchBackoff {
 public:
  // `is_out_of_memory` tells an out-of-memory failure (retried smaller) from any other
  // (rethrown as it is).
  explicit BatchBackoff(std::function<bool(const std::exception&)> is_out_of_memory);

  // Calls run(first, count) over consecutive chunks covering [0, total), each item exactly
  // once and in order. Rethrows the out-of-memory failure of a single item.
  void run(std::size_t total, const std::function<void(std::size_t, std::size_t)>& run);

  // The largest chunk tried from now on; 0 until a failure set one.
  std::size_t limit() const { return limit_; }

 private:
  std::function<bool(const std::exception&)> is_out_of_memory_;
  std::size_t limit_ = 0;
};

}  // namespace holodet::segment
