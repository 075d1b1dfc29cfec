#include "holodet/detect/classic_detector.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <queue>

#include "holodet/cluster/shape_moments.h"
#include "holodet/core/pixel_grid.h"
#include "holodet/core/timing.h"
#include "holodet/detect/volume_guard.h"
#include "holodet/propagate/min_projection.h"
#include "minimum_pass.h"

namespace holodet::detect {
namespace {

// One candidate's focus search: its window, core pixels, curve and best window so far.
struct FocusSearch {
  std::size_t i0 = 0, i1 = 0, j0 = 0, j1 = 0;  // window, [begin, end)
  std::vector<std::size_t> core;               // flat frame indices of the candidate's pixels
  bool touches_border = false;
  std::vector<float> curve;        // mean core amplitude per plane
  std::vector<float> best_window;  // amplitude in the window at the best plane
  float best_value = INFINITY;

  std::size_t width() const { return j1 - j0; }
};

// Streams the planes in batches over the workers; use(worker, plane index, plane) sees each
// plane once, on the worker that propagated it.
void run_planes(PlaneWorkers& workers, std::span<const double> z_m, std::size_t batch_size,
                const std::function<void(std::size_t, std::size_t, FrameView<const float>)>& use,
                SerialCallback& on_plane) {
  std::vector<propagate::PlaneBatch> batches(workers.size());
  const std::size_t items = (z_m.size() + batch_size - 1) / batch_size;
  workers.for_each(items, [&](std::size_t worker, std::size_t item) {
    const std::size_t first = item * batch_size;
    const std::size_t count = std::min(batch_size, z_m.size() - first);
    propagate::PlaneBatch& batch = batches[worker];
    workers.propagator(worker).propagate(z_m.subspan(first, count), propagate::kAmplitude, batch);
    for (std::size_t p = 0; p < count; ++p) {
      use(worker, first + p, batch.amplitude_plane(p));
      on_plane();
    }
  });
}

// A candidate's best plane so far as one worker saw it.
struct BestWindow {
  float value = INFINITY;
  std::size_t plane = 0;
  std::vector<float> window;
};

// Median of the window's border pixels: the local background at the best plane.
float border_median(const std::vector<float>& window, std::size_t rows, std::size_t cols) {
  std::vector<float> border;
  for (std::size_t a = 0; a < rows; ++a) {
    for (std::size_t b = 0; b < cols; ++b) {
      if (a == 0 || b == 0 || a + 1 == rows || b + 1 == cols) {
        border.push_back(window[a * cols + b]);
      }
    }
  }
  const auto middle = border.begin() + static_cast<std::ptrdiff_t>(border.size() / 2);
  std::nth_element(border.begin(), middle, border.end());
  return *middle;
}

struct FocusedRegion {
  double i = 0, j = 0;  // centroid, frame pixels
  std::size_t area = 0;
  float floor = 0;
  double aspect_ratio = 1;
};

// The 4-connected region around the window's darkest core pixel that is darker than half-way
// between that floor and the `background`: the particle at its best focus.
FocusedRegion focused_region(const FocusSearch& search, float background, std::size_t frame_y,
                             const PixelGrid& grid) {
  const std::size_t rows = search.i1 - search.i0, cols = search.width();
  std::size_t seed = 0;
  float floor = INFINITY;
  for (std::size_t flat : search.core) {
    const std::size_t a = flat / frame_y - search.i0, b = flat % frame_y - search.j0;
    if (search.best_window[a * cols + b] < floor) {
      floor = search.best_window[a * cols + b];
      seed = a * cols + b;
    }
  }
  const float threshold = (background + floor) / 2;
  FocusedRegion region;
  region.floor = floor;
  std::vector<bool> seen(rows * cols, false);
  std::queue<std::size_t> queue;
  queue.push(seed);
  seen[seed] = true;
  double sum_a = 0, sum_b = 0;
  cluster::ShapeMoments shape;
  while (!queue.empty()) {
    const std::size_t at = queue.front();
    queue.pop();
    const std::size_t a = at / cols, b = at % cols;
    sum_a += static_cast<double>(a);
    sum_b += static_cast<double>(b);
    shape.add(static_cast<double>(a), static_cast<double>(b));
    ++region.area;
    const std::size_t neighbours[4][2] = {{a - 1, b}, {a + 1, b}, {a, b - 1}, {a, b + 1}};
    for (const auto& [na, nb] : neighbours) {
      if (na < rows && nb < cols && !seen[na * cols + nb] &&
          search.best_window[na * cols + nb] < threshold) {
        seen[na * cols + nb] = true;
        queue.push(na * cols + nb);
      }
    }
  }
  region.i = static_cast<double>(search.i0) + sum_a / static_cast<double>(region.area);
  region.j = static_cast<double>(search.j0) + sum_b / static_cast<double>(region.area);
  region.aspect_ratio = shape.aspect_ratio(grid.pitch_x_um, grid.pitch_y_um);
  return region;
}

// Sub-plane depth: the vertex of the parabola through the curve's minimum and its neighbours.
// (The minimum itself beat the centre of the dip around it on the samples: a large particle's
// dip is lopsided, its far side staying dark longer.)
double refined_depth(const std::vector<float>& curve, std::span<const double> z_m, std::size_t k) {
  if (k == 0 || k + 1 >= curve.size()) {
    return z_m[k];
  }
  const double left = curve[k - 1], centre = curve[k], right = curve[k + 1];
  const double denominator = left - 2 * centre + right;
  if (!(denominator > 0)) {
    return z_m[k];
  }
  const double offset = std::clamp(0.5 * (left - right) / denominator, -0.5, 0.5);
  const double step = offset > 0 ? z_m[k + 1] - z_m[k] : z_m[k] - z_m[k - 1];
  return z_m[k] + offset * step;
}

}  // namespace

ClassicResult detect_classic(const io::Hologram& hologram, const Optics& optics,
                             std::span<const double> z_m, propagate::Propagator& propagator,
                             const ClassicSettings& settings,
                             const std::function<void()>& on_plane) {
  PlaneWorkers workers(propagator);
  return detect_classic(hologram, optics, z_m, workers, settings, on_plane);
}

ClassicResult detect_classic(const io::Hologram& hologram, const Optics& optics,
                             std::span<const double> z_m, PlaneWorkers& workers,
                             const ClassicSettings& settings,
                             const std::function<void()>& on_plane) {
  SerialCallback plane_done(on_plane);
  ClassicResult result;
  result.particles.extra = {{"contrast", "1", {}}, {"area_px", "1", {}}, {"aspect_ratio", "1", {}}};
  const std::size_t nx = hologram.size_x, ny = hologram.size_y;
  const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
  const std::size_t batch = std::max<std::size_t>(1, settings.batch_planes);

  // Pass 1: the projection, then the candidates.
  auto start = Clock::now();
  workers.set_hologram({std::span<const float>(counts), nx, ny});
  result.spectrum_seconds = seconds_since(start);
  start = Clock::now();
  const std::vector<double> pass1_z =
      with_guard(z_m, guard_planes(optics, settings.window_guard_step_um, z_m));
  const propagate::MinimumProjection projection =
      project_minimum(workers, pass1_z, batch, plane_done);
  result.propagation_seconds += seconds_since(start);
  start = Clock::now();
  const cluster::DarkSpots found = cluster::find_dark_spots(
      {std::span<const float>(projection.minimum()), nx, ny}, settings.spots);
  const std::vector<cluster::DarkSpot>& spots = found.spots;
  result.candidates = spots.size();
  result.crowded = found.crowded;
  std::vector<FocusSearch> searches;
  for (const cluster::DarkSpot& spot : spots) {
    if (spot.touches_border) {
      ++result.rejected.border;
      continue;
    }
    const std::size_t margin =
        settings.window_margin_px + std::max(spot.i_end - spot.i_begin, spot.j_end - spot.j_begin);
    FocusSearch search;
    search.i0 = spot.i_begin > margin ? spot.i_begin - margin : 0;
    search.i1 = std::min(nx, spot.i_end + margin);
    search.j0 = spot.j_begin > margin ? spot.j_begin - margin : 0;
    search.j1 = std::min(ny, spot.j_end + margin);
    // At least 3 pixels: the core's mean amplitude traces the focus curve. The whole spot
    // also holds its defocused rings, which would dilute the curve's dip.
    search.core =
        cluster::darkest_pixels(spot.pixels, projection.minimum(), kCandidateCoreFraction, 3);
    if (focuses_outside(search.core, projection, z_m.front(), z_m.back())) {
      ++result.rejected.outside_volume;
      continue;
    }
    search.curve.resize(z_m.size());
    searches.push_back(std::move(search));
  }
  result.analysis_seconds += seconds_since(start);

  // Pass 2: each candidate's focus curve, keeping its window at the best plane so far. Each
  // worker keeps its own best; the earliest of the lowest wins, as in one ordered pass.
  start = Clock::now();
  std::vector<std::vector<BestWindow>> kept_by_worker(workers.size(),
                                                      std::vector<BestWindow>(searches.size()));
  run_planes(
      workers, z_m, batch,
      [&](std::size_t worker, std::size_t p, FrameView<const float> plane) {
        for (std::size_t s = 0; s < searches.size(); ++s) {
          FocusSearch& search = searches[s];
          double sum = 0;
          for (std::size_t flat : search.core) {
            sum += plane.values[flat];
          }
          const auto mean = static_cast<float>(sum / static_cast<double>(search.core.size()));
          search.curve[p] = mean;
          BestWindow& kept = kept_by_worker[worker][s];
          if (mean < kept.value) {
            kept.value = mean;
            kept.plane = p;
            kept.window.resize((search.i1 - search.i0) * search.width());
            for (std::size_t i = search.i0; i < search.i1; ++i) {
              std::copy_n(plane.values.data() + i * ny + search.j0, search.width(),
                          kept.window.data() + (i - search.i0) * search.width());
            }
          }
        }
      },
      plane_done);
  for (std::size_t s = 0; s < searches.size(); ++s) {
    const BestWindow* winner = &kept_by_worker.front()[s];
    for (std::size_t worker = 1; worker < kept_by_worker.size(); ++worker) {
      const BestWindow& other = kept_by_worker[worker][s];
      if (other.value < winner->value ||
          (other.value == winner->value && other.plane < winner->plane)) {
        winner = &other;
      }
    }
    searches[s].best_value = winner->value;
    searches[s].best_window = winner->window;
  }
  result.propagation_seconds += seconds_since(start);

  start = Clock::now();
  const PixelGrid grid{nx, ny, optics.pixel_pitch_x_m * 1e6, optics.pixel_pitch_y_m * 1e6};
  for (const FocusSearch& search : searches) {
    const auto best = static_cast<std::size_t>(
        std::min_element(search.curve.begin(), search.curve.end()) - search.curve.begin());
    if (best == 0 || best + 1 == z_m.size()) {
      ++result.rejected.depth_range;
      continue;
    }
    const float background =
        border_median(search.best_window, search.i1 - search.i0, search.width());
    const FocusedRegion sized = focused_region(search, background, ny, grid);
    const double contrast = background > 0 ? 1.0 - sized.floor / background : 0.0;
    if (sized.area < settings.min_area_px) {
      ++result.rejected.too_small;
      continue;
    }
    if (contrast < settings.min_contrast) {
      ++result.rejected.faint;
      continue;
    }
    const double pitch_area = grid.pitch_x_um * grid.pitch_y_um;
    const double d_um =
        2 * std::sqrt(static_cast<double>(sized.area) * pitch_area / std::numbers::pi);
    result.particles.append(hologram.hid, static_cast<float>(grid.x_um(sized.i)),
                            static_cast<float>(grid.y_um(sized.j)),
                            static_cast<float>(refined_depth(search.curve, z_m, best) * 1e6),
                            static_cast<float>(d_um));
    result.particles.extra[0].values.push_back(static_cast<float>(contrast));
    result.particles.extra[1].values.push_back(static_cast<float>(sized.area));
    result.particles.extra[2].values.push_back(static_cast<float>(sized.aspect_ratio));
  }
  result.analysis_seconds += seconds_since(start);
  result.depth = refine_depths(result.particles, hologram.size_x, hologram.size_y, optics, z_m,
                               workers, settings.depth);
  result.analysis_seconds += result.depth.seconds;
  return result;
}

}  // namespace holodet::detect
