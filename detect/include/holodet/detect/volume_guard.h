#pragma once
// What lies outside the sample volume is never reported. Dust and scratches on the probe
// windows cast sharp shadows that focus just in front of zMin or just behind zMax; within the
// volume their defocused rings can dip like a particle's focus. So pass 1 of both detectors
// also folds guard planes into the minimum projection: every `step` from 0.5 mm off the
// sensor up to zMin, and from zMax to 10 mm beyond it. A candidate whose darkest pixels reach
// their minimum on a guard plane focuses outside the volume, and is dropped before any
// further work (docs/CONFIGURATION.md, reconstruction.window_guard_step_um).

#include <cstddef>
#include <span>
#include <vector>

#include "holodet/core/optics.h"
#include "holodet/propagate/min_projection.h"

namespace holodet::detect {

inline constexpr double kNearestGuardM = 0.5e-3;  // the sensor-side window's distance
inline constexpr double kFarGuardM = 10e-3;       // beyond zMax

// The guard planes (ascending, metres) for the optics' volume and the run's planes `z_m`
// (ascending); none when step_um ≤ 0. No guard plane is nearer the volume than the wider of
// half a guard step and the largest gap between the run's planes, so a particle inside the
// volume always has a plane of the run nearer its focus than any guard plane.
std::vector<double> guard_planes(const Optics& optics, double step_um, std::span<const double> z_m);

// The planes of pass 1: `z_m` (ascending) with the guard planes, ascending.
std::vector<double> with_guard(std::span<const double> z_m, const std::vector<double>& guard);

// True when the median depth of the projection's `core` pixels is outside [first, last]: the
// object focuses on a guard plane, outside the volume.
bool focuses_outside(std::span<const std::size_t> core,
                     const propagate::MinimumProjection& projection, double first_m, double last_m);

}  // namespace holodet::detect
