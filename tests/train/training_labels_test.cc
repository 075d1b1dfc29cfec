#include "holodet/train/training_labels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "holodet/io/archive_reader.h"
#include "support/test_files.h"

namespace holodet::train {
namespace {

TEST(TrainingLabels, MasksTheSampleParticlesInFocusAtTheirDepth) {
  const io::ArchiveReader reader(test::samples_dir() / "synth_1024_b.nc");
  const io::ParticleTable table = reader.read_particles();
  const std::vector<simulate::SimParticle> particles = particles_of(table, 2);
  ASSERT_EQ(particles.size(), 25u);
  const PixelGrid grid{1024, 1024, 2.96, 2.96};
  for (const simulate::SimParticle& particle : particles) {
    const std::vector<std::uint8_t> mask = focus_mask(table, 2, grid, particle.z_um, 1.0);
    std::size_t on = 0;
    for (std::uint8_t value : mask) {
      on += value;
    }
    // Only this particle is within 1 µm of its own depth; its label has its area.
    const double area_px = std::numbers::pi * particle.d_um * particle.d_um / 4 / (2.96 * 2.96);
    EXPECT_NEAR(static_cast<double>(on), area_px, 0.15 * area_px + 6) << particle.d_um;
    const auto i = static_cast<std::size_t>(std::lround(grid.i_of_x(particle.x_um)));
    const auto j = static_cast<std::size_t>(std::lround(grid.j_of_y(particle.y_um)));
    EXPECT_EQ(mask[i * 1024 + j], 1);
  }
  const std::vector<std::uint8_t> none = focus_mask(table, 2, grid, 5000, 100);
  for (std::uint8_t value : none) {
    ASSERT_EQ(value, 0);  // nothing lies within 100 µm of 5 mm
  }
}

}  // namespace
}  // namespace holodet::train
