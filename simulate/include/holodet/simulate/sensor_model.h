#pragma once
// The camera: intensity → electrons → counts, with the published sets' parameters and names
// (docs/HOLODEC.md). Unit intensity (the undisturbed beam) collects `ccdelevel`
// electrons and reads `background_fraction` of full scale; each effect can be switched off.

#include <cstdint>
#include <random>
#include <vector>

#include "holodet/core/frame.h"

namespace holodet::simulate {

struct SensorSettings {
  bool should_noise = true;          // Poisson shot noise and Gaussian read noise
  bool should_beam = true;           // smooth beam non-uniformity
  double ccdelevel = 2e4;            // electrons at unit intensity (the full well of the sets)
  double read_noise_std = 12;        // electrons (readNoiseSTD)
  int nbits = 8;                     // 8 or 16-bit counts (Nbits)
  double background_fraction = 0.5;  // unit intensity reads this share of full scale
  double frac_beam_distort = 0.02;   // beam varies within [1 − this, 1] (fracBeamDistort)
  double low_pass_cutoff = 2500;     // 1/m: the beam pattern's highest spatial frequency
  double gain_factor = 24;           // recorded as gainFactor, like the published sets
};

// Counts per electron implied by the settings: background_fraction · 2^nbits / ccdelevel.
double counts_per_electron(const SensorSettings& settings);

// A smooth random beam profile in [1 − frac_beam_distort, 1], [x][y].
std::vector<float> beam_profile(std::size_t size_x, std::size_t size_y, double pitch_x_m,
                                double pitch_y_m, const SensorSettings& settings,
                                std::mt19937_64& random);

// Camera counts of an intensity frame ([x][y]), rounded and clipped to [0, 2^nbits − 1].
// Throws bad_input for nbits other than 8 or 16 or non-positive electron counts.
// `noise_level`, when given, receives the published sets' noiseLevel:
// sqrt(Σ ((counts − noiseless counts) / 2^(nbits−1))²).
std::vector<std::uint16_t> expose(FrameView<const float> intensity, double pitch_x_m,
                                  double pitch_y_m, const SensorSettings& settings,
                                  std::mt19937_64& random, double* noise_level = nullptr);

}  // namespace holodet::simulate
