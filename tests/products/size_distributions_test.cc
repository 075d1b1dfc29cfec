#include "holodet/products/size_distributions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "holodet/core/error.h"
#include "holodet/products/microphysics.h"

namespace holodet::products {
namespace {

ProductSettings three_bins() {
  ProductSettings settings = default_product_settings();
  settings.size_bin_edges_um = {10, 20, 40, 100};
  return settings;
}

TEST(SizeDistributions, CountsConcentrationsAndLwcMatchAHandComputation) {
  io::ParticleTable table;
  table.append(1, 0, 0, 30000, 15);   // bin 0
  table.append(1, 0, 0, 30000, 30);   // bin 1
  table.append(1, 0, 0, 30000, 35);   // bin 1, irregular
  table.append(1, 0, 0, 30000, 120);  // beyond the last edge: not counted
  table.append(1, 0, 0, 30000, 25);   // flagged: not counted
  table.append(2, 0, 0, 30000, 50);   // bin 2, hologram 2
  table.append(3, 0, 0, 30000, 50);   // hologram 3 failed: not counted
  const std::int32_t flags[] = {0, 0, 0, 0, 1, 0, 0};
  const float aspect[] = {1.0f, 1.1f, 2.0f, 1.0f, 1.0f, 1.0f, 1.0f};
  // Holograms 1 and 3 crowded; 3 failed, so only 1 counts as a crowded hologram summed.
  const RowAssignment rows{{1, 2, 3}, {true, true, false}, {0, 1, 2}, 3, {true, false, true}};
  const double volume = 20;  // cm³ per hologram
  const Distributions d = sum_distributions(table, flags, aspect, rows, volume, three_bins());
  EXPECT_EQ(d.holograms_crowded, (std::vector<std::int32_t>{1, 0, 0}));
  const RowAssignment not_known{{1, 2, 3}, {true, true, false}, {0, 1, 2}, 3, {}};
  EXPECT_EQ(
      sum_distributions(table, flags, aspect, not_known, volume, three_bins()).holograms_crowded,
      (std::vector<std::int32_t>{0, 0, 0}));
  ASSERT_EQ(d.rows, 3u);
  ASSERT_EQ(d.bins, 3u);
  EXPECT_EQ(d.counts, (std::vector<std::int32_t>{1, 2, 0, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(d.counts_round, (std::vector<std::int32_t>{1, 1, 0, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(d.holograms, (std::vector<std::int32_t>{1, 1, 0}));
  EXPECT_EQ(d.particles, (std::vector<std::int32_t>{3, 1, 0}));
  // dN/dD = n / (V dD); its Poisson error sqrt(n) / (V dD).
  EXPECT_DOUBLE_EQ(d.dNdD[0], 1.0 / (20 * 10));
  EXPECT_DOUBLE_EQ(d.dNdD[1], 2.0 / (20 * 20));
  EXPECT_DOUBLE_EQ(d.dNdD_err[1], std::sqrt(2.0) / (20 * 20));
  EXPECT_DOUBLE_EQ(d.dNdD_round[1], 1.0 / (20 * 20));
  EXPECT_DOUBLE_EQ(d.dNdD_irregular[1], 1.0 / (20 * 20));
  EXPECT_DOUBLE_EQ(d.dNdD[5], 1.0 / (20 * 60));
  EXPECT_DOUBLE_EQ(d.number_concentration[0], 3.0 / 20);
  EXPECT_DOUBLE_EQ(d.number_concentration_err[0], std::sqrt(3.0) / 20);
  // LWC of the round ones, 15 and 30 µm water spheres, in 20 cm³: g cm⁻³ × 1e6 = g m⁻³.
  const double m15 = std::numbers::pi / 6 * std::pow(15e-4, 3);
  const double m30 = std::numbers::pi / 6 * std::pow(30e-4, 3);
  EXPECT_DOUBLE_EQ(water_sphere_grams(15), m15);
  EXPECT_NEAR(d.lwc[0], (m15 + m30) / 20 * 1e6, 1e-15);
  EXPECT_NEAR(d.lwc_err[0], std::sqrt(m15 * m15 + m30 * m30) / 20 * 1e6, 1e-15);
  // A 30 µm droplet in 20 cm³ is 0.7 mg m⁻³: the scale checks the units.
  EXPECT_NEAR(m30 / 20 * 1e6, 7.07e-4, 1e-6);
  // The failed hologram: no volume, so no concentration at all (not zero).
  EXPECT_DOUBLE_EQ(d.sample_volume_cm3[2], 0);
  EXPECT_TRUE(std::isnan(d.number_concentration[2]));
  EXPECT_TRUE(std::isnan(d.dNdD[6]));
}

TEST(SizeDistributions, WithoutShapesEveryParticleCountsAsRound) {
  io::ParticleTable table;
  table.append(1, 0, 0, 30000, 15);
  table.append(1, 0, 0, 30000, 30);
  const std::int32_t flags[] = {0, 0};
  const RowAssignment rows{{1}, {true}, {0}, 1, {}};
  const Distributions d = sum_distributions(table, flags, {}, rows, 10, three_bins());
  EXPECT_EQ(d.counts_round, d.counts);
  EXPECT_DOUBLE_EQ(d.lwc[0], (water_sphere_grams(15) + water_sphere_grams(30)) / 10 * 1e6);
}

// The test: on a synthetic run whose particles are known, the total concentration is
// exactly the true particles in the usable volume over that volume.
TEST(Microphysics, TotalConcentrationIsTheTrueParticlesInTheUsableVolumeOverIt) {
  const SampleFrame frame{1024, 768, 2.96, 2.96, 14000, 158000};
  ProductSettings settings = default_product_settings();
  settings.edge_margin_um = 100;
  std::mt19937 random(11);
  const UsableArea whole = frame_area(frame);
  std::uniform_real_distribution<float> x(static_cast<float>(whole.x_min),
                                          static_cast<float>(whole.x_max));
  std::uniform_real_distribution<float> y(static_cast<float>(whole.y_min),
                                          static_cast<float>(whole.y_max));
  std::uniform_real_distribution<float> z(14000, 158000), d(12, 150);
  io::ParticleTable table;
  RunHolograms holograms;
  for (int hid = 1; hid <= 5; ++hid) {
    for (int k = 0; k < 200; ++k) {
      table.append(hid, x(random), y(random), z(random), d(random));
    }
    holograms.hid.push_back(hid);
    holograms.ok.push_back(true);
    holograms.crowded.push_back(hid % 2 == 0);
  }
  const Products products = make_products(table, holograms, frame, settings);
  EXPECT_EQ(products.rows.holograms_crowded, (std::vector<std::int32_t>{0, 1, 0, 1, 0}));
  EXPECT_EQ(products.run.holograms_crowded, (std::vector<std::int32_t>{2}));
  // By hand: inside the frame less 100 µm, and the disk inside the frame.
  const UsableArea usable = usable_area(frame, 100);
  std::vector<int> inside(5, 0);
  for (std::size_t row = 0; row < table.size(); ++row) {
    const double r = table.d_um[row] / 2;
    const bool counted = usable.contains(table.x_um[row], table.y_um[row]) &&
                         table.x_um[row] - r >= whole.x_min && table.x_um[row] + r <= whole.x_max &&
                         table.y_um[row] - r >= whole.y_min && table.y_um[row] + r <= whole.y_max;
    inside[static_cast<std::size_t>(table.hid[row] - 1)] += counted ? 1 : 0;
  }
  const double volume_cm3 = usable.area_um2() * (158000 - 14000) / 1e12;
  EXPECT_DOUBLE_EQ(products.volume.volume_cm3, volume_cm3);
  int total = 0;
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(products.rows.particles[k], inside[k]);
    EXPECT_DOUBLE_EQ(products.rows.number_concentration[k], inside[k] / volume_cm3);
    total += inside[k];
  }
  EXPECT_LT(total, 1000);  // the margin took some
  EXPECT_GT(total, 700);
  EXPECT_DOUBLE_EQ(products.run.number_concentration[0], total / (5 * volume_cm3));
  EXPECT_FALSE(products.per_interval);
  // Asking for intervals without times is refused.
  settings.interval_s = 1;
  EXPECT_THROW(make_products(table, holograms, frame, settings), Error);
}

}  // namespace
}  // namespace holodet::products
