#pragma once
// Candidate particles in a minimum-amplitude projection: pixels darker than their local
// background by more than threshold_sigma robust standard deviations, grouped into connected
// components; in a crowded frame also large shadows at a smoothed scale. The background is a
// wide box blur recomputed once with the candidates replaced by it, so large dark particles do not
// drag their own background down; the spread is 1.4826·MAD of the residual over the whole frame
// (robust to the particles themselves).

#include <cstddef>
#include <span>
#include <vector>

#include "holodet/core/frame.h"

namespace holodet::cluster {

struct DarkSpotSettings {
  double threshold_sigma = 6;     // how much darker than the background, in robust sigmas
  int background_radius_px = 24;  // box radius of the background estimate
  std::size_t min_area_px = 3;    // smaller components are noise
  // Crowded frames: where the pixel-scale spots reach this many per megapixel (0: always),
  // the spots are found again with the two settings below. In a crowded frame the fringes of
  // many particles raise the projection's noise, and large shadows, each pixel only a few
  // sigmas dark, were lost; in a sparse one the second scale merges rings into spots and costs
  // more than it finds (docs/ACCURACY.md).
  double crowded_per_mpx = 80;
  // Frames smaller than this are never crowded: there a few large particles' rings make the
  // count (five particles in a 512² frame gave over 20 spots). Whole frames and 1024² crops
  // are larger.
  double crowded_least_mpx = 1.0;
  // The spots for that bar are counted at this threshold, whatever threshold_sigma is (both
  // detectors pass the classic one's): the network's candidates use 5 sigmas, the classic
  // detector 6, and counted at 5 the bar, chosen at 6, made 6 of 10 sparse hold-out crops
  // crowded for the network only.
  double crowded_count_sigma = 6;
  // A frame is crowded too where the residual's robust spread reaches this fraction of the
  // projection's median (0: the count alone). The count alone fails in the densest scenes: the
  // fringe minima of many particles are that spread, so a threshold in sigmas rises with the
  // density and more particles gave fewer spots (1024², seed 31: 100 particles 96 spots, 150
  // 65, 180 25), below the bar. The spread is monotonic: sparse crops, artefacts included,
  // 0.02-0.05 of the median; 150 per 1024² 0.06-0.13, 180 0.15 (docs/ACCURACY.md).
  double crowded_clutter = 0.08;
  // The background's second estimate replaces pixels darker than this many robust sigmas and a
  // 2-pixel rim, so a large shadow does not lower its own background (a sparse frame: those
  // beyond threshold_sigma, no rim).
  double background_mask_sigma = 2;
  // Pixels also count as dark where the residual, Gaussian-smoothed with this σ in pixels, is
  // beyond threshold_sigma of the smoothed residual's own spread: large, shallow shadows
  // (0: the pixel scale alone, crowded or not).
  double extended_scale_px = 3;
};

struct DarkSpot {
  std::size_t i_begin = 0, i_end = 0;  // bounding box along x, [begin, end)
  std::size_t j_begin = 0, j_end = 0;  // along y
  std::vector<std::size_t> pixels;     // flat [x][y] indices of the component
  bool touches_border = false;
  float depth = 0;  // background minus the darkest value, in robust sigmas
};

struct DarkSpots {
  std::vector<DarkSpot> spots;
  bool crowded = false;  // found with the crowded frame's settings
};

DarkSpots find_dark_spots(FrameView<const float> projection, const DarkSpotSettings& settings);

// The darkest `fraction` of `pixels` (flat indices into `frame`), at least `at_least` of them
// and at most all, darkest first: a spot's core, the particle's own shadow rather than its
// defocused rings.
std::vector<std::size_t> darkest_pixels(std::vector<std::size_t> pixels,
                                        std::span<const float> frame, double fraction,
                                        std::size_t at_least);

}  // namespace holodet::cluster
