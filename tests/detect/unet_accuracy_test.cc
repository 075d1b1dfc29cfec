// The shipped model on the committed synthetic samples, scored by holodet's own evaluator with
// the reference's rules, against the classic detector on the same holograms and planes. The
// figures in docs/ACCURACY.md come from both sample files at 1000 planes; this test runs the
// smaller one, synth_1024_b (3 holograms, 75 particles, 30 % ice; a CI budget of about three
// minutes), whole, and holds the model to the bar there: F1 ≥ 0.9 at the loose
// tolerance, and a better F1 than the classic detector at the strict one. (Two holograms picked
// from synth_1024_a would not do: on 2 and 5 the classic detector is ahead at the strict
// tolerance, 0.775 against 0.75, while over all six it is far behind, 0.563 against 0.737.)
#include <gtest/gtest.h>

#include "holodet/evaluate/scores.h"
#include "holodet/io/archive_reader.h"
#include "sample_detection.h"
#include "support/test_files.h"

namespace holodet::detect {
namespace {

constexpr const char* kPlanes = "1000";

const char* const kSample = "synth_1024_b.nc";

io::ParticleTable detect(Method method) {
  config::Config config;
  config::apply_override(config, "reconstruction.planes", kPlanes, "test");
  return particles_in_sample(test::samples_dir() / kSample, method, config);
}

TEST(UnetDetector, ShippedModelFindsTheSampleParticlesAndBeatsClassicAtTheStrictTolerance) {
  const io::ParticleTable unet = detect(Method::kUnet);
  const io::ParticleTable classic = detect(Method::kClassic);
  const io::ParticleTable truth = io::ArchiveReader(test::samples_dir() / kSample).read_particles();

  const evaluate::Scores loose = evaluate::score_detections(truth, unet, {100, 2000});
  EXPECT_GE(loose.overall.f1, 0.9)
      << "TP " << loose.overall.true_positives << " FP " << loose.overall.false_positives << " FN "
      << loose.overall.false_negatives;
  const evaluate::Scores strict_unet = evaluate::score_detections(truth, unet, {50, 360});
  const evaluate::Scores strict_classic = evaluate::score_detections(truth, classic, {50, 360});
  EXPECT_GT(strict_unet.overall.f1, strict_classic.overall.f1)
      << "unet " << strict_unet.overall.f1 << " classic " << strict_classic.overall.f1;
}

}  // namespace
}  // namespace holodet::detect
