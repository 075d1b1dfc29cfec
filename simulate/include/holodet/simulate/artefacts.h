#pragma once
// The instrument's artefacts, which real HOLODEC frames carry and a detector must not report:
// dust and scratches on the probe windows (opaque specks just in front of the sample volume
// or just behind it: sharp shadows, never particles), fringes from stray reflections (a
// faint tilted wave beating with the beam), hot pixels (stuck at full scale) and changes of
// laser power from frame to frame. All off by default; `holodet synth` takes them as
// synth.* settings (docs/CONFIGURATION.md). None of them enters the particle table.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "holodet/simulate/particles.h"

namespace holodet::simulate {

struct ArtefactSettings {
  std::size_t window_dust = 0;  // specks per hologram, half on each window
  // Specks that stay put: the same place in every hologram of an archive, as real window dust
  // does between cleanings (drawn by the caller once per archive, see draw_window_dust).
  std::size_t fixed_window_dust = 0;
  // > 0: those specks at this depth instead, inside the sample volume, where a detector sees
  // them (what tests of artefact flagging need); 0: on the windows.
  double fixed_dust_z_um = 0;
  double dust_d_min_um = 15;  // their diameters, uniform in this range
  double dust_d_max_um = 120;
  double near_window_um = 4000;      // sensor-side window: specks at z in [500 µm, this]
  double far_window_um = 8000;       // far window: specks at z in [z_max, z_max + this]
  double stray_fringe_contrast = 0;  // intensity × (1 + c·cos(k·r + φ)); 0: none
  double stray_fringe_period_min_um = 60;
  double stray_fringe_period_max_um = 400;
  std::size_t hot_pixels = 0;  // pixels stuck at full scale
  double power_jitter = 0;     // laser power: intensity × (1 + N(0, this)), clipped at ±3σ

  bool any() const {
    return window_dust > 0 || fixed_window_dust > 0 || stray_fringe_contrast > 0 ||
           hot_pixels > 0 || power_jitter > 0;
  }
};

// Window specks for a frame of size_x × size_y pixels; `z_max_um` is the sample volume's far
// end. Throws bad_input for impossible settings.
std::vector<SimParticle> draw_window_dust(const ArtefactSettings& settings, std::size_t size_x,
                                          std::size_t size_y, double pitch_x_um, double pitch_y_um,
                                          double z_max_um, std::mt19937_64& random);

// Stray fringes and the frame's laser power, on the intensity ([x][y], 1 = the beam).
void add_stray_fringes(std::vector<float>& intensity, std::size_t size_x, std::size_t size_y,
                       double pitch_x_um, double pitch_y_um, const ArtefactSettings& settings,
                       std::mt19937_64& random);
void vary_laser_power(std::vector<float>& intensity, const ArtefactSettings& settings,
                      std::mt19937_64& random);

// Hot pixels on the exposed counts: distinct pixels set to 2^nbits − 1.
void add_hot_pixels(std::vector<std::uint16_t>& counts, int nbits, const ArtefactSettings& settings,
                    std::mt19937_64& random);

}  // namespace holodet::simulate
