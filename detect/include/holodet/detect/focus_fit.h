#pragma once
// The depth of a focus curve's minimum below its sampling step, with its uncertainty. The
// amplitude of an opaque particle's reconstruction is symmetric about its focus (a real
// transmittance propagated by ±dz gives complex-conjugate fields), so a parabola through the
// bottom of the dip has its vertex at the focus. The bottom is the contiguous run of samples
// around the minimum below half-way between the minimum and the curve's lower rim (at least two
// samples on each side). The uncertainty is the vertex's standard error from the least-squares
// fit (residual variance, delta method; at least a twentieth of a step): the misfit of a dip
// that is not quite a parabola counts as noise.

#include <span>

namespace holodet::detect {

struct FocusFit {
  double z_m = 0;        // the vertex; the lowest sample when no vertex was found
  double z_err_m = 0;    // 1σ; one step when no vertex was found
  bool found = false;    // a vertex of an upward parabola within the fitted samples
  bool at_edge = false;  // the lowest sample is the curve's first or last: the focus may lie beyond
  double dip_width_m = 0;  // the span of the fitted samples: how sharply the curve locates focus
};

// `z_m` uniformly spaced and ascending, `curve` one value per depth (at least 5).
FocusFit fit_focus_minimum(std::span<const double> z_m, std::span<const float> curve);

}  // namespace holodet::detect
