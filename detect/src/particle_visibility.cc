#include "holodet/detect/particle_visibility.h"

#include <algorithm>
#include <cmath>

#include "holodet/core/pixel_grid.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/hologram_input.h"
#include "holodet/propagate/propagator.h"

namespace holodet::detect {
namespace {

// The particle's dip on its own plane (values [x][y], frame_x × frame_y).
ParticleVisibility measure_at(FrameView<const float> plane, double ci, double cj,
                              double radius_px) {
  const double ring_inner = radius_px + 3, ring_outer = ring_inner + std::max(6.0, radius_px);
  const auto reach = static_cast<long>(std::ceil(ring_outer)) + 1;
  const auto nx = static_cast<long>(plane.size_x), ny = static_cast<long>(plane.size_y);
  const auto i0 = static_cast<long>(std::lround(ci)), j0 = static_cast<long>(std::lround(cj));
  double inside_sum = 0, ring_sum = 0, ring_sum2 = 0;
  std::size_t inside = 0, ring = 0;
  float nearest = 0;
  double nearest_distance = INFINITY;
  for (long i = std::max(0L, i0 - reach); i <= std::min(nx - 1, i0 + reach); ++i) {
    for (long j = std::max(0L, j0 - reach); j <= std::min(ny - 1, j0 + reach); ++j) {
      const double distance = std::hypot(static_cast<double>(i) - ci, static_cast<double>(j) - cj);
      const double value = plane.values[static_cast<std::size_t>(i * ny + j)];
      if (distance < nearest_distance) {
        nearest_distance = distance;
        nearest = static_cast<float>(value);
      }
      if (distance <= radius_px) {
        inside_sum += value;
        ++inside;
      } else if (distance >= ring_inner && distance <= ring_outer) {
        ring_sum += value;
        ring_sum2 += value * value;
        ++ring;
      }
    }
  }
  ParticleVisibility result;
  if (ring < 2) {
    return result;  // the particle lies outside the frame: nothing to see
  }
  const double background = ring_sum / static_cast<double>(ring);
  const double variance =
      std::max(0.0, ring_sum2 / static_cast<double>(ring) - background * background);
  // A particle smaller than a pixel covers no pixel centre: its nearest pixel stands for it.
  const double mean_inside = inside > 0 ? inside_sum / static_cast<double>(inside) : nearest;
  if (background > 0) {
    result.contrast = static_cast<float>(1.0 - mean_inside / background);
    result.noise = static_cast<float>(std::sqrt(variance) / background);
  }
  return result;
}

}  // namespace

bool is_detectable(const ParticleVisibility& visibility, double min_snr) {
  return visibility.contrast > 0 && visibility.contrast > min_snr * visibility.noise;
}

void measure_hologram_visibility(PlaneWorkers& workers, std::size_t frame_x, std::size_t frame_y,
                                 double pitch_um, const io::ParticleTable& truth, int hid,
                                 std::size_t batch_planes,
                                 std::vector<ParticleVisibility>& visibility,
                                 const std::function<void()>& on_particle) {
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < truth.size(); ++row) {
    if (truth.hid[row] == hid) {
      rows.push_back(row);
    }
  }
  std::sort(rows.begin(), rows.end(),
            [&](std::size_t a, std::size_t b) { return truth.z_um[a] < truth.z_um[b]; });
  std::vector<double> z_m(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    z_m[k] = truth.z_um[rows[k]] * 1e-6;
  }
  const PixelGrid grid{frame_x, frame_y, pitch_um, pitch_um};
  const std::size_t batch_size = std::max<std::size_t>(1, batch_planes);
  const std::size_t items = (rows.size() + batch_size - 1) / batch_size;
  std::vector<propagate::PlaneBatch> batches(workers.size());
  SerialCallback particle_done(on_particle);
  workers.for_each(items, [&](std::size_t worker, std::size_t item) {
    const std::size_t first = item * batch_size;
    const std::size_t count = std::min(batch_size, rows.size() - first);
    propagate::PlaneBatch& batch = batches[worker];
    workers.propagator(worker).propagate(std::span<const double>(z_m).subspan(first, count),
                                         propagate::kAmplitude, batch);
    for (std::size_t p = 0; p < count; ++p) {
      const std::size_t row = rows[first + p];
      visibility[row] = measure_at(batch.amplitude_plane(p), grid.i_of_x(truth.x_um[row]),
                                   grid.j_of_y(truth.y_um[row]), truth.d_um[row] / 2 / pitch_um);
      particle_done();
    }
  });
}

std::vector<ParticleVisibility> measure_visibility(const std::filesystem::path& archive,
                                                   const io::ParticleTable& truth,
                                                   const config::Config& config,
                                                   const std::function<void()>& on_particle) {
  const io::HologramInput input(archive, config.requested_optics());
  const io::InputDescription& description = input.description();
  std::vector<int> hids(truth.hid.begin(), truth.hid.end());
  std::sort(hids.begin(), hids.end());
  hids.erase(std::unique(hids.begin(), hids.end()), hids.end());
  input.checked_ids(hids);  // every hologram with a particle is in the archive, before any work
  // Visibility needs only the planes: no network is loaded.
  PlaneWorkers workers = make_plane_workers(description.size_x, description.size_y, config,
                                            description.optics, choose_run_devices(config), {});
  std::vector<ParticleVisibility> visibility(truth.size());
  for (int hid : hids) {
    const io::Hologram hologram = input.read(hid);
    const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
    workers.set_hologram({std::span<const float>(counts), hologram.size_x, hologram.size_y});
    measure_hologram_visibility(
        workers, hologram.size_x, hologram.size_y, description.optics.pixel_pitch_x_m * 1e6, truth,
        hid, static_cast<std::size_t>(config.reconstruction.batch_planes), visibility, on_particle);
  }
  return visibility;
}

}  // namespace holodet::detect
