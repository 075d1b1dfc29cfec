#include "holodet/train/training_data.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <functional>
#include <random>

#include "holodet/core/error.h"
#include "holodet/core/pixel_grid.h"
#include "holodet/core/progress.h"
#include "holodet/detect/network_input.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/hologram_input.h"
#include "holodet/simulate/focus_mask.h"
#include "holodet/train/focus_band.h"
#include "holodet/train/training_labels.h"

namespace holodet::train {
namespace {

struct Sample {
  double z_um = 0;
  double centre_i = 0, centre_j = 0;
  segment::TileKind kind = segment::TileKind::kPositive;
};

std::vector<Sample> draw_samples(const std::vector<simulate::SimParticle>& particles,
                                 const PixelGrid& grid, const Optics& optics,
                                 const config::TrainConfig& train, const FocusBand& band_of,
                                 std::mt19937_64& random) {
  std::uniform_real_distribution<double> unit(0, 1);
  const double jitter = train.window_px / 4.0;
  std::vector<Sample> samples;
  const auto around = [&](const simulate::SimParticle& particle, double z_um,
                          segment::TileKind kind) {
    samples.push_back({z_um, grid.i_of_x(particle.x_um) + (2 * unit(random) - 1) * jitter,
                       grid.j_of_y(particle.y_um) + (2 * unit(random) - 1) * jitter, kind});
  };
  for (const simulate::SimParticle& particle : particles) {
    const double band = band_of(particle.z_um);
    for (int k = 0; k < train.positives_per_particle; ++k) {
      around(particle, particle.z_um + (2 * unit(random) - 1) * 0.8 * band,
             segment::TileKind::kPositive);
    }
    for (int k = 0; k < train.near_negatives_per_particle; ++k) {
      const double away = (2 + 4 * unit(random)) * band;
      around(particle, particle.z_um + (unit(random) < 0.5 ? -away : away),
             segment::TileKind::kNearNegative);
    }
    const double z_min_um = optics.z_min_m * 1e6, z_max_um = optics.z_max_m * 1e6;
    const double near_low = particle.z_um - 6 * band, near_high = particle.z_um + 6 * band;
    const double outside = std::max(0.0, near_low - z_min_um) + std::max(0.0, z_max_um - near_high);
    for (int k = 0; outside > 0 && k < train.shadow_negatives_per_particle; ++k) {
      // Uniform over the volume outside the particle's ±6 bands.
      const double drawn = unit(random) * outside;
      const double below = std::max(0.0, near_low - z_min_um);
      around(particle, drawn < below ? z_min_um + drawn : near_high + (drawn - below),
             segment::TileKind::kNearNegative);
    }
  }
  for (int k = 0; k < train.far_negatives_per_hologram; ++k) {
    samples.push_back({(optics.z_min_m + unit(random) * (optics.z_max_m - optics.z_min_m)) * 1e6,
                       unit(random) * static_cast<double>(grid.size_x),
                       unit(random) * static_cast<double>(grid.size_y),
                       segment::TileKind::kFarNegative});
  }
  std::sort(samples.begin(), samples.end(),
            [](const Sample& a, const Sample& b) { return a.z_um < b.z_um; });
  return samples;
}

// Propagates to every sample's depth, batch by batch, and appends its tile and label.
void add_tiles(const io::Hologram& hologram, const std::vector<simulate::SimParticle>& particles,
               const std::vector<Sample>& samples, const PixelGrid& grid,
               const config::Config& config, const segment::ModelInfo& model,
               const FocusBand& band_of, propagate::Propagator& propagator, segment::TileSet& set) {
  const std::size_t window = static_cast<std::size_t>(config.train.window_px);
  const std::size_t nx = hologram.size_x, ny = hologram.size_y;
  const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
  propagator.set_hologram({std::span<const float>(counts), nx, ny});
  const std::size_t batch_size = static_cast<std::size_t>(config.reconstruction.batch_planes);
  const std::size_t tile_values = model.channels.size() * window * window;
  detect::ChannelPlanes planes(model);
  for (std::size_t first = 0; first < samples.size(); first += batch_size) {
    const std::size_t count = std::min(batch_size, samples.size() - first);
    std::vector<double> z_m(count);
    for (std::size_t k = 0; k < count; ++k) {
      z_m[k] = samples[first + k].z_um * 1e-6;
    }
    planes.propagate(propagator, z_m);
    for (std::size_t k = 0; k < count; ++k) {
      const Sample& sample = samples[first + k];
      const std::size_t x0 = detect::window_origin(sample.centre_i, window, nx);
      const std::size_t y0 = detect::window_origin(sample.centre_j, window, ny);
      set.inputs.resize(set.inputs.size() + tile_values);
      planes.cut(k, x0, y0, window, std::span<float>(set.inputs).last(tile_values));
      const std::vector<std::uint8_t> mask =
          simulate::focus_mask(particles, grid, sample.z_um, std::cref(band_of));
      for (std::size_t a = 0; a < window; ++a) {
        const auto row = mask.begin() + static_cast<std::ptrdiff_t>((x0 + a) * ny + y0);
        set.labels.insert(set.labels.end(), row, row + static_cast<std::ptrdiff_t>(window));
      }
      set.kinds.push_back(sample.kind);
    }
  }
}

}  // namespace

TrainingData make_training_data(const std::vector<std::filesystem::path>& archives,
                                const config::Config& config, const segment::ModelInfo& model,
                                bool quiet) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t window = static_cast<std::size_t>(config.train.window_px);
  std::vector<std::pair<std::size_t, int>> holograms;  // (archive, hid)
  std::deque<io::HologramInput> inputs;                // a deque: inputs never move once opened
  for (const std::filesystem::path& path : archives) {
    inputs.emplace_back(path, config.requested_optics());
    const io::InputDescription& description = inputs.back().description();
    if (!description.has_particles) {
      throw bad_input(path.string() + ": no particle table, so no labels to train on (make " +
                      "training archives with holodet synth)");
    }
    if (description.size_x < window || description.size_y < window) {
      throw bad_input(path.string() + ": frames of " + std::to_string(description.size_x) + " × " +
                      std::to_string(description.size_y) +
                      " are smaller than train.window_px = " + std::to_string(window));
    }
    for (std::size_t hid = 1; hid <= description.hologram_count; ++hid) {
      holograms.emplace_back(inputs.size() - 1, static_cast<int>(hid));
    }
  }
  const auto validation_count = static_cast<std::size_t>(
      std::ceil(config.train.validation_fraction * static_cast<double>(holograms.size())));
  TrainingData data;
  for (segment::TileSet* set : {&data.train, &data.validation}) {
    set->size = window;
    set->channels = model.channels.size();
  }
  std::mt19937_64 random(static_cast<std::uint64_t>(config.train.seed));
  const DeviceChoice devices = detect::choose_run_devices(config);
  Progress progress("training tiles", holograms.size(), "holograms", quiet);
  std::unique_ptr<propagate::Propagator> propagator;
  std::size_t propagator_input = inputs.size();
  std::vector<io::ParticleTable> tables(inputs.size());
  for (std::size_t k = 0; k < holograms.size(); ++k) {
    const auto [index, hid] = holograms[k];
    const io::InputDescription& description = inputs[index].description();
    if (propagator_input != index) {
      // One propagator per archive: archives may differ in size and optics.
      propagator = detect::make_run_propagator(description.size_x, description.size_y, config,
                                               description.optics, devices);
      propagator_input = index;
      tables[index] = inputs[index].particles();
    }
    const PixelGrid grid{description.size_x, description.size_y,
                         description.optics.pixel_pitch_x_m * 1e6,
                         description.optics.pixel_pitch_y_m * 1e6};
    const std::vector<simulate::SimParticle> particles = particles_of(tables[index], hid);
    const FocusBand band_of(config.train, description.optics, description.size_x,
                            description.size_y);
    const std::vector<Sample> samples =
        draw_samples(particles, grid, description.optics, config.train, band_of, random);
    segment::TileSet& set = k + validation_count >= holograms.size() ? data.validation : data.train;
    add_tiles(inputs[index].read(hid), particles, samples, grid, config, model, band_of,
              *propagator, set);
    data.particles += particles.size();
    ++data.holograms;
    progress.advance();
  }
  progress.finish();
  data.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return data;
}

}  // namespace holodet::train
