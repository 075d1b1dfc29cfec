#include "holodet/detect/depth_refinement.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <thread>

#include "holodet/core/pixel_grid.h"
#include "holodet/core/timing.h"
#include "holodet/detect/focus_fit.h"
#include "holodet/propagate/crop_refocuser.h"

namespace holodet::detect {
namespace {

// The depth's systematic uncertainty: shares of the focus dip's width and of the frame's depth
// of field at the particle, the second chosen on the tuning set (seed 5201, docs/ACCURACY.md)
// so that about 68 % of the strict depth errors fall within z_err.
constexpr double kWidthShare = 0.05;
constexpr double kDepthOfFieldShare = 0.07;

// The crops cut before they are refocused: at most about this many bytes at once.
constexpr std::size_t kCropBytes = std::size_t{256} << 20;

// Samples of the first, coarse scan over the whole range.
constexpr std::size_t kCoarseSteps = 41;

struct Refined {
  double z_m = 0;
  double z_err_m = 0;
  bool found = false;
};

// One particle's search: where its crop sits and what it looks for.
struct Search {
  std::size_t row = 0;  // in the table
  double i = 0, j = 0;  // centre, frame pixels
  double radius_px = 0;
  double z_m = 0;  // coarse
  double half_range_m = 0;
  double step_m = 0;
  double depth_of_field_m = 0;
};

// Minus the mean squared amplitude gradient (central differences) within radius + 3 pixels of
// the centre: an opaque particle's edge is sharpest in focus, and blurs over about
// sqrt(λ·dz) whatever its size, so the curve dips as steeply for a 100 µm particle as for a
// 10 µm one. (The mean amplitude over the particle instead stays dark for |dz| ≪ d²/λ: a flat
// bottom whose minimum wanders with the noise.)
float edge_sharpness(const std::vector<std::complex<float>>& field, std::size_t size, double ci,
                     double cj, double radius_px, std::vector<float>& scattered) {
  const double reach = radius_px + 3, ring = reach + 6;
  const auto lo_i = static_cast<std::size_t>(std::max(1.0, std::floor(ci - ring)));
  const auto hi_i = std::min(size - 2, static_cast<std::size_t>(std::ceil(ci + ring)));
  const auto lo_j = static_cast<std::size_t>(std::max(1.0, std::floor(cj - ring)));
  const auto hi_j = std::min(size - 2, static_cast<std::size_t>(std::ceil(cj + ring)));
  std::complex<double> background = 0;
  std::size_t in_ring = 0;
  for (std::size_t a = lo_i; a <= hi_i; ++a) {
    for (std::size_t b = lo_j; b <= hi_j; ++b) {
      const double da = static_cast<double>(a) - ci, db = static_cast<double>(b) - cj;
      const double r2 = da * da + db * db;
      if (r2 > reach * reach && r2 <= ring * ring) {
        background += std::complex<double>(field[a * size + b]);
        ++in_ring;
      }
    }
  }
  const auto b0 = std::complex<float>(in_ring > 0 ? background / static_cast<double>(in_ring)
                                                  : std::complex<double>(1, 0));
  scattered.resize(size * size);
  for (std::size_t a = lo_i - 1; a <= hi_i + 1; ++a) {
    for (std::size_t b = lo_j - 1; b <= hi_j + 1; ++b) {
      scattered[a * size + b] = std::abs(field[a * size + b] - b0);
    }
  }
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t a = lo_i; a <= hi_i; ++a) {
    for (std::size_t b = lo_j; b <= hi_j; ++b) {
      const double da = static_cast<double>(a) - ci, db = static_cast<double>(b) - cj;
      if (da * da + db * db > reach * reach) {
        continue;
      }
      const double gx = scattered[(a + 1) * size + b] - scattered[(a - 1) * size + b];
      const double gy = scattered[a * size + b + 1] - scattered[a * size + b - 1];
      sum += gx * gx + gy * gy;
      ++count;
    }
  }
  return count > 0 ? static_cast<float>(-sum / static_cast<double>(count)) : 0.0f;
}

// A worker's refocusers, one per crop size, made on first use.
class Refocusers {
 public:
  Refocusers(const Optics& optics, propagate::FftPlanning planning)
      : optics_(optics), planning_(planning) {}
  propagate::CropRefocuser& of_size(std::size_t size) {
    auto& slot = by_size_[size];
    if (!slot) {
      slot = std::make_unique<propagate::CropRefocuser>(size, optics_, planning_);
    }
    return *slot;
  }

 private:
  Optics optics_;
  propagate::FftPlanning planning_;
  std::map<std::size_t, std::unique_ptr<propagate::CropRefocuser>> by_size_;
};

// The focus curve of `search` around `centre_m` on the loaded crop (its plane at anchor_m),
// fitted.
// The focus curve on the loaded crop (its plane at anchor_m) over centre_m ± half_range_m in
// steps of step_m, fitted.
FocusFit search_around(propagate::CropRefocuser& refocuser, double anchor_m, double centre_m,
                       double half_range_m, double step_m, const Search& search, double ci,
                       double cj) {
  const auto half_steps = static_cast<std::size_t>(std::ceil(half_range_m / step_m - 1e-9));
  const double first_m = centre_m - static_cast<double>(half_steps) * step_m;
  std::vector<double> depths;
  std::vector<float> curve;
  std::vector<float> scattered;
  refocuser.scan(first_m - anchor_m, step_m, 2 * half_steps + 1,
                 [&](std::size_t k, const std::vector<std::complex<float>>& field) {
                   depths.push_back(first_m + static_cast<double>(k) * step_m);
                   curve.push_back(edge_sharpness(field, refocuser.size(), ci, cj, search.radius_px,
                                                  scattered));
                 });
  return fit_focus_minimum(depths, curve);
}

// Coarse to fine: the whole range in kCoarseSteps, moved once to an edge where the minimum
// lies; then ± 2 coarse steps around the vertex at the fine step.
FocusFit search_focus(propagate::CropRefocuser& refocuser, double anchor_m, const Search& search,
                      double ci, double cj) {
  const double coarse_step =
      std::max(search.step_m, 2 * search.half_range_m / static_cast<double>(kCoarseSteps - 1));
  FocusFit coarse = search_around(refocuser, anchor_m, search.z_m, search.half_range_m, coarse_step,
                                  search, ci, cj);
  if (!coarse.found && coarse.at_edge) {
    coarse = search_around(refocuser, anchor_m, coarse.z_m, search.half_range_m, coarse_step,
                           search, ci, cj);
  }
  if (!coarse.found || coarse_step <= 1.5 * search.step_m) {
    return coarse;
  }
  FocusFit fine = search_around(refocuser, anchor_m, coarse.z_m, 2 * coarse_step, search.step_m,
                                search, ci, cj);
  if (!fine.found) {
    return coarse;
  }
  fine.dip_width_m = coarse.dip_width_m;  // the fine scan sees only the dip's bottom
  return fine;
}

// The side of a particle's crop: a power of two, within the frame.
std::size_t crop_side(const Search& search, std::size_t crop_min_px, std::size_t nx,
                      std::size_t ny) {
  const std::size_t side = std::bit_ceil(
      std::max<std::size_t>(crop_min_px, static_cast<std::size_t>(4 * search.radius_px) + 64));
  return std::min(side, std::bit_floor(std::min(nx, ny)));
}

// A particle's crop of its anchor plane, centred on it and kept inside the frame, and the
// particle's centre within it.
struct Crop {
  std::size_t side = 0;
  double ci = 0, cj = 0;
  double anchor_m = 0;
  std::vector<std::complex<float>> field;
};

Crop cut_crop(const Search& search, const propagate::PlaneBatch& plane, double anchor_m,
              std::size_t side) {
  const std::size_t nx = plane.size_x, ny = plane.size_y;
  const auto origin = [side](double centre, std::size_t extent) {
    const double wanted = std::round(centre - static_cast<double>(side) / 2);
    return static_cast<std::size_t>(std::clamp(wanted, 0.0, static_cast<double>(extent - side)));
  };
  const std::size_t i0 = origin(search.i, nx), j0 = origin(search.j, ny);
  Crop crop{side, search.i - static_cast<double>(i0), search.j - static_cast<double>(j0), anchor_m,
            std::vector<std::complex<float>>(side * side)};
  for (std::size_t a = 0; a < side; ++a) {
    std::copy_n(plane.field.data() + (i0 + a) * ny + j0, side, crop.field.data() + a * side);
  }
  return crop;
}

Refined refocus(const Search& search, const Crop& crop, Refocusers& refocusers,
                double fallback_err_m) {
  propagate::CropRefocuser& refocuser = refocusers.of_size(crop.side);
  refocuser.set_crop(crop.field);
  const FocusFit fit = search_focus(refocuser, crop.anchor_m, search, crop.ci, crop.cj);
  if (!fit.found) {
    return {search.z_m, fallback_err_m, false};
  }
  // The fit's own error misses what is the same at every step (the hologram's noise, the twin
  // image's fringes): that part scales with the dip's width and the frame's depth of field.
  const double systematic =
      std::hypot(kWidthShare * fit.dip_width_m, kDepthOfFieldShare * search.depth_of_field_m);
  return {fit.z_m, std::hypot(fit.z_err_m, systematic), true};
}

// Runs task(thread, k) for k in [0, count) on `threads` threads, k dealt from a shared counter.
void parallel_for(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t, std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto run = [&](std::size_t thread) {
    try {
      for (std::size_t k = next++; k < count; k = next++) {
        task(thread, k);
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) {
        failure = std::current_exception();
      }
      next = count;
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) {
    pool.emplace_back(run, t);
  }
  run(0);
  for (std::thread& thread : pool) {
    thread.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

}  // namespace

DepthRefinementStats refine_depths(io::ParticleTable& particles, std::size_t frame_x,
                                   std::size_t frame_y, const Optics& optics,
                                   std::span<const double> z_m, PlaneWorkers& workers,
                                   const DepthRefinementSettings& settings) {
  const auto start = Clock::now();
  DepthRefinementStats stats;
  if (!settings.enabled) {
    return stats;
  }
  io::ParticleColumn z_err{"z_err", "um", std::vector<float>(particles.size(), 0.0f)};
  const double spacing = z_m.size() > 1
                             ? (z_m.back() - z_m.front()) / static_cast<double>(z_m.size() - 1)
                             : optics.z_max_m - optics.z_min_m;
  const double anchor_step = settings.anchor_step_um * 1e-6;
  const PixelGrid grid{0, 0, optics.pixel_pitch_x_m * 1e6, optics.pixel_pitch_y_m * 1e6};
  const double aperture_m = 0.5 * std::min(static_cast<double>(frame_x) * optics.pixel_pitch_x_m,
                                           static_cast<double>(frame_y) * optics.pixel_pitch_y_m);
  const auto depth_of_field = [&](double z) {
    const double aperture = aperture_m / std::max(z, 1e-6);
    return optics.wavelength_m / (aperture * aperture);
  };
  // Particles by their nearest anchor depth; those the frame cannot resolve in depth aside.
  std::map<long, std::vector<Search>> by_anchor;
  std::vector<std::pair<std::size_t, double>> unresolved;  // (row, z_err)
  for (std::size_t row = 0; row < particles.size(); ++row) {
    Search search;
    search.row = row;
    search.z_m = particles.z_um[row] * 1e-6;
    const double d_m = particles.d_um[row] * 1e-6;
    search.radius_px = particles.d_um[row] / 2 / grid.pitch_x_um;
    search.depth_of_field_m = depth_of_field(search.z_m);
    search.half_range_m =
        std::min(settings.max_half_range_um * 1e-6,
                 std::max({settings.min_half_range_um * 1e-6, settings.span_planes * spacing,
                           settings.depth_of_focus_fraction * d_m * d_m / optics.wavelength_m,
                           settings.depth_of_field_fraction * search.depth_of_field_m}));
    search.step_m = settings.step_um * 1e-6;
    const auto anchor =
        std::lround((search.z_m - z_m.front()) / anchor_step);  // grid from the first plane
    if (search.depth_of_field_m > settings.max_depth_of_field_um * 1e-6) {
      // The detector's z, with the share of the depth of field that refined depths carry.
      unresolved.emplace_back(
          row, std::hypot(spacing / std::sqrt(12.0), kDepthOfFieldShare * search.depth_of_field_m));
      continue;
    }
    by_anchor[anchor].push_back(search);
  }
  std::vector<std::pair<double, std::vector<Search>*>> anchors;
  for (auto& [index, searches] : by_anchor) {
    const double anchor_m =
        std::clamp(z_m.front() + static_cast<double>(index) * anchor_step, z_m.front(), z_m.back());
    anchors.emplace_back(anchor_m, &searches);
  }
  stats.anchors = anchors.size();
  std::vector<Refined> refined(particles.size());
  const std::size_t threads = settings.threads > 0
                                  ? settings.threads
                                  : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  std::vector<Refocusers> refocusers;
  for (std::size_t t = 0; t < threads; ++t) {
    refocusers.emplace_back(optics, settings.fft_planning);
  }
  // Anchors in groups whose crops fit in kCropBytes: the workers cut the crops from their
  // planes, then every thread refocuses its share of the group's particles.
  std::vector<propagate::PlaneBatch> planes(workers.size());
  std::size_t first = 0;
  while (first < anchors.size()) {
    std::size_t last = first, bytes = 0;
    std::vector<const Search*> group;
    while (last < anchors.size() && (last == first || bytes < kCropBytes)) {
      for (const Search& search : *anchors[last].second) {
        const std::size_t side = crop_side(search, settings.crop_min_px, frame_x, frame_y);
        bytes += side * side * sizeof(std::complex<float>);
        group.push_back(&search);
      }
      ++last;
    }
    std::vector<std::size_t> group_start(last - first + 1, 0);
    for (std::size_t item = first; item < last; ++item) {
      group_start[item - first + 1] = group_start[item - first] + anchors[item].second->size();
    }
    std::vector<Search> searches(group.size());
    std::vector<Crop> crops(group.size());
    workers.for_each(last - first, [&](std::size_t worker, std::size_t item) {
      const double anchor_m = anchors[first + item].first;
      propagate::PlaneBatch& plane = planes[worker];
      workers.propagator(worker).propagate(std::span<const double>(&anchor_m, 1), propagate::kField,
                                           plane);
      const PixelGrid frame{plane.size_x, plane.size_y, grid.pitch_x_um, grid.pitch_y_um};
      for (std::size_t k = group_start[item]; k < group_start[item + 1]; ++k) {
        Search search = *group[k];
        search.i = frame.i_of_x(particles.x_um[search.row]);
        search.j = frame.j_of_y(particles.y_um[search.row]);
        crops[k] = cut_crop(search, plane, anchor_m,
                            crop_side(search, settings.crop_min_px, frame_x, frame_y));
        searches[k] = search;
      }
    });
    parallel_for(group.size(), threads, [&](std::size_t thread, std::size_t k) {
      refined[searches[k].row] = refocus(searches[k], crops[k], refocusers[thread], spacing);
    });
    first = last;
  }
  for (const auto& [row, uncertainty] : unresolved) {
    refined[row] = {particles.z_um[row] * 1e-6, uncertainty, false};
  }
  for (std::size_t row = 0; row < particles.size(); ++row) {
    const double z = std::clamp(refined[row].z_m, optics.z_min_m, optics.z_max_m);
    particles.z_um[row] = static_cast<float>(z * 1e6);
    z_err.values[row] = static_cast<float>(refined[row].z_err_m * 1e6);
    ++(refined[row].found ? stats.refined : stats.kept_coarse);
  }
  particles.extra.push_back(std::move(z_err));
  stats.seconds = seconds_since(start);
  return stats;
}

}  // namespace holodet::detect
