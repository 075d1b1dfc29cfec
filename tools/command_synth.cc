#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/pipeline/synth_job.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct SynthOptions {
  std::string out;
  int holograms = 1;
  int particles = -1;
  std::size_t nx = 4872;
  std::size_t ny = 3248;
  std::uint64_t seed = 1;
};

int run_synth(const SynthOptions& options, const GlobalOptions& global) {
  const config::Config config = build_config(
      global, {{"synth.particles", options.particles >= 0 ? std::to_string(options.particles) : "",
                "--particles"}});
  const config::SynthConfig& synth = config.synth;
  pipeline::SynthRequest request;
  request.out = options.out;
  request.holograms = options.holograms;
  request.size_x = options.nx;
  request.size_y = options.ny;
  request.seed = options.seed;
  request.population.count = static_cast<std::size_t>(synth.particles);
  request.population.z_min_um = config.optics.z_min_m * 1e6;
  request.population.z_max_um = config.optics.z_max_m * 1e6;
  request.population.d_min_um = synth.d_min_um;
  request.population.d_max_um = synth.d_max_um;
  request.population.mean_d_min_um = synth.mean_d_min_um;
  request.population.mean_d_max_um = synth.mean_d_max_um;
  request.population.min_separation_um = synth.min_separation_um;
  request.population.ellipse_fraction = synth.ellipse_fraction;
  request.sensor.should_noise = synth.noise;
  request.sensor.should_beam = synth.beam;
  request.sensor.nbits = synth.nbits;
  request.sensor.ccdelevel = synth.ccdelevel;
  request.sensor.read_noise_std = synth.read_noise_std;
  request.sensor.frac_beam_distort = synth.frac_beam_distort;
  request.artefacts.window_dust = static_cast<std::size_t>(synth.window_dust);
  request.artefacts.fixed_window_dust = static_cast<std::size_t>(synth.fixed_window_dust);
  request.artefacts.fixed_dust_z_um = synth.fixed_dust_z_um;
  request.hologram_period_s = synth.hologram_period_s;
  request.time_origin = pipeline::creation_time();
  request.artefacts.stray_fringe_contrast = synth.stray_fringe_contrast;
  request.artefacts.hot_pixels = static_cast<std::size_t>(synth.hot_pixels);
  request.artefacts.power_jitter = synth.power_jitter;
  request.simulation.optics = config.optics;
  request.simulation.padding_fraction = synth.padding_fraction;
  request.simulation.threads = config.runtime.threads;
  request.date_created = pipeline::creation_date();
  request.quiet = global.quiet;
  const pipeline::SynthSummary summary = pipeline::run_synth(request);
  if (!global.quiet) {
    std::fprintf(stderr, "synth: %s of %zu x %zu px, %s, in %s (%.1f s)\n",
                 counted(static_cast<std::size_t>(summary.holograms), "hologram").c_str(),
                 options.nx, options.ny, counted(summary.particles, "particle").c_str(),
                 options.out.c_str(), summary.seconds);
  }
  return 0;
}

}  // namespace

Command add_synth_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<SynthOptions>();
  CLI::App* command = app.add_subcommand(
      "synth",
      "Simulate holograms with known particles into an archive in the published HOLODEC "
      "layout. Particle population and camera: the synth.* configuration keys "
      "(docs/CONFIGURATION.md); depths uniform over optics.z_min_m..z_max_m.");
  command->add_option("--out", options->out, "Archive to write (.nc)")->required();
  command->add_option("--holograms", options->holograms, "Number of holograms (default 1)")
      ->check(at_least(1));
  command
      ->add_option("--particles", options->particles,
                   "Particles per hologram (default: synth.particles, 50)")
      ->check(at_least(0));
  command->add_option("--nx", options->nx, "Pixels along x (default 4872)")
      ->check(CLI::Range(16, 100000));
  command->add_option("--ny", options->ny, "Pixels along y (default 3248)")
      ->check(CLI::Range(16, 100000));
  command->add_option("--seed", options->seed, "Random seed: same seed, same file (default 1)");
  return {command, [options, &global] { return run_synth(*options, global); }};
}

}  // namespace holodet::tools
