#pragma once
// Refocuses a small square crop of a reconstructed field by the angular spectrum on the crop
// alone: near its focus a particle's field has not spread far, so a few hundred µm either way
// stay inside a crop a few times the particle's size. The crop's spectrum is taken once
// (set_crop); each depth offset is then one product and one inverse transform of the crop.
// The crop is first tapered (a cosine over its outer quarter on each side) towards the mean of
// its border, so its edges meet when the transform wraps them around: without that the step
// between opposite edges rings into the middle.

#include <complex>
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "holodet/core/optics.h"
#include "holodet/propagate/fft2d.h"

namespace holodet::propagate {

class CropRefocuser {
 public:
  // size × size crops (size ≥ 8); one FFT thread: refocusers run one per plane worker.
  CropRefocuser(std::size_t size, const Optics& optics, FftPlanning planning);

  std::size_t size() const { return size_; }

  // `crop` holds size² values, [x][y].
  void set_crop(std::span<const std::complex<float>> crop);

  // |E| at dz_m metres beyond the crop's plane (negative: towards the sensor), [x][y],
  // size² values, band-limited for the crop's width (Matsushima & Shimobaba 2009).
  void amplitude_at(double dz_m, std::vector<float>& amplitude);
  // E itself there.
  void field_at(double dz_m, std::vector<std::complex<float>>& field);

  // E at dz_first_m + k·dz_step_m for k in [0, count), each handed to visit(k, field): what
  // field_at gives, but the transfer function of each step is the last one's times the step's
  // (in double), one complex product per bin instead of a sine and a cosine.
  void scan(double dz_first_m, double dz_step_m, std::size_t count,
            const std::function<void(std::size_t, const std::vector<std::complex<float>>&)>& visit);

 private:
  void propagate_to(double dz_m);  // E·size² into inverse_.data()

  std::size_t size_;
  Optics optics_;
  Fft2d forward_;
  Fft2d inverse_;
  std::vector<std::complex<float>> spectrum_;
  std::vector<double> phase_rate_;  // g(f) per bin, cycles/m; > 0 marks evanescent bins
  std::vector<double> fx_;          // |fx| per row, |fy| per column, 1/m
  std::vector<double> fy_;
  std::vector<float> taper_;                                    // per row and column alike
  std::vector<std::complex<double>> transfer_, transfer_step_;  // scan()'s running factors
  std::vector<std::complex<float>> scan_field_;
};

}  // namespace holodet::propagate
