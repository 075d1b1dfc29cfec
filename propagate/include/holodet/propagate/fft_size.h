#pragma once
// FFT sizes the transforms run fast on. HOLODEC's 4872 × 3248 frame has a factor 29 in both
// axes; FFTW, pocketfft and cuFFT are all fastest on sizes with small prime factors, so frames
// are padded to the next size whose factors are 2, 3, 5 and 7 only (4900 × 3360 for HOLODEC).

#include <cstddef>

namespace holodet::propagate {

// True when n > 0 has no prime factor above 7.
bool is_fast_fft_size(std::size_t n);

// The smallest n' >= n with is_fast_fft_size(n'). Throws bad_input for n == 0.
std::size_t next_fast_fft_size(std::size_t n);

}  // namespace holodet::propagate
