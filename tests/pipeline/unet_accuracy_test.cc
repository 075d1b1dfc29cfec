// The shipped model on the committed synthetic samples, scored by holodet's own evaluator with
// the reference's rules, against the classic detector on the same holograms and planes. The
// figures in docs/ACCURACY.md come from every sample hologram at 1000 planes; this test runs
// two holograms (a CI budget) and holds the model to the bar: F1 ≥ 0.9 at the loose
// tolerance, and a better F1 than the classic detector at the strict one.
#include <gtest/gtest.h>

#include "holodet/evaluate/scores.h"
#include "holodet/io/archive_reader.h"
#include "holodet/pipeline/detect_job.h"
#include "support/test_files.h"

namespace holodet::pipeline {
namespace {

constexpr const char* kPlanes = "1000";

io::ParticleTable detect(const std::string& method, const std::vector<int>& hids) {
  Config config;
  apply_override(config, "reconstruction.planes", kPlanes, "test");
  DetectRequest request;
  request.input = test::samples_dir() / "synth_1024_a.nc";
  request.hids = hids;
  request.method = method;
  request.quiet = true;
  return run_detect(request, config).particles;
}

TEST(UnetDetector, ShippedModelFindsTheSampleParticlesAndBeatsClassicAtTheStrictTolerance) {
  const std::vector<int> hids = {2, 5};
  const io::ParticleTable unet = detect("unet", hids);
  const io::ParticleTable classic = detect("classic", hids);
  const io::ParticleTable all =
      io::ArchiveReader(test::samples_dir() / "synth_1024_a.nc").read_particles();
  io::ParticleTable truth = all.for_hologram(hids[0]);
  truth.append_rows(all.for_hologram(hids[1]));

  const evaluate::Scores loose = evaluate::score_detections(truth, unet, {100, 2000});
  EXPECT_GE(loose.overall.f1, 0.9)
      << "TP " << loose.overall.true_positives << " FP " << loose.overall.false_positives << " FN "
      << loose.overall.false_negatives;
  const evaluate::Scores strict_unet = evaluate::score_detections(truth, unet, {50, 360});
  const evaluate::Scores strict_classic = evaluate::score_detections(truth, classic, {50, 360});
  EXPECT_GT(strict_unet.overall.f1, strict_classic.overall.f1);
}

}  // namespace
}  // namespace holodet::pipeline
