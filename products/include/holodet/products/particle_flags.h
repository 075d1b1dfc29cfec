#pragma once
// Which detections a size distribution must not count, flagged rather than removed so the
// particle table keeps them: particles at the frame's edge (cut, or in the margin where they
// cannot be sized whole) and artefacts that recur at the same place in many holograms of a run
// (dust and scratches on the probe windows, hot pixels: real droplets, tens of metres apart
// along the track, never repeat). Recurrence is found with a spatial hash over x, y, z of
// the run's detections: O(n) for n detections when few recur.

#include <cstdint>
#include <vector>

#include "holodet/io/particle_table.h"
#include "holodet/products/product_settings.h"
#include "holodet/products/sample_volume.h"

namespace holodet::products {

// Bits of a particle's flag (CF flag_masks); 0: counted.
inline constexpr std::int32_t kNearFrameEdge = 1;
inline constexpr std::int32_t kRecurringArtefact = 2;

// One place where an artefact recurs: its detections' mean position, their largest diameter
// and the holograms it appears in.
struct ArtefactSite {
  double x_um = 0, y_um = 0, z_um = 0, d_um = 0;
  int holograms = 0;
};

struct ParticleFlags {
  std::vector<std::int32_t> flag;  // one per row of the table
  std::vector<ArtefactSite> sites;
};

// `run_holograms`: the holograms of the run that were processed (failed ones excluded), of
// which a recurring artefact appears in more than settings.artefact_fraction.
ParticleFlags flag_particles(const io::ParticleTable& particles, const SampleFrame& frame,
                             std::size_t run_holograms, const ProductSettings& settings);

// The columns the sites hide: a disk of their diameter plus the recurrence distance.
std::vector<Footprint> site_footprints(const std::vector<ArtefactSite>& sites,
                                       const ProductSettings& settings);

}  // namespace holodet::products
