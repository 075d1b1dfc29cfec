#pragma once
// How the microphysics products are made from a particle table (docs/PRODUCTS.md): the size
// bins, the margin of the frame where particles cannot be sized whole, what counts as an
// artefact that recurs across holograms, what counts as a round particle, and the time
// interval the distributions are summed over.

#include <string>
#include <string_view>
#include <vector>

namespace holodet::products {

// The default bins, as cloud probes report them: 10 µm wide from 10 to 100 µm, wider above.
inline constexpr std::string_view kDefaultSizeBins = "10:100:10,125,150,200,250,300,400,500,1000";

struct ProductSettings {
  std::vector<double> size_bin_edges_um;  // ascending, at least two; see parse_size_bins
  // Particles whose centre lies within this of the frame's edge, or whose disk reaches past
  // the edge, are flagged `near_frame_edge`: not counted, and the margin is not sample volume.
  double edge_margin_um = 100;
  // A detection recurs when detections in other holograms lie within these distances of it.
  double artefact_xy_um = 20;
  double artefact_z_um = 10000;  // apparent depths of a window speck scatter by millimetres
  // Flagged `recurring_artefact` when it recurs in more than this share of the run's holograms,
  // and in at least `artefact_min_holograms` of them (real droplets never repeat).
  double artefact_fraction = 0.3;
  int artefact_min_holograms = 3;
  // Round (liquid) when the mask's aspect ratio (major / minor axis) is at most this.
  double round_max_aspect_ratio = 1.3;
  double interval_s = 0;  // sum over intervals of this length when > 0; else per hologram
};

ProductSettings default_product_settings();

// Bin edges from a comma list of edges and ranges `first:last:step` (last included), e.g.
// "10:100:10,125,150". Throws bad_input naming `origin` when the text is not such a list, the
// edges do not ascend, or an edge is not positive.
std::vector<double> parse_size_bins(std::string_view text, std::string_view origin);

// The edges written back as a comma list (each edge once).
std::string format_size_bins(const std::vector<double>& edges_um);

// Throws bad_input naming `origin` for settings out of range.
void validate(const ProductSettings& settings, std::string_view origin);

}  // namespace holodet::products
