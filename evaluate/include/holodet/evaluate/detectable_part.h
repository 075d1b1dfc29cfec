#pragma once
// The scores of the part of a set that a detector could have found. Given which true particles
// are detectable (detect/particle_visibility.h), the part keeps those particles, and every
// prediction except the ones matched to a particle that is not: finding a particle below the
// noise is neither a false detection nor, when missed, a miss.
#include <vector>

#include "holodet/evaluate/scores.h"

namespace holodet::evaluate {

// `detectable` has one value per row of report.truth. The result scores the same holograms,
// with the same tolerances and breakdowns.
ScoresReport detectable_part(const ScoresReport& report, const std::vector<bool>& detectable);

}  // namespace holodet::evaluate
