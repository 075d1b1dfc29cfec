#include "holodet/propagate/fft_size.h"

#include "holodet/core/error.h"

namespace holodet::propagate {

bool is_fast_fft_size(std::size_t n) {
  if (n == 0) {
    return false;
  }
  for (std::size_t factor : {2u, 3u, 5u, 7u}) {
    while (n % factor == 0) {
      n /= factor;
    }
  }
  return n == 1;
}

std::size_t next_fast_fft_size(std::size_t n) {
  if (n == 0) {
    throw bad_input("FFT size must be positive, got 0");
  }
  // 7-smooth numbers are dense (the gap after n is a few percent of n), so counting up is
  // cheap for any frame size.
  while (!is_fast_fft_size(n)) {
    ++n;
  }
  return n;
}

}  // namespace holodet::propagate
