#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "holodet/simulate/particles.h"

namespace holodet::simulate {
namespace {

TEST(Population, RespectsRangesFrameAndSeparation) {
  PopulationSettings settings;
  settings.count = 40;
  settings.d_min_um = 20;
  settings.d_max_um = 120;
  settings.min_separation_um = 100;
  settings.ellipse_fraction = 0.5;
  std::mt19937_64 random(3);
  const Population population = draw_population(settings, 1024, 768, 2.96, 2.96, random);
  ASSERT_EQ(population.particles.size(), 40u);
  int ellipses = 0;
  for (std::size_t k = 0; k < population.particles.size(); ++k) {
    const SimParticle& p = population.particles[k];
    EXPECT_GE(p.d_um, 20);
    EXPECT_LE(p.d_um, 120);
    EXPECT_GE(p.z_um, settings.z_min_um);
    EXPECT_LE(p.z_um, settings.z_max_um);
    EXPECT_LE(std::abs(p.x_um) + p.major_um() / 2, 512 * 2.96 + 1e-9);
    EXPECT_LE(std::abs(p.y_um) + p.major_um() / 2, 384 * 2.96 + 1e-9);
    ellipses += p.aspect < 1;
    for (std::size_t m = 0; m < k; ++m) {
      const SimParticle& q = population.particles[m];
      EXPECT_GE(std::hypot(p.x_um - q.x_um, p.y_um - q.y_um), 100);
    }
  }
  EXPECT_GT(ellipses, 5);
  EXPECT_GT(population.gamma_n0, 0);
}

TEST(Population, SameSeedSameParticlesOtherSeedOthers) {
  PopulationSettings settings;
  std::mt19937_64 a(5), b(5), c(6);
  const auto first = draw_population(settings, 512, 512, 2.96, 2.96, a).particles;
  const auto second = draw_population(settings, 512, 512, 2.96, 2.96, b).particles;
  const auto third = draw_population(settings, 512, 512, 2.96, 2.96, c).particles;
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t k = 0; k < first.size(); ++k) {
    EXPECT_EQ(first[k].x_um, second[k].x_um);
    EXPECT_EQ(first[k].z_um, second[k].z_um);
  }
  EXPECT_NE(first[0].x_um, third[0].x_um);
}

TEST(Population, ImpossibleRequestsAreBadInput) {
  PopulationSettings crowded;
  crowded.count = 500;
  crowded.min_separation_um = 200;
  std::mt19937_64 random(1);
  EXPECT_THROW(draw_population(crowded, 128, 128, 2.96, 2.96, random), Error);
  PopulationSettings reversed;
  reversed.d_min_um = 100;
  reversed.d_max_um = 50;
  EXPECT_THROW(draw_population(reversed, 128, 128, 2.96, 2.96, random), Error);
}

}  // namespace
}  // namespace holodet::simulate
