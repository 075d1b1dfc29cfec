// The plane workers: every item once, in ascending order per worker, failures rethrown; and
// the property the batch relies on: a hologram's particles do not depend on how many workers
// share its planes (bit for bit, the real FFT plans and the shipped model included).
#include "holodet/detect/plane_workers.h"

#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>

#include "holodet/detect/detector.h"
#include "holodet/io/archive_reader.h"
#include "holodet/propagate/plane_set.h"
#include "support/test_files.h"

namespace holodet::detect {
namespace {

config::Config workers_config(int workers) {
  config::Config config;
  config.runtime.device = "cpu";
  config.runtime.threads = 2;
  config.runtime.workers_per_device = workers;
  return config;
}

TEST(PlaneWorkers, EveryItemOnceAscendingPerWorker) {
  const config::Config config = workers_config(3);
  PlaneWorkers workers = make_plane_workers(64, 48, config, config.optics, DeviceChoice{}, nullptr);
  ASSERT_EQ(workers.size(), 3u);
  std::mutex mutex;
  std::vector<int> seen(100, 0);
  std::vector<std::vector<std::size_t>> by_worker(3);
  workers.for_each(100, [&](std::size_t worker, std::size_t item) {
    const std::lock_guard lock(mutex);
    ++seen[item];
    by_worker[worker].push_back(item);
  });
  EXPECT_EQ(seen, std::vector<int>(100, 1));
  for (const auto& items : by_worker) {
    EXPECT_TRUE(std::is_sorted(items.begin(), items.end()));
  }
}

TEST(PlaneWorkers, TheLowestFailingItemsErrorIsRethrown) {
  const config::Config config = workers_config(3);
  PlaneWorkers workers = make_plane_workers(64, 48, config, config.optics, DeviceChoice{}, nullptr);
  try {
    workers.for_each(50, [&](std::size_t, std::size_t item) {
      if (item == 5 || item == 7) {
        throw std::runtime_error("item " + std::to_string(item));
      }
    });
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "item 5");
  }
}

TEST(PlaneWorkers, PropagationBatchesShrinkToFitTheDeviceMemory) {
  constexpr std::size_t kGiB = std::size_t{1} << 30;
  // A full HOLODEC frame pads to 4900 × 3360: ~0.5 GB per plane in flight, 0.26 GB fixed.
  EXPECT_EQ(planes_that_fit(80 * kGiB, 2, 4872, 3248, 0, 8), 8u);  // an H100, two workers
  EXPECT_EQ(planes_that_fit(16 * kGiB, 4, 4872, 3248, 0, 8), 3u);  // 2 GiB each
  EXPECT_EQ(planes_that_fit(4 * kGiB, 4, 4872, 3248, 0, 8), 1u);   // never below one plane
  EXPECT_EQ(planes_that_fit(16 * kGiB, 1, 1024, 1024, 0, 8), 8u);
}

struct Sample {
  io::Hologram hologram;
  Optics optics;
  std::vector<double> z_m;
};

Sample sample_hologram() {
  io::ArchiveReader reader(test::samples_dir() / "holodec_fixture_512x384.nc");
  Sample sample{reader.read_hologram(2), config::Config{}.optics, {}};
  sample.z_m = propagate::holodec_planes(150, sample.optics.z_min_m, sample.optics.z_max_m);
  return sample;
}

TEST(PlaneWorkers, ClassicParticlesDoNotDependOnTheWorkerCount) {
  const Sample s = sample_hologram();
  io::ParticleTable found[2];
  std::size_t planes_seen[2] = {0, 0};
  std::size_t steps[2] = {0, 0};
  for (int run = 0; run < 2; ++run) {
    const config::Config config = workers_config(run == 0 ? 1 : 3);
    const auto detector = make_detector(Method::kClassic, config, s.optics, s.hologram.size_x,
                                        s.hologram.size_y, DeviceChoice{});
    steps[run] = detector->plane_steps(s.z_m);
    found[run] = detector->detect(s.hologram, s.z_m, [&] { ++planes_seen[run]; }).particles;
  }
  EXPECT_GT(found[0].size(), 5u);
  // Both passes, pass 1 with its guard planes.
  EXPECT_GT(steps[0], 2 * s.z_m.size());
  EXPECT_EQ(planes_seen[0], steps[0]);
  EXPECT_EQ(planes_seen[1], steps[0]);
  EXPECT_EQ(steps[1], steps[0]);
  test::expect_same_particles(found[0], found[1]);
}

TEST(PlaneWorkers, UnetParticlesDoNotDependOnTheWorkerCount) {
  const Sample s = sample_hologram();
  io::ParticleTable found[2];
  std::size_t passes[2] = {0, 0};
  for (int run = 0; run < 2; ++run) {
    const config::Config config = workers_config(run == 0 ? 1 : 3);
    const auto detector = make_detector(Method::kUnet, config, s.optics, s.hologram.size_x,
                                        s.hologram.size_y, DeviceChoice{});
    const Detection detection = detector->detect(s.hologram, s.z_m);
    found[run] = detection.particles;
    passes[run] = detection.counts.work_items;
  }
  EXPECT_GE(found[0].size(), 3u);
  EXPECT_GT(passes[0], 0u);
  EXPECT_EQ(passes[0], passes[1]);
  test::expect_same_particles(found[0], found[1]);
}

}  // namespace
}  // namespace holodet::detect
