#include "holodet/products/size_distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

#include "holodet/core/error.h"

namespace holodet::products {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kCm3PerM3 = 1e6;

}  // namespace

double water_sphere_grams(double d_um) {
  const double d_cm = d_um * 1e-4;
  return std::numbers::pi / 6 * d_cm * d_cm * d_cm;  // × 1 g cm⁻³
}

Distributions sum_distributions(const io::ParticleTable& particles,
                                std::span<const std::int32_t> flags,
                                std::span<const float> aspect_ratio, const RowAssignment& rows,
                                double volume_per_hologram_cm3, const ProductSettings& settings) {
  if (flags.size() != particles.size() ||
      (!aspect_ratio.empty() && aspect_ratio.size() != particles.size()) ||
      rows.hid.size() != rows.ok.size() || rows.hid.size() != rows.row.size() ||
      (!rows.crowded.empty() && rows.crowded.size() != rows.hid.size())) {
    throw runtime_failure("sum_distributions: flags, shapes and rows do not match the table");
  }
  const std::vector<double>& edges = settings.size_bin_edges_um;
  Distributions out;
  out.rows = rows.rows;
  out.bins = edges.size() - 1;
  out.holograms.assign(out.rows, 0);
  out.holograms_crowded.assign(out.rows, 0);
  out.sample_volume_cm3.assign(out.rows, 0);
  out.counts.assign(out.rows * out.bins, 0);
  out.counts_round.assign(out.rows * out.bins, 0);
  out.particles.assign(out.rows, 0);
  std::map<int, std::size_t> row_of_hid;  // processed holograms only
  for (std::size_t k = 0; k < rows.hid.size(); ++k) {
    if (rows.row[k] >= out.rows) {
      throw runtime_failure("sum_distributions: a hologram's row is out of range");
    }
    if (rows.ok[k]) {
      row_of_hid[rows.hid[k]] = rows.row[k];
      out.holograms[rows.row[k]] += 1;
      out.holograms_crowded[rows.row[k]] += !rows.crowded.empty() && rows.crowded[k] ? 1 : 0;
      out.sample_volume_cm3[rows.row[k]] += volume_per_hologram_cm3;
    }
  }
  std::vector<double> mass(out.rows, 0), mass_squared(out.rows, 0);
  for (std::size_t p = 0; p < particles.size(); ++p) {
    const auto found = row_of_hid.find(particles.hid[p]);
    const double d = particles.d_um[p];
    if (found == row_of_hid.end() || flags[p] != 0 || !(d >= edges.front()) ||
        !(d < edges.back())) {
      continue;
    }
    const std::size_t bin =
        static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), d) - edges.begin()) -
        1;
    const std::size_t row = found->second;
    const bool round = aspect_ratio.empty() || aspect_ratio[p] <= settings.round_max_aspect_ratio;
    out.counts[row * out.bins + bin] += 1;
    out.particles[row] += 1;
    if (round) {
      out.counts_round[row * out.bins + bin] += 1;
      const double grams = water_sphere_grams(d);
      mass[row] += grams;
      mass_squared[row] += grams * grams;
    }
  }
  out.dNdD.assign(out.rows * out.bins, kNaN);
  out.dNdD_err = out.dNdD_round = out.dNdD_irregular = out.dNdD;
  out.number_concentration.assign(out.rows, kNaN);
  out.number_concentration_err = out.lwc = out.lwc_err = out.number_concentration;
  for (std::size_t row = 0; row < out.rows; ++row) {
    const double volume = out.sample_volume_cm3[row];
    if (!(volume > 0)) {
      continue;
    }
    for (std::size_t bin = 0; bin < out.bins; ++bin) {
      const double width = edges[bin + 1] - edges[bin];
      const double n = out.counts[row * out.bins + bin];
      const double round = out.counts_round[row * out.bins + bin];
      out.dNdD[row * out.bins + bin] = n / (volume * width);
      out.dNdD_err[row * out.bins + bin] = std::sqrt(n) / (volume * width);
      out.dNdD_round[row * out.bins + bin] = round / (volume * width);
      out.dNdD_irregular[row * out.bins + bin] = (n - round) / (volume * width);
    }
    const double n = out.particles[row];
    out.number_concentration[row] = n / volume;
    out.number_concentration_err[row] = std::sqrt(n) / volume;
    // g per cm³ of air → g m⁻³.
    out.lwc[row] = mass[row] / volume * kCm3PerM3;
    out.lwc_err[row] = std::sqrt(mass_squared[row]) / volume * kCm3PerM3;
  }
  return out;
}

}  // namespace holodet::products
