#include "holodet/products/particle_flags.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace holodet::products {
namespace {

// 1000 × 1000 px of 2 µm: the frame spans [-1001, 999] µm in x and y.
const SampleFrame kFrame{1000, 1000, 2, 2, 10000, 150000};

ProductSettings settings() {
  ProductSettings s = default_product_settings();
  s.edge_margin_um = 50;
  return s;
}

TEST(ParticleFlags, ParticlesCutByTheFrameOrInTheMarginAreFlagged) {
  io::ParticleTable table;
  table.append(1, 0, 0, 50000, 40);     // well inside
  table.append(1, -930, 0, 50000, 40);  // centre inside the usable area, not cut
  table.append(1, -960, 0, 50000, 20);  // centre in the margin
  table.append(1, 0, 920, 50000, 200);  // centre inside, disk past the frame's edge
  table.append(1, 0, 1200, 50000, 20);  // outside the frame altogether
  const ParticleFlags flags = flag_particles(table, kFrame, 1, settings());
  EXPECT_EQ(flags.flag,
            (std::vector<std::int32_t>{0, 0, kNearFrameEdge, kNearFrameEdge, kNearFrameEdge}));
  EXPECT_TRUE(flags.sites.empty());
}

// Random droplets in `holograms` holograms, and a speck at (300, -200) in `with_speck` of
// them (its apparent depth and size scattering as a detector's would).
io::ParticleTable droplets_and_a_speck(int holograms, int with_speck, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> place(-900, 900), depth(12000, 148000), size(10, 80);
  std::normal_distribution<float> jitter(0, 2), z_jitter(0, 1500);
  io::ParticleTable table;
  for (int hid = 1; hid <= holograms; ++hid) {
    for (int k = 0; k < 40; ++k) {
      table.append(hid, place(random), place(random), depth(random), size(random));
    }
    if (hid <= with_speck) {
      table.append(hid, 300 + jitter(random), -200 + jitter(random), 60000 + z_jitter(random),
                   45 + jitter(random));
    }
  }
  return table;
}

TEST(ParticleFlags, ASpeckInEveryHologramIsFlaggedEverywhereAndNoDropletIs) {
  const io::ParticleTable table = droplets_and_a_speck(12, 12, 3);
  const ParticleFlags flags = flag_particles(table, kFrame, 12, settings());
  std::size_t flagged = 0;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const bool speck = std::hypot(table.x_um[row] - 300, table.y_um[row] + 200) < 15;
    const bool recurring = (flags.flag[row] & kRecurringArtefact) != 0;
    EXPECT_EQ(recurring, speck) << "row " << row;
    flagged += recurring ? 1 : 0;
  }
  EXPECT_EQ(flagged, 12u);
  ASSERT_EQ(flags.sites.size(), 1u);
  EXPECT_NEAR(flags.sites[0].x_um, 300, 3);
  EXPECT_NEAR(flags.sites[0].y_um, -200, 3);
  EXPECT_EQ(flags.sites[0].holograms, 12);
  const std::vector<Footprint> footprints = site_footprints(flags.sites, settings());
  ASSERT_EQ(footprints.size(), 1u);
  EXPECT_NEAR(footprints[0].radius_um, flags.sites[0].d_um / 2 + settings().artefact_xy_um, 1e-9);
}

TEST(ParticleFlags, RecurringMeansMoreThanTheShareOfTheRun) {
  // A speck in 3 of 12 holograms is a quarter of the run: under the default 0.3, kept; in 4
  // of 12 (a third), flagged.
  const ParticleFlags fewer =
      flag_particles(droplets_and_a_speck(12, 3, 5), kFrame, 12, settings());
  EXPECT_TRUE(fewer.sites.empty());
  const ParticleFlags more = flag_particles(droplets_and_a_speck(12, 4, 5), kFrame, 12, settings());
  EXPECT_EQ(more.sites.size(), 1u);
  // Two holograms can never show recurrence: the minimum is three.
  const ParticleFlags pair = flag_particles(droplets_and_a_speck(2, 2, 5), kFrame, 2, settings());
  EXPECT_TRUE(pair.sites.empty());
}

}  // namespace
}  // namespace holodet::products
