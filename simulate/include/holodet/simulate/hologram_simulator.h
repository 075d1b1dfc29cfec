#pragma once
// The intensity an inline hologram camera records from opaque particles in a collimated beam:
// U = 1 − Σ_k P_{z_k}[shape_k], I = |U|² (Babinet; docs/HOLODEC.md). Each shape
// enters through its analytic Fourier transform, not a pixelised mask:
//   disk of diameter d:      (π d²/4) · 2·J1(π d ρ)/(π d ρ)
//   ellipse (axes a ≥ b, angle θ): (π a b/4) · 2·J1(π s)/(π s), s = sqrt((a·f_u)² + (b·f_v)²)
// with (f_u, f_v) the frequency rotated by θ (Goodman, Fourier Optics, §2.4), each times
// exp(−2πi(fx·x0 + fy·y0)) and the angular-spectrum transfer function of its depth. By
// linearity all particles add up in the spectrum: one inverse transform per hologram. The
// frame is padded (padding_fraction of its size on each side) and each particle band-limited
// for the padded size (Matsushima & Shimobaba 2009), so nothing wraps around onto the sensor.

#include <cstddef>
#include <memory>
#include <vector>

#include "holodet/core/optics.h"
#include "holodet/simulate/particles.h"

namespace holodet::simulate {

struct SimulationSettings {
  Optics optics;
  double padding_fraction = 0.5;  // each side, of the frame's size: 0.5 doubles each axis
  int threads = 0;                // 0: all cores
};

class HologramSimulator {
 public:
  HologramSimulator(std::size_t size_x, std::size_t size_y, const SimulationSettings& settings);
  ~HologramSimulator();
  HologramSimulator(const HologramSimulator&) = delete;
  HologramSimulator& operator=(const HologramSimulator&) = delete;

  // |U|² on the sensor, [x][y], 1 where nothing scatters. Same particles, same bits.
  std::vector<float> intensity(const std::vector<SimParticle>& particles);

  std::size_t size_x() const;
  std::size_t size_y() const;
  const Optics& optics() const;
  std::size_t padded_size_x() const;
  std::size_t padded_size_y() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace holodet::simulate
