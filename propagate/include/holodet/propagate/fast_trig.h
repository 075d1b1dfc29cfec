#pragma once
// Sin and cos of 2π·t for |t| ≤ 0.5 (t in turns), branch-free so the
// per-bin transfer-function loop vectorises (libm's sincosf does not). Taylor series on
// [−π/2, π/2] after folding t by symmetry; absolute error below 3e-7
// (tests/propagate/propagator_test.cc).

#include <cmath>

namespace holodet::propagate {

inline void sincos_turns(float t, float& sine, float& cosine) {
  // Fold into |t| ≤ 1/4: sin(2π(±1/2 − t)) = sin(2πt), cos(2π(±1/2 − t)) = −cos(2πt).
  // Written as arithmetic on a 0/1 flag: ternaries here stop GCC from vectorising callers.
  const float fold = static_cast<float>(std::abs(t) > 0.25f);
  const float u = t + fold * (std::copysign(0.5f, t) - 2.0f * t);
  const float x = 6.28318530717958647692f * u;
  const float x2 = x * x;
  const float s =
      x * (1.0f + x2 * (-1.0f / 6 +
                        x2 * (1.0f / 120 +
                              x2 * (-1.0f / 5040 +
                                    x2 * (1.0f / 362880 + x2 * (-1.0f / 39916800 +
                                                                x2 * (1.0f / 6227020800.0f)))))));
  const float c =
      1.0f +
      x2 * (-0.5f + x2 * (1.0f / 24 +
                          x2 * (-1.0f / 720 + x2 * (1.0f / 40320 +
                                                    x2 * (-1.0f / 3628800 +
                                                          x2 * (1.0f / 479001600 +
                                                                x2 * (-1.0f / 87178291200.0f)))))));
  sine = s;
  cosine = c * (1.0f - 2.0f * fold);
}

}  // namespace holodet::propagate
