// A crop refocused on its own matches the whole field propagated, near the particle: what the
// sub-plane depth search relies on.
#include "holodet/propagate/crop_refocuser.h"

#include <gtest/gtest.h>

#include "holodet/core/error.h"
#include "holodet/propagate/propagator.h"
#include "propagation_fixtures.h"

namespace holodet::propagate {
namespace {

// An opaque disk of 8 µm radius at the centre of a 512² plane wave, propagated 2 mm: then a
// 128² crop of that plane is refocused by −2 mm ± 300 µm, and compared with the whole plane
// propagated there, over the middle 32² where the particle is.
TEST(CropRefocuser, MatchesTheWholeFieldNearTheParticle) {
  const std::size_t n = 512, crop_size = 128;
  PropagatorOptions options;
  options.size_x = n;
  options.size_y = n;
  options.settings.pad = PadMode::kEdgeMean;
  options.settings.min_padding_px = n / 2;
  options.fft_planning = FftPlanning::kEstimate;
  auto whole = make_propagator(options);
  const test::Field disk = test::disk_field(n, n, 8e-6 / options.settings.optics.pixel_pitch_x_m,
                                            /*opaque=*/true);
  whole->set_field({std::span<const std::complex<float>>(disk), n, n});
  const double anchor = 2e-3;
  PlaneBatch at_anchor;
  whole->propagate(std::span<const double>(&anchor, 1), kField, at_anchor);

  std::vector<std::complex<float>> crop(crop_size * crop_size);
  const std::size_t origin = n / 2 - crop_size / 2;
  for (std::size_t a = 0; a < crop_size; ++a) {
    std::copy_n(at_anchor.field.data() + (origin + a) * n + origin, crop_size,
                crop.data() + a * crop_size);
  }
  CropRefocuser refocuser(crop_size, options.settings.optics, FftPlanning::kEstimate);
  refocuser.set_crop(crop);
  std::vector<float> local;
  for (const double z : {1.7e-3, 2.0e-3, 2.3e-3, 0.0}) {
    refocuser.amplitude_at(z - anchor, local);
    whole->set_field({std::span<const std::complex<float>>(disk), n, n});
    PlaneBatch there;
    whole->propagate(std::span<const double>(&z, 1), kAmplitude, there);
    double worst = 0;
    for (std::size_t a = crop_size / 2 - 16; a < crop_size / 2 + 16; ++a) {
      for (std::size_t b = crop_size / 2 - 16; b < crop_size / 2 + 16; ++b) {
        const float expected = there.amplitude[(origin + a) * n + origin + b];
        worst = std::max(worst, static_cast<double>(std::abs(local[a * crop_size + b] - expected)));
      }
    }
    // In focus (z = 0) the disk is black and the background 1: a few percent is the part of
    // the particle's light the crop cut off 2 mm away.
    EXPECT_LT(worst, z == 0.0 ? 0.08 : 0.02) << "z = " << z;
  }
  // In focus the disk's centre is dark again: the crop holds the particle.
  refocuser.amplitude_at(-anchor, local);
  EXPECT_LT(local[(crop_size / 2) * crop_size + crop_size / 2], 0.2f);
}

// A scan's steps are field_at's fields, to float rounding.
TEST(CropRefocuser, AScanGivesWhatEachDepthGivesAlone) {
  const std::size_t size = 64;
  const test::Field crop = test::random_field(size, size, 5);
  CropRefocuser refocuser(size, Optics{}, FftPlanning::kEstimate);
  refocuser.set_crop(crop);
  std::vector<test::Field> scanned;
  refocuser.scan(-0.8e-3, 0.04e-3, 41, [&](std::size_t k, const test::Field& field) {
    EXPECT_EQ(k, scanned.size());
    scanned.push_back(field);
  });
  ASSERT_EQ(scanned.size(), 41u);
  test::Field alone;
  for (const std::size_t k : {0u, 7u, 20u, 40u}) {
    refocuser.field_at(-0.8e-3 + static_cast<double>(k) * 0.04e-3, alone);
    EXPECT_LT(test::relative_l2_error(scanned[k], alone), 1e-5) << k;
  }
}

TEST(CropRefocuser, RefusesACropOfAnotherSize) {
  CropRefocuser refocuser(64, Optics{}, FftPlanning::kEstimate);
  const std::vector<std::complex<float>> wrong(63 * 64);
  EXPECT_THROW(refocuser.set_crop(wrong), Error);
}

}  // namespace
}  // namespace holodet::propagate
