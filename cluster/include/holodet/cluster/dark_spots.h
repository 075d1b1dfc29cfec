#pragma once
// Candidate particles in a minimum-amplitude projection: pixels darker than their local
// background by more than threshold_sigma robust standard deviations, grouped into connected
// components. The background is a wide box blur recomputed once with the candidates replaced
// by it, so large dark particles do not drag their own background down; the spread is
// 1.4826·MAD of the residual over the whole frame (robust to the particles themselves).

#include <cstddef>
#include <span>
#include <vector>

#include "holodet/core/frame.h"

namespace holodet::cluster {

struct DarkSpotSettings {
  double threshold_sigma = 6;     // how much darker than the background, in robust sigmas
  int background_radius_px = 24;  // box radius of the background estimate
  std::size_t min_area_px = 3;    // smaller components are noise
};

struct DarkSpot {
  std::size_t i_begin = 0, i_end = 0;  // bounding box along x, [begin, end)
  std::size_t j_begin = 0, j_end = 0;  // along y
  std::vector<std::size_t> pixels;     // flat [x][y] indices of the component
  bool touches_border = false;
  float depth = 0;  // background minus the darkest value, in robust sigmas
};

std::vector<DarkSpot> find_dark_spots(FrameView<const float> projection,
                                      const DarkSpotSettings& settings);

// The darkest `fraction` of `pixels` (flat indices into `frame`), at least `at_least` of them
// and at most all, darkest first: a spot's core, the particle's own shadow rather than its
// defocused rings.
std::vector<std::size_t> darkest_pixels(std::vector<std::size_t> pixels,
                                        std::span<const float> frame, double fraction,
                                        std::size_t at_least);

}  // namespace holodet::cluster
