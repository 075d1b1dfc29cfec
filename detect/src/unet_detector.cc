#include "holodet/detect/unet_detector.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "holodet/cluster/plane_detection.h"
#include "holodet/core/error.h"
#include "holodet/core/pixel_grid.h"
#include "holodet/core/timing.h"
#include "holodet/detect/network_input.h"
#include "holodet/detect/volume_guard.h"
#include "holodet/propagate/min_projection.h"
#include "holodet/propagate/network_normalisation.h"
#include "holodet/segment/stitching.h"
#include "minimum_pass.h"

namespace holodet::detect {
namespace {

// The network's work: tiles (origins, one side) and, per plane, the tiles to run there.
struct WorkPlan {
  std::size_t tile = 0;
  std::vector<std::array<std::size_t, 2>> origins;
  std::vector<std::vector<std::size_t>> tiles_of_plane;  // indexed like z_m
  bool stitch = false;                                   // dense: masks stitched into whole planes
};

struct Context {
  const io::Hologram& hologram;
  PixelGrid grid;
  std::span<const double> z_m;
  PlaneWorkers& workers;
  const UnetSettings& settings;
  SerialCallback& on_plane;
  UnetResult& result;
  std::vector<cluster::PlaneDetection> detections;
  std::vector<double> pass1_z;  // z_m with the guard planes (candidates)
};

// What one worker adds up over its items; summed over the workers afterwards.
struct WorkerTally {
  std::size_t work_items = 0;
  std::size_t planes_propagated = 0;
  double propagation_seconds = 0;
  double network_seconds = 0;
  double analysis_seconds = 0;
  std::size_t mask_pixels = 0;
};

// Pass 1 of the candidates mode: projection, dark spots, one window per spot at the planes
// near its depth.
WorkPlan candidate_plan(Context& context) {
  const std::size_t nx = context.hologram.size_x, ny = context.hologram.size_y;
  const std::size_t window = context.settings.window_px;
  if (window > nx || window > ny) {
    throw bad_input(context.hologram.source + ": frame " + std::to_string(nx) + " × " +
                    std::to_string(ny) + " is smaller than unet.window_px = " +
                    std::to_string(window) + " (use unet.work_items=dense)");
  }
  auto start = Clock::now();
  const propagate::MinimumProjection projection = project_minimum(
      context.workers, context.pass1_z, context.settings.batch_planes, context.on_plane);
  context.result.planes_propagated += context.pass1_z.size();
  context.result.propagation_seconds += seconds_since(start);
  start = Clock::now();
  const cluster::DarkSpots found = cluster::find_dark_spots(
      {std::span<const float>(projection.minimum()), nx, ny}, context.settings.spots);
  const std::vector<cluster::DarkSpot>& spots = found.spots;
  context.result.crowded = found.crowded;
  WorkPlan plan;
  plan.tile = window;
  plan.tiles_of_plane.resize(context.z_m.size());
  for (const cluster::DarkSpot& spot : spots) {
    if (spot.touches_border) {
      continue;  // a particle cut by the frame's edge: neither position nor size is known
    }
    const std::vector<std::size_t> core =
        cluster::darkest_pixels(spot.pixels, projection.minimum(), kCandidateCoreFraction, 1);
    if (focuses_outside(core, projection, context.z_m.front(), context.z_m.back())) {
      ++context.result.outside_volume;  // dust on a window: no network pass is spent on it
      continue;
    }
    const std::size_t keep = core.size();
    std::vector<double> depths;
    double sum_i = 0, sum_j = 0;
    for (std::size_t k = 0; k < keep; ++k) {
      depths.push_back(projection.depth_m()[core[k]]);
      sum_i += static_cast<double>(core[k] / ny);
      sum_j += static_cast<double>(core[k] % ny);
    }
    // Where the core's pixels reached their minimum: one depth for a small particle, a spread
    // for a large one, whose core stays dark over millimetres. The planes searched cover the
    // spread (10th to 90th percentile) and the depth window beyond it.
    std::sort(depths.begin(), depths.end());
    const double window_m = context.settings.depth_window_um * 1e-6;
    const double low_m = depths[(keep - 1) / 10] - window_m;
    const double high_m = depths[(keep - 1) - (keep - 1) / 10] + window_m;
    const std::size_t index = plan.origins.size();
    plan.origins.push_back({window_origin(sum_i / static_cast<double>(keep), window, nx),
                            window_origin(sum_j / static_cast<double>(keep), window, ny)});
    for (std::size_t p = 0; p < context.z_m.size(); ++p) {
      if (context.z_m[p] >= low_m && context.z_m[p] <= high_m) {
        plan.tiles_of_plane[p].push_back(index);
      }
    }
  }
  context.result.candidates = plan.origins.size();
  context.result.analysis_seconds += seconds_since(start);
  return plan;
}

WorkPlan dense_plan(const Context& context) {
  const segment::TileGrid grid =
      segment::make_tile_grid(context.hologram.size_x, context.hologram.size_y,
                              context.settings.tile_size, context.settings.tile_step);
  WorkPlan plan;
  plan.tile = context.settings.tile_size;
  plan.stitch = true;
  std::vector<std::size_t> all(grid.size());
  for (std::size_t t = 0; t < grid.size(); ++t) {
    all[t] = t;
    plan.origins.push_back({grid.at(t).x0, grid.at(t).y0});
  }
  plan.tiles_of_plane.assign(context.z_m.size(), all);
  return plan;
}

// Components of one tile's mask (candidates) or of a whole stitched plane (dense), in frame
// coordinates. A window's component that touches the window's inner edge is cut: dropped, its
// particle is whole in its own window.
void add_detections(const Context& context, std::size_t plane, std::span<const float> probability,
                    std::size_t size_x, std::size_t size_y, std::size_t x0, std::size_t y0,
                    bool whole_frame, std::vector<cluster::PlaneDetection>& out) {
  std::vector<std::uint8_t> mask(probability.size());
  for (std::size_t k = 0; k < mask.size(); ++k) {
    mask[k] = probability[k] > context.settings.threshold ? 1 : 0;
  }
  const PixelGrid local{size_x, size_y, context.grid.pitch_x_um, context.grid.pitch_y_um};
  const double z_um = context.z_m[plane] * 1e6;
  std::vector<cluster::PlaneDetection> found = cluster::detect_components(
      {std::span<const std::uint8_t>(mask), size_x, size_y}, {probability, size_x, size_y}, local,
      plane, z_um, context.settings.min_area_px);
  for (cluster::PlaneDetection& detection : found) {
    if (!whole_frame) {
      const double i = local.i_of_x(detection.x_um), j = local.j_of_y(detection.y_um);
      const double radius = detection.d_um / 2 / context.grid.pitch_x_um + 1;
      const bool cut =
          (x0 > 0 && i < radius) ||
          (x0 + size_x < context.grid.size_x && i > static_cast<double>(size_x) - 1 - radius) ||
          (y0 > 0 && j < radius) ||
          (y0 + size_y < context.grid.size_y && j > static_cast<double>(size_y) - 1 - radius);
      if (cut) {
        continue;
      }
      detection.x_um = context.grid.x_um(static_cast<double>(x0) + i);
      detection.y_um = context.grid.y_um(static_cast<double>(y0) + j);
    }
    out.push_back(detection);
  }
}

// One worker's means for pass 2: the planes it propagates, the network's batch buffers and,
// for dense plans, the stitched plane.
struct WorkerBuffers {
  explicit WorkerBuffers(const segment::ModelInfo& model) : host_planes(model) {}
  ChannelPlanes host_planes;
  std::unique_ptr<segment::TileStitcher> stitcher;
  std::vector<float> inputs, probabilities, stitched, normalised;
  std::vector<std::pair<std::size_t, std::size_t>> pending;  // (plane in batch, tile)
  std::vector<std::size_t> indices;                          // pending's tiles in the source
  propagate::PlaneBatch batch;
  std::vector<double> batch_z;
  WorkerTally tally;
};

// Pass 2: propagate the planes with work, run the network over their items in batches of
// batch_tiles, and turn the masks into detections. An item is batch_planes consecutive planes
// with work; its network batches never mix items, so they are the same whichever worker runs
// it, and its detections go to its own slot, joined in item order.
void run_plan(Context& context, const WorkPlan& plan) {
  const std::size_t nx = context.hologram.size_x, ny = context.hologram.size_y;
  PlaneWorkers& workers = context.workers;
  // A crowded frame runs the crowded frames' model where one was given (unet.crowded_model);
  // both take the same inputs (check_crowded_model_fits), so the tiles are the same.
  const bool crowded = context.result.crowded;
  const segment::ModelInfo& model = workers.segmenter(0, crowded)->info();
  const std::size_t tile = plan.tile, tile_area = tile * tile;
  const std::size_t channels = model.channels.size();
  const bool tiles_fit = tile <= nx && tile <= ny;
  std::vector<WorkerBuffers> buffers;
  for (std::size_t worker = 0; worker < workers.size(); ++worker) {
    buffers.emplace_back(model);
  }
  // The propagator writes the tiles itself when the model takes the amplitude alone.
  const bool propagator_tiles = tiles_fit && buffers.front().host_planes.amplitude_only();
  if (!tiles_fit && (!plan.stitch || !buffers.front().host_planes.amplitude_only())) {
    throw bad_input(context.hologram.source + ": frame smaller than the " + std::to_string(tile) +
                    " px tile; only dense amplitude models pad it");
  }
  for (std::size_t worker = 0; worker < workers.size(); ++worker) {
    if (propagator_tiles) {
      propagate::NetworkInputLayout layout;
      layout.tile_size = tile;
      layout.tile_origins = plan.origins;
      layout.offset = model.input_offset;
      layout.scale = model.input_scale;
      // A float16 model on CUDA reads half tiles in place, with no conversion pass.
      layout.float16 = workers.segmenter(worker, crowded)->runs_in_half();
      workers.propagator(worker).set_network_input(layout);
    }
    if (plan.stitch) {
      buffers[worker].stitcher = std::make_unique<segment::TileStitcher>(
          segment::make_tile_grid(nx, ny, context.settings.tile_size, context.settings.tile_step),
          nx, ny);
      buffers[worker].stitched.resize(nx * ny);
    }
  }
  std::vector<std::size_t> planes;
  for (std::size_t p = 0; p < context.z_m.size(); ++p) {
    if (!plan.tiles_of_plane[p].empty()) {
      planes.push_back(p);
    } else {
      context.on_plane();
    }
  }
  context.result.tile_pixels = tile_area;
  const std::size_t batch_planes = std::max<std::size_t>(1, context.settings.batch_planes);
  const std::size_t items = (planes.size() + batch_planes - 1) / batch_planes;
  std::vector<std::vector<cluster::PlaneDetection>> found(items);

  workers.for_each(items, [&](std::size_t worker, std::size_t item) {
    WorkerBuffers& own = buffers[worker];
    segment::Segmenter& segmenter = *workers.segmenter(worker, crowded);
    const std::size_t batch_first = item * batch_planes;
    const auto flush = [&] {
      if (own.pending.empty()) {
        return;
      }
      segment::TileSource source;
      own.indices.clear();
      if (propagator_tiles) {
        // The propagator's tiles, read where it left them (device memory on a GPU).
        const propagate::NetworkInputView view = workers.propagator(worker).network_input();
        source = {view.data, view.float16, view.on_cuda, view.cuda_device, view.planes * view.tiles,
                  1,         view.tile_x,  view.tile_y};
        for (const auto& [b, t] : own.pending) {
          own.indices.push_back(b * plan.origins.size() + t);
        }
      } else {
        own.inputs.resize(own.pending.size() * channels * tile_area);
        for (std::size_t k = 0; k < own.pending.size(); ++k) {
          const auto [b, t] = own.pending[k];
          std::span<float> target(own.inputs.data() + k * channels * tile_area,
                                  channels * tile_area);
          if (tiles_fit) {
            own.host_planes.cut(b, plan.origins[t][0], plan.origins[t][1], tile, target);
          } else {
            // A frame smaller than the tile (dense, amplitude only): edge-padded by the stitcher.
            own.normalised.resize(nx * ny);
            const float* plane = own.host_planes.centre()->amplitude.data() + b * nx * ny;
            const propagate::InputNormalisation normalisation{model.input_offset,
                                                              model.input_scale};
            for (std::size_t q = 0; q < nx * ny; ++q) {
              own.normalised[q] = propagate::normalised_input(plane[q], normalisation);
            }
            own.stitcher->cut(own.normalised, t, target);
          }
          own.indices.push_back(k);
        }
        source = {own.inputs.data(), false, false, 0, own.pending.size(), channels, tile, tile};
      }
      auto start = Clock::now();
      const segment::SparseMasks masks = segmenter.predict_masks(
          source, own.indices, static_cast<float>(context.settings.threshold));
      own.tally.network_seconds += seconds_since(start);
      own.tally.work_items += own.pending.size();
      own.tally.mask_pixels += masks.pixel.size();
      start = Clock::now();
      for (std::size_t k = 0; k < own.pending.size(); ++k) {
        const auto [b, t] = own.pending[k];
        masks.expand(k, own.probabilities, tile_area);
        if (plan.stitch) {
          own.stitcher->place(t, own.probabilities, own.stitched);
        } else {
          add_detections(context, planes[batch_first + b], own.probabilities, tile, tile,
                         plan.origins[t][0], plan.origins[t][1], false, found[item]);
        }
      }
      own.tally.analysis_seconds += seconds_since(start);
      own.pending.clear();
    };
    const std::size_t count = std::min(batch_planes, planes.size() - batch_first);
    own.batch_z.resize(count);
    for (std::size_t b = 0; b < count; ++b) {
      own.batch_z[b] = context.z_m[planes[batch_first + b]];
    }
    auto start = Clock::now();
    if (propagator_tiles) {
      workers.propagator(worker).propagate(own.batch_z, propagate::kNetworkInput, own.batch);
    } else {
      own.host_planes.propagate(workers.propagator(worker), own.batch_z);
    }
    own.tally.propagation_seconds += seconds_since(start);
    own.tally.planes_propagated += count * (propagator_tiles ? 1 : own.host_planes.depth_count());
    for (std::size_t b = 0; b < count; ++b) {
      const std::size_t plane = planes[batch_first + b];
      for (std::size_t t : plan.tiles_of_plane[plane]) {
        own.pending.emplace_back(b, t);
        if (own.pending.size() >= context.settings.batch_tiles) {
          flush();
        }
      }
      if (plan.stitch) {
        flush();
        start = Clock::now();
        add_detections(context, plane, own.stitched, nx, ny, 0, 0, true, found[item]);
        own.tally.analysis_seconds += seconds_since(start);
      }
      context.on_plane();
    }
    flush();
  });
  for (const std::vector<cluster::PlaneDetection>& item_detections : found) {
    context.detections.insert(context.detections.end(), item_detections.begin(),
                              item_detections.end());
  }
  for (const WorkerBuffers& own : buffers) {
    context.result.work_items += own.tally.work_items;
    context.result.planes_propagated += own.tally.planes_propagated;
    context.result.propagation_seconds += own.tally.propagation_seconds;
    context.result.network_seconds += own.tally.network_seconds;
    context.result.analysis_seconds += own.tally.analysis_seconds;
    context.result.mask_pixels += own.tally.mask_pixels;
  }
}

// Drops faint particles and those in the shadow of a larger, better-supported one
// (see UnetSettings).
std::vector<cluster::ClusteredParticle> drop_shadows(
    const std::vector<cluster::ClusteredParticle>& particles, double margin_um, double min_score) {
  std::vector<cluster::ClusteredParticle> kept;
  for (const cluster::ClusteredParticle& p : particles) {
    if (p.peak_score < min_score) {
      continue;
    }
    if (!(margin_um > 0)) {
      kept.push_back(p);
      continue;
    }
    const bool shadowed =
        std::any_of(particles.begin(), particles.end(), [&](const cluster::ClusteredParticle& q) {
          return q.d_um > p.d_um && q.planes > p.planes &&
                 std::hypot(q.x_um - p.x_um, q.y_um - p.y_um) < q.d_um / 2 + margin_um;
        });
    if (!shadowed) {
      kept.push_back(p);
    }
  }
  return kept;
}

}  // namespace

bool dense_is_cheaper(std::size_t candidate_passes, std::size_t window_px, std::size_t planes,
                      std::size_t tiles_per_plane, std::size_t tile_px) {
  const double candidate_pixels = static_cast<double>(candidate_passes) *
                                  static_cast<double>(window_px) * static_cast<double>(window_px);
  const double dense_pixels = static_cast<double>(planes) * static_cast<double>(tiles_per_plane) *
                              static_cast<double>(tile_px) * static_cast<double>(tile_px);
  return dense_pixels < candidate_pixels;
}

UnetResult detect_unet(const io::Hologram& hologram, const Optics& optics,
                       std::span<const double> z_m, propagate::Propagator& propagator,
                       segment::Segmenter& segmenter, const UnetSettings& settings,
                       const std::function<void()>& on_plane) {
  PlaneWorkers workers(propagator, &segmenter);
  return detect_unet(hologram, optics, z_m, workers, settings, on_plane);
}

UnetResult detect_unet(const io::Hologram& hologram, const Optics& optics,
                       std::span<const double> z_m, PlaneWorkers& workers,
                       const UnetSettings& settings, const std::function<void()>& on_plane) {
  for (std::size_t worker = 0; worker < workers.size(); ++worker) {
    if (workers.segmenter(worker) == nullptr) {
      throw runtime_failure("detect_unet: plane worker " + std::to_string(worker) +
                            " has no model");
    }
  }
  SerialCallback plane_done(on_plane);
  UnetResult result;
  result.particles.extra = {{"score", "1", {}}, {"planes", "1", {}}, {"aspect_ratio", "1", {}}};
  Context context{hologram,
                  {hologram.size_x, hologram.size_y, optics.pixel_pitch_x_m * 1e6,
                   optics.pixel_pitch_y_m * 1e6},
                  z_m,
                  workers,
                  settings,
                  plane_done,
                  result,
                  {},
                  {}};
  if (!settings.dense) {
    context.pass1_z = with_guard(z_m, guard_planes(optics, settings.window_guard_step_um, z_m));
  }
  const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
  auto start = Clock::now();
  workers.set_hologram({std::span<const float>(counts), hologram.size_x, hologram.size_y});
  result.spectrum_seconds = seconds_since(start);
  WorkPlan plan = settings.dense ? dense_plan(context) : candidate_plan(context);
  result.dense = settings.dense;
  if (!settings.dense && settings.dense_when_cheaper) {
    std::size_t passes = 0;
    for (const std::vector<std::size_t>& tiles : plan.tiles_of_plane) {
      passes += tiles.size();
    }
    WorkPlan dense = dense_plan(context);
    const bool dense_fits = dense.tile <= hologram.size_x && dense.tile <= hologram.size_y;
    if (dense_fits &&
        dense_is_cheaper(passes, plan.tile, z_m.size(), dense.origins.size(), dense.tile)) {
      plan = std::move(dense);
      result.dense = true;
    }
  }
  run_plan(context, plan);
  start = Clock::now();
  result.detections = context.detections.size();
  for (const cluster::ClusteredParticle& particle :
       drop_shadows(cluster::cluster_detections(context.detections, settings.cluster),
                    settings.shadow_margin_um, settings.min_score)) {
    result.particles.append(hologram.hid, static_cast<float>(particle.x_um),
                            static_cast<float>(particle.y_um), static_cast<float>(particle.z_um),
                            static_cast<float>(particle.d_um));
    result.particles.extra[0].values.push_back(static_cast<float>(particle.peak_score));
    result.particles.extra[1].values.push_back(static_cast<float>(particle.planes));
    result.particles.extra[2].values.push_back(static_cast<float>(particle.aspect_ratio));
  }
  result.analysis_seconds += seconds_since(start);
  result.depth = refine_depths(result.particles, hologram.size_x, hologram.size_y, optics, z_m,
                               workers, settings.depth);
  result.analysis_seconds += result.depth.seconds;
  return result;
}

}  // namespace holodet::detect
