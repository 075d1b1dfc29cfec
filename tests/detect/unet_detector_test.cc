// The U-Net detection path with a stand-in model whose answer is known: a TorchScript module
// (made here with define()) that calls a pixel "particle" where the amplitude is below 0.6.
// It is not focus-aware, so these tests pin the plumbing (work items, tiles, stitching,
// windows, detections, clustering, coordinates), not the trained network's accuracy.
#include "holodet/detect/unet_detector.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <functional>

#include "holodet/config/config.h"
#include "holodet/core/error.h"
#include "holodet/detect/detector.h"
#include "holodet/detect/method.h"
#include "holodet/detect/model_files.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/detect/volume_guard.h"
#include "holodet/evaluate/scores.h"
#include "holodet/io/archive_reader.h"
#include "holodet/propagate/plane_set.h"
#include "support/test_files.h"

namespace holodet::detect {
namespace {

std::filesystem::path darkness_model_file(const test::TempDir& dir) {
  torch::jit::Module module("Darkness");
  // Input (amplitude − 1) · 2; amplitude 0.6 is −0.8.
  module.define("def forward(self, x):\n  return (-0.8 - x[:, 0:1]) * 20.0\n");
  module.save((dir / "dark.pt").string(), {{"holodet.yaml", segment::to_yaml_text({})}});
  return dir / "dark.pt";
}

segment::Segmenter darkness_model(const test::TempDir& dir) {
  return load_segmenter(darkness_model_file(dir), {});
}

// A stand-in that marks nothing, for the crowded frames: which model ran shows in the result.
std::filesystem::path blank_model_file(const test::TempDir& dir,
                                       const segment::ModelInfo& info = {}) {
  torch::jit::Module module("Blank");
  module.define("def forward(self, x):\n  return x[:, 0:1] * 0.0 - 20.0\n");
  module.save((dir / "blank.pt").string(), {{"holodet.yaml", segment::to_yaml_text(info)}});
  return dir / "blank.pt";
}

struct FixtureRun {
  UnetResult result;
  io::ParticleTable truth;
};

// With `blank_when_crowded`, crowded frames run blank_model_file's model.
FixtureRun detect_sample(const std::string& name, bool dense, std::size_t planes,
                         Backend backend = Backend::kCpu,
                         const std::function<void(UnetSettings&)>& adjust = {},
                         bool blank_when_crowded = false) {
  test::TempDir dir;
  const auto path = test::samples_dir() / name;
  io::ArchiveReader reader(path);
  const io::Hologram hologram = reader.read_hologram(1);
  config::Config config;
  Optics optics = config.optics;
  optics.z_min_m = 0.014;
  optics.z_max_m = 0.158;
  const std::vector<double> z_m = propagate::holodec_planes(planes, optics.z_min_m, optics.z_max_m);
  DeviceChoice devices;
  devices.backend = backend;
  auto propagator = make_run_propagator(hologram.size_x, hologram.size_y, config, optics, devices);
  segment::Segmenter model = darkness_model(dir);
  segment::Segmenter blank = load_segmenter(blank_model_file(dir), {});
  PlaneWorkers workers(*propagator, &model, blank_when_crowded ? &blank : nullptr);
  UnetSettings settings;
  settings.dense = dense;
  settings.cluster.depth = cluster::DepthEstimate::kScoreWeighted;
  settings.cluster.z_distance_um = 3000;
  // The stand-in model marks every dark pixel: hundreds of "particles" whose depths are not the
  // subject here (depth_refinement_test.cc is).
  settings.depth.enabled = false;
  if (adjust) {
    adjust(settings);
  }
  std::size_t plane_calls = 0;
  FixtureRun run{blank_when_crowded
                     ? detect_unet(hologram, optics, z_m, workers, settings, [&] { ++plane_calls; })
                     : detect_unet(hologram, optics, z_m, *propagator, model, settings,
                                   [&] { ++plane_calls; }),
                 reader.read_particles().for_hologram(1)};
  // Each plane once per pass, pass 1 (candidates) with the guard planes outside the volume.
  const std::size_t guards = guard_planes(optics, settings.window_guard_step_um, z_m).size();
  EXPECT_EQ(plane_calls, dense ? planes : 2 * planes + guards);
  EXPECT_GT(plane_calls, dense ? planes - 1 : 2 * planes + 20);
  return run;
}

TEST(UnetDetector, CandidateWindowsFindTheSampleParticles) {
  const FixtureRun run = detect_sample("synth_1024_a.nc", false, 120);
  EXPECT_GT(run.result.candidates, 30u);
  // Windows only at the planes within ±2 mm of each candidate's depth: a fraction of all.
  EXPECT_LT(run.result.work_items, run.result.candidates * 120 / 4);
  EXPECT_EQ(run.result.tile_pixels, 128u * 128u);
  const evaluate::Scores scores =
      evaluate::score_detections(run.truth, run.result.particles, {100, 4000});
  EXPECT_GE(scores.overall.pod, 0.7)
      << "found " << scores.overall.true_positives << " of " << run.truth.size();
  EXPECT_LT(scores.overall.x.rmse_um, 10);
  EXPECT_LT(scores.overall.y.rmse_um, 10);
}

TEST(UnetDetector, DenseTilesCoverFramesSmallerThanATile) {
  // 512 × 384 against 512 px tiles: one tile per plane, edge-padded along y, stitched back.
  // The fixture's deep particles spread their fringes beyond its small frame; the classic
  // detector finds 6 of the 12 too.
  const FixtureRun run = detect_sample("holodec_fixture_512x384.nc", true, 20);
  EXPECT_EQ(run.result.work_items, 20u);
  EXPECT_EQ(run.result.tile_pixels, 512u * 512u);
  const evaluate::Scores scores =
      evaluate::score_detections(run.truth, run.result.particles, {100, 1e9});
  EXPECT_GE(scores.overall.pod, 0.4)
      << "found " << scores.overall.true_positives << " of " << run.truth.size();
}

// The GPU pipeline with its kernels on the host: the network reads the propagator's tiles in
// place and gives back sparse masks. The same particles as the CPU path, to float rounding.
void expect_same_particles(const io::ParticleTable& a, const io::ParticleTable& b,
                           double plane_spacing_um) {
  test::expect_nearly_same_particles(a, b, 0.5, plane_spacing_um, 1.0);
}

TEST(UnetDetector, CpuKernelsFindTheCpuParticlesInCandidateWindows) {
  const FixtureRun cpu = detect_sample("synth_1024_a.nc", false, 120);
  const FixtureRun kernels = detect_sample("synth_1024_a.nc", false, 120, Backend::kCpuKernels);
  EXPECT_EQ(kernels.result.work_items, cpu.result.work_items);
  EXPECT_GT(kernels.result.mask_pixels, 0u);
  expect_same_particles(kernels.result.particles, cpu.result.particles, 144000.0 / 119);
}

TEST(UnetDetector, CpuKernelsFindTheCpuParticlesInStitchedDenseTiles) {
  // 1024²: four 512 px tiles per plane, read from the propagator's buffer and stitched.
  const FixtureRun cpu = detect_sample("synth_1024_a.nc", true, 12);
  const FixtureRun kernels = detect_sample("synth_1024_a.nc", true, 12, Backend::kCpuKernels);
  EXPECT_EQ(kernels.result.work_items, 4u * 12u);
  expect_same_particles(kernels.result.particles, cpu.result.particles, 144000.0 / 11);
}

// The plan per hologram (unet.work_items=auto): windows while they are cheaper in network
// pixels, dense tiles once they are not.
TEST(UnetDetector, AutoChoosesThePlanWithFewerNetworkPixels) {
  // The measured 1024² case of docs/PERFORMANCE.md: 4 244 windows of 128² against 4 000 tiles.
  EXPECT_FALSE(dense_is_cheaper(4244, 128, 1000, 4, 512));
  // 2 300 candidates of 28 windows each cost about as much as the dense plan; 2 400 more.
  EXPECT_FALSE(dense_is_cheaper(2200 * 28, 128, 1000, 4, 512));
  EXPECT_TRUE(dense_is_cheaper(2400 * 28, 128, 1000, 4, 512));

  const FixtureRun windows = detect_sample("synth_1024_a.nc", false, 40, Backend::kCpu,
                                           [](UnetSettings& s) { s.dense_when_cheaper = true; });
  EXPECT_FALSE(windows.result.dense);
  EXPECT_EQ(windows.result.tile_pixels, 128u * 128u);
  // Windows as large as a tile, on every plane: 30-odd candidates cost more than 4 tiles.
  const FixtureRun crowded =
      detect_sample("synth_1024_a.nc", false, 40, Backend::kCpu, [](UnetSettings& s) {
        s.dense_when_cheaper = true;
        s.window_px = 512;
        s.depth_window_um = 1e6;
      });
  EXPECT_GT(crowded.result.candidates, 4u);
  EXPECT_TRUE(crowded.result.dense);
  EXPECT_EQ(crowded.result.work_items, 4u * 40u);
  EXPECT_EQ(crowded.result.tile_pixels, 512u * 512u);
  EXPECT_GT(crowded.result.particles.size(), 10u);
}

// unet.crowded_model: a frame the dark-spot count calls crowded runs the crowded frames'
// model, a sparse one the other; on the host and through the propagator's kernels, which write
// the tiles for the model that runs.
TEST(UnetDetector, CrowdedFramesRunTheCrowdedFramesModel) {
  const auto bar = [](double spots_per_mpx) {
    return [spots_per_mpx](UnetSettings& s) {
      s.spots.crowded_per_mpx = spots_per_mpx;
      s.spots.crowded_clutter = 1e9;  // the count alone decides here
    };
  };
  for (const Backend backend : {Backend::kCpu, Backend::kCpuKernels}) {
    const FixtureRun sparse = detect_sample("synth_1024_a.nc", false, 40, backend, bar(1e6), true);
    EXPECT_FALSE(sparse.result.crowded);
    EXPECT_GT(sparse.result.particles.size(), 10u);
    const FixtureRun crowded = detect_sample("synth_1024_a.nc", false, 40, backend, bar(1), true);
    EXPECT_TRUE(crowded.result.crowded);
    EXPECT_GT(crowded.result.work_items, 0u);
    EXPECT_EQ(crowded.result.mask_pixels, 0u);
    EXPECT_EQ(crowded.result.particles.size(), 0u);
  }
}

// The run's model label names both files; a crowded frames' model that takes other inputs is
// refused before any work, naming its file.
TEST(UnetDetector, TheCrowdedFramesModelIsNamedAndMustTakeTheSameInputs) {
  test::TempDir dir;
  config::Config config;
  config.unet.model = darkness_model_file(dir).string();
  config.unet.crowded_model = blank_model_file(dir).string();
  const Optics optics = config.optics;
  const DeviceChoice devices;
  const auto detector = make_detector(Method::kUnet, config, optics, 1024, 1024, devices);
  EXPECT_NE(detector->model().find("dark.pt"), std::string::npos) << detector->model();
  EXPECT_NE(detector->model().find("; crowded frames: blank.pt"), std::string::npos)
      << detector->model();
  EXPECT_NE(model_label(Method::kUnet, config).find("; crowded frames: blank.pt ("),
            std::string::npos)
      << model_label(Method::kUnet, config);

  segment::ModelInfo phase;
  phase.channels = {"amplitude", "phase"};
  phase.unet.in_channels = 2;
  config.unet.crowded_model = blank_model_file(dir, phase).string();
  try {
    make_detector(Method::kUnet, config, optics, 1024, 1024, devices);
    ADD_FAILURE() << "a crowded frames' model with a phase channel was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("blank.pt: unet.crowded_model"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("channels amplitude,phase"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace holodet::detect
