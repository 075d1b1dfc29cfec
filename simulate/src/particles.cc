#include "holodet/simulate/particles.h"

#include <cmath>
#include <numbers>
#include <string>

#include "holodet/core/error.h"

namespace holodet::simulate {
namespace {

void check(const PopulationSettings& s) {
  const bool ok =
      s.z_min_um > 0 && s.z_max_um > s.z_min_um && s.d_min_um > 0 && s.d_max_um >= s.d_min_um &&
      s.gamma_mu_min > -1 && s.gamma_mu_max >= s.gamma_mu_min && s.mean_d_min_um > 0 &&
      s.mean_d_max_um >= s.mean_d_min_um && s.min_separation_um >= 0 && s.ellipse_fraction >= 0 &&
      s.ellipse_fraction <= 1 && s.aspect_min > 0 && s.aspect_min <= 1;
  if (!ok) {
    throw bad_input(
        "synthetic particles: inconsistent population settings (need 0 < z_min < "
        "z_max, 0 < Dpmin <= Dpmax, 0 < aspect_min <= 1, ellipse_fraction in [0, 1])");
  }
}

}  // namespace

Population draw_population(const PopulationSettings& settings, std::size_t size_x,
                           std::size_t size_y, double pitch_x_um, double pitch_y_um,
                           std::mt19937_64& random) {
  check(settings);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Population population;
  population.gamma_mu =
      settings.gamma_mu_min + (settings.gamma_mu_max - settings.gamma_mu_min) * unit(random);
  const double mean_d_um =
      settings.mean_d_min_um + (settings.mean_d_max_um - settings.mean_d_min_um) * unit(random);
  const double lambda_per_um = (population.gamma_mu + 1) / mean_d_um;
  population.gamma_lambda = lambda_per_um * 1e6;
  std::gamma_distribution<double> size(population.gamma_mu + 1, 1.0 / lambda_per_um);

  const double width_um = static_cast<double>(size_x) * pitch_x_um;
  const double height_um = static_cast<double>(size_y) * pitch_y_um;
  const double volume_m3 = width_um * height_um * (settings.z_max_um - settings.z_min_um) * 1e-18;
  population.gamma_n0 = static_cast<double>(settings.count) / volume_m3 *
                        std::pow(population.gamma_lambda, population.gamma_mu + 1) /
                        std::tgamma(population.gamma_mu + 1);

  constexpr int kAttempts = 10000;
  for (std::size_t k = 0; k < settings.count; ++k) {
    SimParticle particle;
    int attempts = 0;
    do {  // truncate the gamma distribution to [Dpmin, Dpmax] by rejection
      particle.d_um = size(random);
      if (++attempts > kAttempts) {
        throw bad_input("synthetic particles: the size distribution (mean " +
                        std::to_string(mean_d_um) + " um) almost never falls in [" +
                        std::to_string(settings.d_min_um) + ", " +
                        std::to_string(settings.d_max_um) + "] um");
      }
    } while (particle.d_um < settings.d_min_um || particle.d_um > settings.d_max_um);
    if (unit(random) < settings.ellipse_fraction) {
      particle.aspect = settings.aspect_min + (1 - settings.aspect_min) * unit(random);
      particle.orientation = std::numbers::pi * unit(random);
    }
    const double margin = settings.keep_inside ? particle.major_um() / 2 : 0;
    const double x_low = -width_um / 2 + margin, x_high = width_um / 2 - pitch_x_um - margin;
    const double y_low = -height_um / 2 + margin, y_high = height_um / 2 - pitch_y_um - margin;
    if (x_high <= x_low || y_high <= y_low) {
      throw bad_input("synthetic particles: a " + std::to_string(particle.d_um) +
                      " um particle does not fit in the " + std::to_string(size_x) + " x " +
                      std::to_string(size_y) + " px frame");
    }
    for (attempts = 0;; ++attempts) {
      particle.x_um = x_low + (x_high - x_low) * unit(random);
      particle.y_um = y_low + (y_high - y_low) * unit(random);
      bool separated = true;
      for (const SimParticle& other : population.particles) {
        separated =
            separated && std::hypot(other.x_um - particle.x_um, other.y_um - particle.y_um) >=
                             settings.min_separation_um;
      }
      if (separated) {
        break;
      }
      if (attempts > kAttempts) {
        throw bad_input("synthetic particles: cannot place " + std::to_string(settings.count) +
                        " particles " + std::to_string(settings.min_separation_um) +
                        " um apart in the frame");
      }
    }
    particle.z_um = settings.z_min_um + (settings.z_max_um - settings.z_min_um) * unit(random);
    population.particles.push_back(particle);
  }
  return population;
}

}  // namespace holodet::simulate
