#include "holodet/simulate/artefacts.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_set>

#include "holodet/core/error.h"

namespace holodet::simulate {

std::vector<SimParticle> draw_window_dust(const ArtefactSettings& settings, std::size_t size_x,
                                          std::size_t size_y, double pitch_x_um, double pitch_y_um,
                                          double z_max_um, std::mt19937_64& random) {
  if (!(settings.dust_d_min_um > 0) || settings.dust_d_max_um < settings.dust_d_min_um ||
      !(settings.near_window_um > 500) || !(settings.far_window_um > 0)) {
    throw bad_input(
        "synth: window dust needs 0 < dust_d_min_um <= dust_d_max_um and window gaps > 0");
  }
  const double half_x = static_cast<double>(size_x) * pitch_x_um / 2;
  const double half_y = static_cast<double>(size_y) * pitch_y_um / 2;
  std::uniform_real_distribution<double> x(-half_x, half_x), y(-half_y, half_y);
  std::uniform_real_distribution<double> d(settings.dust_d_min_um, settings.dust_d_max_um);
  std::uniform_real_distribution<double> near(500, settings.near_window_um);
  std::uniform_real_distribution<double> far(z_max_um, z_max_um + settings.far_window_um);
  std::uniform_real_distribution<double> angle(0, std::numbers::pi);
  std::uniform_real_distribution<double> aspect(0.3, 1.0);
  std::vector<SimParticle> dust;
  for (std::size_t k = 0; k < settings.window_dust; ++k) {
    SimParticle speck;
    speck.x_um = x(random);
    speck.y_um = y(random);
    speck.d_um = d(random);
    speck.z_um = k % 2 == 0 ? near(random) : far(random);
    speck.aspect = aspect(random);  // dust and scratch fragments are rarely round
    speck.orientation = angle(random);
    dust.push_back(speck);
  }
  return dust;
}

void add_stray_fringes(std::vector<float>& intensity, std::size_t size_x, std::size_t size_y,
                       double pitch_x_um, double pitch_y_um, const ArtefactSettings& settings,
                       std::mt19937_64& random) {
  if (!(settings.stray_fringe_contrast > 0)) {
    return;
  }
  std::uniform_real_distribution<double> period(settings.stray_fringe_period_min_um,
                                                settings.stray_fringe_period_max_um);
  std::uniform_real_distribution<double> angle(0, 2 * std::numbers::pi);
  const double k = 2 * std::numbers::pi / period(random);
  const double direction = angle(random), phase = angle(random);
  const double kx = k * std::cos(direction), ky = k * std::sin(direction);
  for (std::size_t i = 0; i < size_x; ++i) {
    for (std::size_t j = 0; j < size_y; ++j) {
      const double r = kx * static_cast<double>(i) * pitch_x_um +
                       ky * static_cast<double>(j) * pitch_y_um + phase;
      intensity[i * size_y + j] *=
          static_cast<float>(1 + settings.stray_fringe_contrast * std::cos(r));
    }
  }
}

void vary_laser_power(std::vector<float>& intensity, const ArtefactSettings& settings,
                      std::mt19937_64& random) {
  if (!(settings.power_jitter > 0)) {
    return;
  }
  std::normal_distribution<double> jitter(0, settings.power_jitter);
  const double factor =
      1 + std::clamp(jitter(random), -3 * settings.power_jitter, 3 * settings.power_jitter);
  for (float& value : intensity) {
    value *= static_cast<float>(std::max(factor, 0.05));
  }
}

void add_hot_pixels(std::vector<std::uint16_t>& counts, int nbits, const ArtefactSettings& settings,
                    std::mt19937_64& random) {
  if (settings.hot_pixels == 0 || counts.empty()) {
    return;
  }
  const auto full = static_cast<std::uint16_t>((1u << nbits) - 1);
  const std::size_t wanted = std::min(settings.hot_pixels, counts.size());
  std::uniform_int_distribution<std::size_t> pixel(0, counts.size() - 1);
  std::unordered_set<std::size_t> chosen;
  while (chosen.size() < wanted) {
    chosen.insert(pixel(random));
  }
  for (std::size_t at : chosen) {
    counts[at] = full;
  }
}

}  // namespace holodet::simulate
