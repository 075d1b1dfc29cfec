#include "holodet/products/product_settings.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "holodet/core/error.h"

namespace holodet::products {
namespace {

double parse_number(std::string_view text, std::string_view origin, std::string_view whole) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  double value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || status != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    throw bad_input(std::string(origin) + ": size bins '" + std::string(whole) + "': '" +
                    std::string(text) +
                    "' is not a number (expected edges in um and ranges first:last:step, "
                    "e.g. 10:100:10,125,150)");
  }
  return value;
}

}  // namespace

ProductSettings default_product_settings() {
  ProductSettings settings;
  settings.size_bin_edges_um = parse_size_bins(kDefaultSizeBins, "default");
  return settings;
}

std::vector<double> parse_size_bins(std::string_view text, std::string_view origin) {
  std::vector<double> edges;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    const std::string_view item = text.substr(begin, comma - begin);
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) {
      edges.push_back(parse_number(item, origin, text));
    } else {
      const std::size_t second = item.find(':', colon + 1);
      if (second == std::string_view::npos) {
        throw bad_input(std::string(origin) + ": size bins '" + std::string(text) + "': '" +
                        std::string(item) + "' is a range without a step (first:last:step)");
      }
      const double first = parse_number(item.substr(0, colon), origin, text);
      const double last = parse_number(item.substr(colon + 1, second - colon - 1), origin, text);
      const double step = parse_number(item.substr(second + 1), origin, text);
      if (!(step > 0) || last < first || (last - first) / step > 10000) {
        throw bad_input(std::string(origin) + ": size bins '" + std::string(text) + "': range '" +
                        std::string(item) +
                        "' needs first <= last and a step > 0 (at most 10000 edges)");
      }
      const auto count = static_cast<std::size_t>(std::floor((last - first) / step + 1e-9));
      for (std::size_t k = 0; k <= count; ++k) {
        edges.push_back(first + static_cast<double>(k) * step);
      }
    }
    begin = comma + 1;
  }
  if (edges.size() < 2) {
    throw bad_input(std::string(origin) + ": size bins '" + std::string(text) +
                    "': need at least two edges");
  }
  for (std::size_t k = 0; k < edges.size(); ++k) {
    if (!(edges[k] > 0) || (k > 0 && !(edges[k] > edges[k - 1]))) {
      throw bad_input(std::string(origin) + ": size bins '" + std::string(text) +
                      "': edges must be positive and ascend (edge " + std::to_string(k + 1) + ")");
    }
  }
  return edges;
}

std::string format_size_bins(const std::vector<double>& edges_um) {
  std::string text;
  for (double edge : edges_um) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.10g", edge);
    if (!text.empty()) {
      text += ',';
    }
    text += buffer;
  }
  return text;
}

void validate(const ProductSettings& settings, std::string_view origin) {
  const std::string where(origin);
  if (settings.size_bin_edges_um.size() < 2) {
    throw bad_input(where + ": products.size_bins_um needs at least two edges");
  }
  if (!(settings.edge_margin_um >= 0) || !(settings.artefact_xy_um > 0) ||
      !(settings.artefact_z_um > 0) ||
      !(settings.artefact_fraction > 0 && settings.artefact_fraction < 1) ||
      settings.artefact_min_holograms < 2 || !(settings.round_max_aspect_ratio >= 1) ||
      !(settings.interval_s >= 0)) {
    throw bad_input(where +
                    ": products.* out of range (need edge_margin_um >= 0, artefact_xy_um and "
                    "artefact_z_um > 0, artefact_fraction in (0, 1), artefact_min_holograms >= 2, "
                    "round_max_aspect_ratio >= 1, interval_s >= 0)");
  }
}

}  // namespace holodet::products
