#pragma once
// Private to propagate/: float → IEEE half on the host, bit for bit what CUDA's
// __float2half_rn gives (round to nearest even), for the CPU propagator and the host
// compilation of the kernel bodies. No dependencies, so nvcc's host pass compiles it too.

#include <cstdint>
#include <cstring>

namespace holodet::propagate::detail {

// IEEE 754 binary16 bits of `value`, rounded to nearest even; overflow gives infinity.
inline std::uint16_t float_to_half_bits(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  const std::uint32_t sign = (bits >> 16) & 0x8000u;
  const std::uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude >= 0x7f800000u) {  // infinity or NaN
    return static_cast<std::uint16_t>(sign | 0x7c00u | (magnitude > 0x7f800000u ? 0x200u : 0u));
  }
  if (magnitude >= 0x477ff000u) {  // rounds to ≥ 65520: infinity
    return static_cast<std::uint16_t>(sign | 0x7c00u);
  }
  if (magnitude < 0x38800000u) {  // below the smallest normal half: subnormal or zero
    if (magnitude < 0x33000000u) {
      return static_cast<std::uint16_t>(sign);
    }
    const std::uint32_t exponent = magnitude >> 23;
    const std::uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
    const std::uint32_t shift = 126 - exponent;  // value = mantissa · 2^(exponent − 150): 14..24
    const std::uint32_t rounded = mantissa >> shift;
    const std::uint32_t remainder = mantissa & ((1u << shift) - 1);
    const std::uint32_t halfway = 1u << (shift - 1);
    const std::uint32_t result =
        rounded + ((remainder > halfway || (remainder == halfway && (rounded & 1u))) ? 1u : 0u);
    return static_cast<std::uint16_t>(sign | result);
  }
  // Normal: rebias the exponent (127 → 15) and round the 13 dropped mantissa bits.
  const std::uint32_t rebased = magnitude - 0x38000000u;
  const std::uint32_t rounded = (rebased + 0xfffu + ((rebased >> 13) & 1u)) >> 13;
  return static_cast<std::uint16_t>(sign | rounded);
}

}  // namespace holodet::propagate::detail
