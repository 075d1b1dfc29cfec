#pragma once
// Whether a true particle can be seen at all: its contrast on the plane reconstructed at its
// own depth, against that plane's noise around it. In a 1024² crop a small particle far from
// the sensor spreads its fringes past the frame, and what the crop keeps of it may reconstruct
// to a dip shallower than the speckle and shot noise beside it: no detector can find it, and
// `holodet evaluate --detectable` scores the set with and without such particles.
//
// Contrast is 1 − (mean |E| within the particle's radius) / b, with b the mean |E| in a ring
// from 3 to 3 + max(6, radius) pixels beyond the radius; noise is the standard deviation of
// |E| in that ring over b. A particle is detectable when its contrast exceeds min_snr times
// the noise: with the default 1, when its dip is deeper than one pixel's noise.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/detect/plane_workers.h"
#include "holodet/io/particle_table.h"

namespace holodet::detect {

struct ParticleVisibility {
  float contrast = 0;  // 1 − inside / background
  float noise = 0;     // ring's standard deviation / background
};

// One value per row of `truth`, whose holograms `archive` holds; on_particle() is called once
// per particle measured. Planes are propagated with the run's devices (config.runtime) and
// field mode (config.reconstruction).
std::vector<ParticleVisibility> measure_visibility(const std::filesystem::path& archive,
                                                   const io::ParticleTable& truth,
                                                   const config::Config& config,
                                                   const std::function<void()>& on_particle);

// The same on one hologram that `workers` already hold (set_hologram): rows of `truth` whose
// hid is `hid` get their value in `visibility`, the others are left alone.
void measure_hologram_visibility(PlaneWorkers& workers, std::size_t frame_x, std::size_t frame_y,
                                 double pitch_um, const io::ParticleTable& truth, int hid,
                                 std::size_t batch_planes,
                                 std::vector<ParticleVisibility>& visibility,
                                 const std::function<void()>& on_particle);

bool is_detectable(const ParticleVisibility& visibility, double min_snr);

}  // namespace holodet::detect
