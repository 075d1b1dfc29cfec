#pragma once
// Simulated particles and how a population of them is drawn. Positions in µm in the HOLODEC
// convention (x, y from the image centre, z from the sensor); diameters in µm.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace holodet::simulate {

struct SimParticle {
  double x_um = 0;
  double y_um = 0;
  double z_um = 0;
  double d_um = 0;         // equivalent-area diameter: sqrt(major · minor)
  double aspect = 1;       // minor / major axis (1: a disk)
  double orientation = 0;  // radians, major axis from +x towards +y

  double major_um() const { return d_um / std::sqrt(aspect); }
  double minor_um() const { return d_um * std::sqrt(aspect); }
};

struct PopulationSettings {
  std::size_t count = 50;   // particles per hologram
  double z_min_um = 14000;  // depths uniform in [z_min, z_max]
  double z_max_um = 158000;
  double d_min_um = 10;  // gamma-distributed diameters clipped to [d_min, d_max]
  double d_max_um = 200;
  double gamma_mu_min = 1;  // shape µ of n(D) = n0·D^µ·exp(−λD), drawn per hologram
  double gamma_mu_max = 4;
  double mean_d_min_um = 25;  // mean diameter (µ+1)/λ, drawn per hologram
  double mean_d_max_um = 60;
  double min_separation_um = 0;  // centres at least this far apart laterally
  double ellipse_fraction = 0;   // share of non-spherical (ice) particles
  double aspect_min = 0.4;       // their minor/major axis ratio, uniform
  bool keep_inside = true;       // whole particle inside the frame
};

struct Population {
  std::vector<SimParticle> particles;
  double gamma_n0 = 0;  // m^-4 over the sample volume, as the published sets record
  double gamma_mu = 0;
  double gamma_lambda = 0;  // 1/m
};

// Draws one hologram's particles for a frame of size_x × size_y pixels of the given pitch.
// Throws bad_input for impossible settings (no room for the particles, empty ranges).
Population draw_population(const PopulationSettings& settings, std::size_t size_x,
                           std::size_t size_y, double pitch_x_um, double pitch_y_um,
                           std::mt19937_64& random);

}  // namespace holodet::simulate
