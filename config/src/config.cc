// Setting one key, and the rules a whole configuration must keep (validate()).
#include "holodet/config/config.h"

#include <algorithm>

#include "config_keys.h"
#include "config_values.h"
#include "holodet/core/devices.h"
#include "holodet/core/error.h"
#include "nearest_key.h"

namespace holodet::config {
namespace {

// The per-key rules of the table: ranges of numbers, and choices that name a value of their
// enum (a Config built in code never went through the setters, and an enum can be cast from any
// integer).
void validate_each_key(const Config& config) {
  for (const Key& key : keys()) {
    if (key.kind == ValueKind::kInt || key.kind == ValueKind::kDouble) {
      if (!key.range.admits(number_value(key, config))) {
        throw bad_input("configuration: " + std::string(key.name) + " = " +
                        value_text(key, config) + ": " + key.range.rule(key.kind));
      }
    } else if (key.kind == ValueKind::kChoice) {
      const int index = std::get<ChoiceOf>(key.member).index(config);
      if (index < 0 || index >= static_cast<int>(key.choices.size())) {
        throw bad_input("configuration: " + std::string(key.name) + " = " +
                        value_text(key, config) + ": must be one of " + choice_list(key));
      }
    }
  }
}

}  // namespace

void apply_override(Config& config, std::string_view key, std::string_view value,
                    std::string_view origin) {
  const Key* const found = find_key(key);
  if (found == nullptr) {
    const std::string_view suggestion = nearest_key(key);
    throw bad_input(std::string(origin) + ": unknown configuration key '" + std::string(key) + "'" +
                    (suggestion.empty()
                         ? " (docs/CONFIGURATION.md lists them; --print-config prints all)"
                         : "; did you mean '" + std::string(suggestion) + "'?"));
  }
  set_from_text(*found, config, value, origin);
  config.explicit_keys.insert(std::string(key));
}

void validate(const Config& config) {
  validate(config.optics, "configuration");
  validate_each_key(config);
  // A million planes over HOLODEC's 144 mm is one every 0.14 µm, far below any depth
  // resolution; more is a typo, and would allocate gigabytes of depths before any work.
  constexpr int kMostPlanes = 1000000;
  if (config.reconstruction.planes > kMostPlanes) {
    throw bad_input("configuration: reconstruction.planes = " +
                    std::to_string(config.reconstruction.planes) + ": must be at most " +
                    std::to_string(kMostPlanes) + " (a plane every 0.14 um over 14-158 mm)");
  }
  // The rules between keys.
  const SynthConfig& synth = config.synth;
  if (!(synth.d_max_um >= synth.d_min_um)) {
    throw bad_input("configuration: synth.d_max_um = " + readable_number(synth.d_max_um) +
                    " must be at least synth.d_min_um = " + readable_number(synth.d_min_um));
  }
  const TilingConfig& tiling = config.tiling;
  if (tiling.step > tiling.tile_size) {
    throw bad_input("configuration: tiling.step = " + std::to_string(tiling.step) +
                    " must be at most tiling.tile_size = " + std::to_string(tiling.tile_size));
  }
  check_device_request(config.runtime.device);
  products::validate(product_settings(config), "configuration");
}

products::ProductSettings product_settings(const Config& config) {
  const ProductsConfig& p = config.products;
  products::ProductSettings settings;
  settings.size_bin_edges_um = products::parse_size_bins(p.size_bins_um, "products.size_bins_um");
  settings.edge_margin_um = p.edge_margin_um;
  settings.artefact_xy_um = p.artefact_xy_um;
  settings.artefact_z_um = p.artefact_z_um;
  settings.artefact_fraction = p.artefact_fraction;
  settings.artefact_min_holograms = p.artefact_min_holograms;
  settings.round_max_aspect_ratio = p.round_max_aspect_ratio;
  settings.interval_s = p.interval_s;
  return settings;
}

}  // namespace holodet::config
