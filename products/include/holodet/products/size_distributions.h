#pragma once
// Size distributions and concentrations summed over rows of holograms (one row per hologram,
// per time interval, or one for the whole run): counts per size bin, dN/dD, total number
// concentration and liquid water content, each with its Poisson counting uncertainty.
// Formulas and units: docs/PRODUCTS.md.

#include <cstdint>
#include <span>
#include <vector>

#include "holodet/io/particle_table.h"
#include "holodet/products/product_settings.h"

namespace holodet::products {

// The holograms of a run and the row each is summed into; failed holograms add neither
// particles nor volume.
struct RowAssignment {
  std::vector<int> hid;
  std::vector<bool> ok;
  std::vector<std::size_t> row;
  std::size_t rows = 0;
  std::vector<bool> crowded;  // per hologram (empty: none known): its scene was crowded
};

struct Distributions {
  std::size_t rows = 0, bins = 0;
  std::vector<std::int32_t> holograms;  // per row: the processed holograms summed
  // per row: of those, the crowded ones (batch_results.h), where detection finds fewer of the
  // particles and the concentration is low
  std::vector<std::int32_t> holograms_crowded;
  std::vector<double> sample_volume_cm3;  // per row
  // rows × bins, row-major. Counted: flag 0 and d in [first edge, last edge).
  std::vector<std::int32_t> counts, counts_round;
  std::vector<double> dNdD, dNdD_err;  // cm⁻³ µm⁻¹
  std::vector<double> dNdD_round, dNdD_irregular;
  // per row
  std::vector<std::int32_t> particles;                                 // counted, every bin
  std::vector<double> number_concentration, number_concentration_err;  // cm⁻³
  std::vector<double> lwc, lwc_err;                                    // g m⁻³
};

// `flags`: one per row of `particles` (particle_flags.h); `aspect_ratio`: one per row, or
// empty when the table has no shape (every particle counts as round). Concentrations of a
// row without sample volume are NaN.
Distributions sum_distributions(const io::ParticleTable& particles,
                                std::span<const std::int32_t> flags,
                                std::span<const float> aspect_ratio, const RowAssignment& rows,
                                double volume_per_hologram_cm3, const ProductSettings& settings);

// Mass of a water sphere of diameter d µm, in grams (ρ_w = 1 g cm⁻³).
double water_sphere_grams(double d_um);

}  // namespace holodet::products
