#include "holodet/pipeline/config.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include "holodet/core/devices.h"
#include "holodet/core/error.h"

namespace holodet::pipeline {
namespace {

std::string describe_origin(std::string_view origin, std::string_view key) {
  return std::string(origin) + ": " + std::string(key);
}

double parse_double(std::string_view text, std::string_view origin, std::string_view key) {
  double value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    throw bad_input(describe_origin(origin, key) + " = '" + std::string(text) +
                    "' is not a finite number");
  }
  return value;
}

int parse_int(std::string_view text, std::string_view origin, std::string_view key) {
  int value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size()) {
    throw bad_input(describe_origin(origin, key) + " = '" + std::string(text) +
                    "' is not an integer");
  }
  return value;
}

using Setter = std::function<void(Config&, std::string_view value, std::string_view origin)>;

template <typename Group, typename Field>
Setter number_setter(Group Config::*group, Field Group::*field, std::string key) {
  return [group, field, key](Config& config, std::string_view value, std::string_view origin) {
    if constexpr (std::is_same_v<Field, int>) {
      config.*group.*field = parse_int(value, origin, key);
    } else {
      config.*group.*field = parse_double(value, origin, key);
    }
  };
}

template <typename Group>
Setter choice_setter(Group Config::*group, std::string Group::*field,
                     std::vector<std::string> allowed, std::string key) {
  return [group, field, allowed, key](Config& config, std::string_view value,
                                      std::string_view origin) {
    for (const std::string& option : allowed) {
      if (value == option) {
        config.*group.*field = option;
        return;
      }
    }
    std::string list;
    for (const std::string& option : allowed) {
      list += (list.empty() ? "" : ", ") + option;
    }
    throw bad_input(describe_origin(origin, key) + " = '" + std::string(value) +
                    "' is not one of " + list);
  };
}

template <typename Group>
Setter bool_setter(Group Config::*group, bool Group::*field, std::string key) {
  return [group, field, key](Config& config, std::string_view value, std::string_view origin) {
    if (value == "true" || value == "yes" || value == "on" || value == "1") {
      config.*group.*field = true;
    } else if (value == "false" || value == "no" || value == "off" || value == "0") {
      config.*group.*field = false;
    } else {
      throw bad_input(describe_origin(origin, key) + " = '" + std::string(value) +
                      "' is not true or false");
    }
  };
}

const std::map<std::string, Setter, std::less<>>& setters() {
  static const std::map<std::string, Setter, std::less<>> table = {
      {"optics.wavelength_m",
       number_setter(&Config::optics, &Optics::wavelength_m, "optics.wavelength_m")},
      {"optics.pixel_pitch_x_m",
       number_setter(&Config::optics, &Optics::pixel_pitch_x_m, "optics.pixel_pitch_x_m")},
      {"optics.pixel_pitch_y_m",
       number_setter(&Config::optics, &Optics::pixel_pitch_y_m, "optics.pixel_pitch_y_m")},
      {"optics.z_min_m", number_setter(&Config::optics, &Optics::z_min_m, "optics.z_min_m")},
      {"optics.z_max_m", number_setter(&Config::optics, &Optics::z_max_m, "optics.z_max_m")},
      {"reconstruction.planes",
       number_setter(&Config::reconstruction, &ReconstructionConfig::planes,
                     "reconstruction.planes")},
      {"reconstruction.field",
       choice_setter(&Config::reconstruction, &ReconstructionConfig::field,
                     {"counts", "normalised", "sqrt", "sqrt_normalised"}, "reconstruction.field")},
      {"reconstruction.fft_planning",
       choice_setter(&Config::reconstruction, &ReconstructionConfig::fft_planning,
                     {"measure", "deterministic"}, "reconstruction.fft_planning")},
      {"reconstruction.pad", choice_setter(&Config::reconstruction, &ReconstructionConfig::pad,
                                           {"reflect", "edge_mean"}, "reconstruction.pad")},
      {"reconstruction.band_limit",
       bool_setter(&Config::reconstruction, &ReconstructionConfig::band_limit,
                   "reconstruction.band_limit")},
      {"reconstruction.remove_carrier",
       bool_setter(&Config::reconstruction, &ReconstructionConfig::remove_carrier,
                   "reconstruction.remove_carrier")},
      {"reconstruction.background_radius_px",
       number_setter(&Config::reconstruction, &ReconstructionConfig::background_radius_px,
                     "reconstruction.background_radius_px")},
      {"reconstruction.min_padding_px",
       number_setter(&Config::reconstruction, &ReconstructionConfig::min_padding_px,
                     "reconstruction.min_padding_px")},
      {"reconstruction.batch_planes",
       number_setter(&Config::reconstruction, &ReconstructionConfig::batch_planes,
                     "reconstruction.batch_planes")},
      {"reconstruction.window_guard_step_um",
       number_setter(&Config::reconstruction, &ReconstructionConfig::window_guard_step_um,
                     "reconstruction.window_guard_step_um")},
      {"synth.particles",
       number_setter(&Config::synth, &SynthConfig::particles, "synth.particles")},
      {"synth.d_min_um", number_setter(&Config::synth, &SynthConfig::d_min_um, "synth.d_min_um")},
      {"synth.d_max_um", number_setter(&Config::synth, &SynthConfig::d_max_um, "synth.d_max_um")},
      {"synth.mean_d_min_um",
       number_setter(&Config::synth, &SynthConfig::mean_d_min_um, "synth.mean_d_min_um")},
      {"synth.mean_d_max_um",
       number_setter(&Config::synth, &SynthConfig::mean_d_max_um, "synth.mean_d_max_um")},
      {"synth.min_separation_um",
       number_setter(&Config::synth, &SynthConfig::min_separation_um, "synth.min_separation_um")},
      {"synth.ellipse_fraction",
       number_setter(&Config::synth, &SynthConfig::ellipse_fraction, "synth.ellipse_fraction")},
      {"synth.padding_fraction",
       number_setter(&Config::synth, &SynthConfig::padding_fraction, "synth.padding_fraction")},
      {"synth.nbits", number_setter(&Config::synth, &SynthConfig::nbits, "synth.nbits")},
      {"synth.noise", bool_setter(&Config::synth, &SynthConfig::noise, "synth.noise")},
      {"synth.beam", bool_setter(&Config::synth, &SynthConfig::beam, "synth.beam")},
      {"synth.ccdelevel",
       number_setter(&Config::synth, &SynthConfig::ccdelevel, "synth.ccdelevel")},
      {"synth.read_noise_std",
       number_setter(&Config::synth, &SynthConfig::read_noise_std, "synth.read_noise_std")},
      {"synth.frac_beam_distort",
       number_setter(&Config::synth, &SynthConfig::frac_beam_distort, "synth.frac_beam_distort")},
      {"synth.fixed_window_dust",
       number_setter(&Config::synth, &SynthConfig::fixed_window_dust, "synth.fixed_window_dust")},
      {"synth.fixed_dust_z_um",
       number_setter(&Config::synth, &SynthConfig::fixed_dust_z_um, "synth.fixed_dust_z_um")},
      {"synth.hologram_period_s",
       number_setter(&Config::synth, &SynthConfig::hologram_period_s, "synth.hologram_period_s")},
      {"synth.window_dust",
       number_setter(&Config::synth, &SynthConfig::window_dust, "synth.window_dust")},
      {"synth.stray_fringe_contrast",
       number_setter(&Config::synth, &SynthConfig::stray_fringe_contrast,
                     "synth.stray_fringe_contrast")},
      {"synth.hot_pixels",
       number_setter(&Config::synth, &SynthConfig::hot_pixels, "synth.hot_pixels")},
      {"synth.power_jitter",
       number_setter(&Config::synth, &SynthConfig::power_jitter, "synth.power_jitter")},
      {"classic.threshold_sigma",
       number_setter(&Config::classic, &ClassicConfig::threshold_sigma, "classic.threshold_sigma")},
      {"classic.background_radius_px",
       number_setter(&Config::classic, &ClassicConfig::background_radius_px,
                     "classic.background_radius_px")},
      {"classic.min_area_px",
       number_setter(&Config::classic, &ClassicConfig::min_area_px, "classic.min_area_px")},
      {"classic.min_contrast",
       number_setter(&Config::classic, &ClassicConfig::min_contrast, "classic.min_contrast")},
      {"tiling.tile_size",
       number_setter(&Config::tiling, &TilingConfig::tile_size, "tiling.tile_size")},
      {"tiling.step", number_setter(&Config::tiling, &TilingConfig::step, "tiling.step")},
      {"depth.refine", bool_setter(&Config::depth, &DepthConfig::refine, "depth.refine")},
      {"depth.step_um", number_setter(&Config::depth, &DepthConfig::step_um, "depth.step_um")},
      {"depth.span_planes",
       number_setter(&Config::depth, &DepthConfig::span_planes, "depth.span_planes")},
      {"depth.anchor_step_um",
       number_setter(&Config::depth, &DepthConfig::anchor_step_um, "depth.anchor_step_um")},
      {"unet.model", [](Config& config, std::string_view value,
                        std::string_view) { config.unet.model = std::string(value); }},
      {"unet.work_items", choice_setter(&Config::unet, &UnetConfig::work_items,
                                        {"auto", "candidates", "dense"}, "unet.work_items")},
      {"unet.window_px", number_setter(&Config::unet, &UnetConfig::window_px, "unet.window_px")},
      {"unet.depth_window_mm",
       number_setter(&Config::unet, &UnetConfig::depth_window_mm, "unet.depth_window_mm")},
      {"unet.candidate_sigma",
       number_setter(&Config::unet, &UnetConfig::candidate_sigma, "unet.candidate_sigma")},
      {"unet.threshold", number_setter(&Config::unet, &UnetConfig::threshold, "unet.threshold")},
      {"unet.min_area_px",
       number_setter(&Config::unet, &UnetConfig::min_area_px, "unet.min_area_px")},
      {"unet.batch_tiles",
       number_setter(&Config::unet, &UnetConfig::batch_tiles, "unet.batch_tiles")},
      {"unet.cluster_xy_um",
       number_setter(&Config::unet, &UnetConfig::cluster_xy_um, "unet.cluster_xy_um")},
      {"unet.cluster_z_um",
       number_setter(&Config::unet, &UnetConfig::cluster_z_um, "unet.cluster_z_um")},
      {"unet.shadow_margin_um",
       number_setter(&Config::unet, &UnetConfig::shadow_margin_um, "unet.shadow_margin_um")},
      {"unet.min_score", number_setter(&Config::unet, &UnetConfig::min_score, "unet.min_score")},
      {"train.steps", number_setter(&Config::train, &TrainConfig::steps, "train.steps")},
      {"train.batch", number_setter(&Config::train, &TrainConfig::batch, "train.batch")},
      {"train.learning_rate",
       number_setter(&Config::train, &TrainConfig::learning_rate, "train.learning_rate")},
      {"train.weight_decay",
       number_setter(&Config::train, &TrainConfig::weight_decay, "train.weight_decay")},
      {"train.loss",
       choice_setter(&Config::train, &TrainConfig::loss, {"dice", "focal_tversky"}, "train.loss")},
      {"train.augment", bool_setter(&Config::train, &TrainConfig::augment, "train.augment")},
      {"train.window_px",
       number_setter(&Config::train, &TrainConfig::window_px, "train.window_px")},
      {"train.depth_band_um",
       number_setter(&Config::train, &TrainConfig::depth_band_um, "train.depth_band_um")},
      {"train.positives_per_particle",
       number_setter(&Config::train, &TrainConfig::positives_per_particle,
                     "train.positives_per_particle")},
      {"train.near_negatives_per_particle",
       number_setter(&Config::train, &TrainConfig::near_negatives_per_particle,
                     "train.near_negatives_per_particle")},
      {"train.far_negatives_per_hologram",
       number_setter(&Config::train, &TrainConfig::far_negatives_per_hologram,
                     "train.far_negatives_per_hologram")},
      {"train.validation_fraction", number_setter(&Config::train, &TrainConfig::validation_fraction,
                                                  "train.validation_fraction")},
      {"train.depth", number_setter(&Config::train, &TrainConfig::depth, "train.depth")},
      {"train.base_width",
       number_setter(&Config::train, &TrainConfig::base_width, "train.base_width")},
      {"products.size_bins_um",
       [](Config& config, std::string_view value, std::string_view origin) {
         products::parse_size_bins(value, std::string(origin) + ": products.size_bins_um");
         config.products.size_bins_um = std::string(value);
       }},
      {"products.edge_margin_um", number_setter(&Config::products, &ProductsConfig::edge_margin_um,
                                                "products.edge_margin_um")},
      {"products.artefact_xy_um", number_setter(&Config::products, &ProductsConfig::artefact_xy_um,
                                                "products.artefact_xy_um")},
      {"products.artefact_z_um",
       number_setter(&Config::products, &ProductsConfig::artefact_z_um, "products.artefact_z_um")},
      {"products.artefact_fraction",
       number_setter(&Config::products, &ProductsConfig::artefact_fraction,
                     "products.artefact_fraction")},
      {"products.artefact_min_holograms",
       number_setter(&Config::products, &ProductsConfig::artefact_min_holograms,
                     "products.artefact_min_holograms")},
      {"products.round_max_aspect_ratio",
       number_setter(&Config::products, &ProductsConfig::round_max_aspect_ratio,
                     "products.round_max_aspect_ratio")},
      {"products.interval_s",
       number_setter(&Config::products, &ProductsConfig::interval_s, "products.interval_s")},
      {"train.channels", [](Config& config, std::string_view value,
                            std::string_view) { config.train.channels = std::string(value); }},
      {"train.checkpoint_every",
       number_setter(&Config::train, &TrainConfig::checkpoint_every, "train.checkpoint_every")},
      {"train.validate_every",
       number_setter(&Config::train, &TrainConfig::validate_every, "train.validate_every")},
      {"train.seed", number_setter(&Config::train, &TrainConfig::seed, "train.seed")},
      {"runtime.threads",
       number_setter(&Config::runtime, &RuntimeConfig::threads, "runtime.threads")},
      {"runtime.workers_per_device",
       number_setter(&Config::runtime, &RuntimeConfig::workers_per_device,
                     "runtime.workers_per_device")},
      {"runtime.device", [](Config& config, std::string_view value,
                            std::string_view) { config.runtime.device = std::string(value); }},
  };
  return table;
}

std::string known_keys() {
  std::string text;
  for (const auto& [key, setter] : setters()) {
    text += (text.empty() ? "" : ", ") + key;
  }
  return text;
}

void apply_node(Config& config, const YAML::Node& node, const std::string& prefix,
                const std::string& origin) {
  if (!node.IsMap()) {
    throw bad_input(origin + ": " + (prefix.empty() ? "the document" : prefix) +
                    " must be a mapping of keys to values");
  }
  for (const auto& entry : node) {
    const std::string key = (prefix.empty() ? "" : prefix + ".") + entry.first.as<std::string>();
    if (entry.second.IsMap()) {
      apply_node(config, entry.second, key, origin);
    } else if (entry.second.IsScalar()) {
      apply_override(config, key, entry.second.Scalar(), origin);
    } else {
      throw bad_input(origin + ": " + key + " must be a single value");
    }
  }
}

}  // namespace

void apply_override(Config& config, std::string_view key, std::string_view value,
                    std::string_view origin) {
  const auto found = setters().find(key);
  if (found == setters().end()) {
    throw bad_input(std::string(origin) + ": unknown configuration key '" + std::string(key) +
                    "' (known: " + known_keys() + ")");
  }
  found->second(config, value, origin);
  config.explicit_keys.insert(std::string(key));
}

void apply_yaml_file(Config& config, const std::filesystem::path& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw bad_input(path.string() + ": cannot open the configuration file");
  } catch (const YAML::Exception& error) {
    throw bad_input(path.string() + ": not valid YAML: " + error.what());
  }
  if (root.IsNull()) {
    return;  // an empty file changes nothing
  }
  apply_node(config, root, "", path.string());
}

void validate(const Config& config) {
  validate(config.optics, "configuration");
  if (config.reconstruction.planes < 1) {
    throw bad_input("configuration: reconstruction.planes = " +
                    std::to_string(config.reconstruction.planes) + " must be at least 1");
  }
  // A million planes over HOLODEC's 144 mm is one every 0.14 µm, far below any depth
  // resolution; more is a typo, and would allocate gigabytes of depths before any work.
  constexpr int kMostPlanes = 1000000;
  if (config.reconstruction.planes > kMostPlanes) {
    throw bad_input("configuration: reconstruction.planes = " +
                    std::to_string(config.reconstruction.planes) + " must be at most " +
                    std::to_string(kMostPlanes) + " (a plane every 0.14 um over 14-158 mm)");
  }
  const ReconstructionConfig& r = config.reconstruction;
  if (r.background_radius_px < 1 || r.min_padding_px < 0 || r.batch_planes < 1 ||
      r.batch_planes > 16) {
    throw bad_input("configuration: reconstruction.background_radius_px = " +
                    std::to_string(r.background_radius_px) +
                    ", min_padding_px = " + std::to_string(r.min_padding_px) +
                    ", batch_planes = " + std::to_string(r.batch_planes) +
                    ": need radius >= 1, padding >= 0, 1 <= batch_planes <= 16");
  }
  if (!(r.window_guard_step_um == 0 || r.window_guard_step_um >= 50)) {
    throw bad_input("configuration: reconstruction.window_guard_step_um = " +
                    std::to_string(r.window_guard_step_um) +
                    ": must be 0 (no guard planes) or at least 50 um");
  }
  const SynthConfig& y = config.synth;
  if (y.particles < 0 || !(y.d_min_um > 0) || y.d_max_um < y.d_min_um || y.min_separation_um < 0 ||
      y.ellipse_fraction < 0 || y.ellipse_fraction > 1 || y.padding_fraction < 0 ||
      (y.nbits != 8 && y.nbits != 16) || !(y.ccdelevel > 0) || y.read_noise_std < 0 ||
      y.frac_beam_distort < 0 || y.frac_beam_distort >= 1 || y.window_dust < 0 ||
      y.fixed_window_dust < 0 || y.fixed_dust_z_um < 0 || y.hologram_period_s < 0 ||
      y.hot_pixels < 0 || !(y.stray_fringe_contrast >= 0 && y.stray_fringe_contrast < 1) ||
      !(y.power_jitter >= 0 && y.power_jitter < 0.3)) {
    throw bad_input(
        "configuration: synth.* values out of range (need particles >= 0, "
        "0 < d_min_um <= d_max_um, ellipse_fraction in [0, 1], nbits 8 or 16, "
        "ccdelevel > 0, frac_beam_distort in [0, 1), window_dust, fixed_window_dust, hot_pixels, "
        "hologram_period_s >= 0, "
        "stray_fringe_contrast in [0, 1), power_jitter in [0, 0.3))");
  }
  const ClassicConfig& c = config.classic;
  if (!(c.threshold_sigma > 0) || c.background_radius_px < 1 || c.min_area_px < 1 ||
      c.min_contrast < 0 || c.min_contrast >= 1) {
    throw bad_input(
        "configuration: classic.* out of range (need threshold_sigma > 0, "
        "background_radius_px >= 1, min_area_px >= 1, min_contrast in [0, 1))");
  }
  const DepthConfig& z = config.depth;
  if (!(z.step_um >= 0.5 && z.step_um <= 1000) || !(z.span_planes >= 0.5 && z.span_planes <= 20) ||
      !(z.anchor_step_um >= 50 && z.anchor_step_um <= 20000)) {
    throw bad_input(
        "configuration: depth.* out of range (need step_um in [0.5, 1000], span_planes in "
        "[0.5, 20], anchor_step_um in [50, 20000])");
  }
  if (config.tiling.tile_size < 16 || config.tiling.step < 1 ||
      config.tiling.step > config.tiling.tile_size) {
    throw bad_input("configuration: tiling.tile_size = " + std::to_string(config.tiling.tile_size) +
                    ", tiling.step = " + std::to_string(config.tiling.step) +
                    ": need tile_size >= 16 and 1 <= step <= tile_size");
  }
  const UnetConfig& u = config.unet;
  if (u.window_px < 16 || !(u.depth_window_mm > 0) || !(u.candidate_sigma > 0) || u.threshold < 0 ||
      u.threshold >= 1 || u.min_area_px < 1 || u.batch_tiles < 1 || !(u.cluster_xy_um > 0) ||
      !(u.cluster_z_um > 0)) {
    throw bad_input(
        "configuration: unet.* out of range (need window_px >= 16, depth_window_mm > 0, "
        "candidate_sigma > 0, threshold in [0, 1), min_area_px >= 1, batch_tiles >= 1, "
        "cluster distances > 0)");
  }
  const TrainConfig& t = config.train;
  if (t.steps < 1 || t.batch < 1 || !(t.learning_rate > 0) || t.weight_decay < 0 ||
      t.window_px < 16 || !(t.depth_band_um > 0) || t.positives_per_particle < 0 ||
      t.near_negatives_per_particle < 0 || t.far_negatives_per_hologram < 0 ||
      t.validation_fraction < 0 || t.validation_fraction >= 1 || t.checkpoint_every < 0 ||
      t.validate_every < 0) {
    throw bad_input(
        "configuration: train.* out of range (need steps, batch >= 1, learning_rate > 0, "
        "window_px >= 16, depth_band_um > 0, counts >= 0, validation_fraction in [0, 1))");
  }
  if (config.runtime.threads < 0) {
    throw bad_input("configuration: runtime.threads = " + std::to_string(config.runtime.threads) +
                    " must be 0 (all cores) or more");
  }
  if (config.runtime.workers_per_device < 1 || config.runtime.workers_per_device > 64) {
    throw bad_input("configuration: runtime.workers_per_device = " +
                    std::to_string(config.runtime.workers_per_device) + ": expected 1 to 64");
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

void apply_products_yaml(Config& config, const std::string& yaml, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& error) {
    throw bad_input(origin + ": not valid YAML: " + error.what());
  }
  if (root.IsMap() && root["products"]) {
    apply_node(config, root["products"], "products", origin);
  }
}

std::string to_yaml(const Config& config) {
  YAML::Emitter out;
  out.SetDoublePrecision(10);
  out << YAML::BeginMap;
  out << YAML::Key << "optics" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "wavelength_m" << YAML::Value << config.optics.wavelength_m;
  out << YAML::Key << "pixel_pitch_x_m" << YAML::Value << config.optics.pixel_pitch_x_m;
  out << YAML::Key << "pixel_pitch_y_m" << YAML::Value << config.optics.pixel_pitch_y_m;
  out << YAML::Key << "z_min_m" << YAML::Value << config.optics.z_min_m;
  out << YAML::Key << "z_max_m" << YAML::Value << config.optics.z_max_m;
  out << YAML::EndMap;
  out << YAML::Key << "reconstruction" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "planes" << YAML::Value << config.reconstruction.planes;
  out << YAML::Key << "field" << YAML::Value << config.reconstruction.field;
  out << YAML::Key << "pad" << YAML::Value << config.reconstruction.pad;
  out << YAML::Key << "fft_planning" << YAML::Value << config.reconstruction.fft_planning;
  out << YAML::Key << "band_limit" << YAML::Value << config.reconstruction.band_limit;
  out << YAML::Key << "remove_carrier" << YAML::Value << config.reconstruction.remove_carrier;
  out << YAML::Key << "background_radius_px" << YAML::Value
      << config.reconstruction.background_radius_px;
  out << YAML::Key << "min_padding_px" << YAML::Value << config.reconstruction.min_padding_px;
  out << YAML::Key << "batch_planes" << YAML::Value << config.reconstruction.batch_planes;
  out << YAML::Key << "window_guard_step_um" << YAML::Value
      << config.reconstruction.window_guard_step_um;
  out << YAML::EndMap;
  out << YAML::Key << "synth" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "particles" << YAML::Value << config.synth.particles;
  out << YAML::Key << "d_min_um" << YAML::Value << config.synth.d_min_um;
  out << YAML::Key << "d_max_um" << YAML::Value << config.synth.d_max_um;
  out << YAML::Key << "mean_d_min_um" << YAML::Value << config.synth.mean_d_min_um;
  out << YAML::Key << "mean_d_max_um" << YAML::Value << config.synth.mean_d_max_um;
  out << YAML::Key << "min_separation_um" << YAML::Value << config.synth.min_separation_um;
  out << YAML::Key << "ellipse_fraction" << YAML::Value << config.synth.ellipse_fraction;
  out << YAML::Key << "padding_fraction" << YAML::Value << config.synth.padding_fraction;
  out << YAML::Key << "nbits" << YAML::Value << config.synth.nbits;
  out << YAML::Key << "noise" << YAML::Value << config.synth.noise;
  out << YAML::Key << "beam" << YAML::Value << config.synth.beam;
  out << YAML::Key << "ccdelevel" << YAML::Value << config.synth.ccdelevel;
  out << YAML::Key << "read_noise_std" << YAML::Value << config.synth.read_noise_std;
  out << YAML::Key << "frac_beam_distort" << YAML::Value << config.synth.frac_beam_distort;
  out << YAML::Key << "window_dust" << YAML::Value << config.synth.window_dust;
  out << YAML::Key << "fixed_window_dust" << YAML::Value << config.synth.fixed_window_dust;
  out << YAML::Key << "fixed_dust_z_um" << YAML::Value << config.synth.fixed_dust_z_um;
  out << YAML::Key << "hologram_period_s" << YAML::Value << config.synth.hologram_period_s;
  out << YAML::Key << "stray_fringe_contrast" << YAML::Value << config.synth.stray_fringe_contrast;
  out << YAML::Key << "hot_pixels" << YAML::Value << config.synth.hot_pixels;
  out << YAML::Key << "power_jitter" << YAML::Value << config.synth.power_jitter;
  out << YAML::EndMap;
  out << YAML::Key << "classic" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "threshold_sigma" << YAML::Value << config.classic.threshold_sigma;
  out << YAML::Key << "background_radius_px" << YAML::Value << config.classic.background_radius_px;
  out << YAML::Key << "min_area_px" << YAML::Value << config.classic.min_area_px;
  out << YAML::Key << "min_contrast" << YAML::Value << config.classic.min_contrast;
  out << YAML::EndMap;
  out << YAML::Key << "depth" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "refine" << YAML::Value << config.depth.refine;
  out << YAML::Key << "step_um" << YAML::Value << config.depth.step_um;
  out << YAML::Key << "span_planes" << YAML::Value << config.depth.span_planes;
  out << YAML::Key << "anchor_step_um" << YAML::Value << config.depth.anchor_step_um;
  out << YAML::EndMap;
  out << YAML::Key << "tiling" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "tile_size" << YAML::Value << config.tiling.tile_size;
  out << YAML::Key << "step" << YAML::Value << config.tiling.step;
  out << YAML::EndMap;
  const UnetConfig& u = config.unet;
  out << YAML::Key << "unet" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "model" << YAML::Value << u.model;
  out << YAML::Key << "work_items" << YAML::Value << u.work_items;
  out << YAML::Key << "window_px" << YAML::Value << u.window_px;
  out << YAML::Key << "depth_window_mm" << YAML::Value << u.depth_window_mm;
  out << YAML::Key << "candidate_sigma" << YAML::Value << u.candidate_sigma;
  out << YAML::Key << "threshold" << YAML::Value << u.threshold;
  out << YAML::Key << "min_area_px" << YAML::Value << u.min_area_px;
  out << YAML::Key << "batch_tiles" << YAML::Value << u.batch_tiles;
  out << YAML::Key << "cluster_xy_um" << YAML::Value << u.cluster_xy_um;
  out << YAML::Key << "cluster_z_um" << YAML::Value << u.cluster_z_um;
  out << YAML::Key << "shadow_margin_um" << YAML::Value << u.shadow_margin_um;
  out << YAML::Key << "min_score" << YAML::Value << u.min_score;
  out << YAML::EndMap;
  const TrainConfig& t = config.train;
  out << YAML::Key << "train" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "steps" << YAML::Value << t.steps;
  out << YAML::Key << "batch" << YAML::Value << t.batch;
  out << YAML::Key << "learning_rate" << YAML::Value << t.learning_rate;
  out << YAML::Key << "weight_decay" << YAML::Value << t.weight_decay;
  out << YAML::Key << "loss" << YAML::Value << t.loss;
  out << YAML::Key << "augment" << YAML::Value << t.augment;
  out << YAML::Key << "window_px" << YAML::Value << t.window_px;
  out << YAML::Key << "depth_band_um" << YAML::Value << t.depth_band_um;
  out << YAML::Key << "positives_per_particle" << YAML::Value << t.positives_per_particle;
  out << YAML::Key << "near_negatives_per_particle" << YAML::Value << t.near_negatives_per_particle;
  out << YAML::Key << "far_negatives_per_hologram" << YAML::Value << t.far_negatives_per_hologram;
  out << YAML::Key << "validation_fraction" << YAML::Value << t.validation_fraction;
  out << YAML::Key << "depth" << YAML::Value << t.depth;
  out << YAML::Key << "base_width" << YAML::Value << t.base_width;
  out << YAML::Key << "channels" << YAML::Value << t.channels;
  out << YAML::Key << "checkpoint_every" << YAML::Value << t.checkpoint_every;
  out << YAML::Key << "validate_every" << YAML::Value << t.validate_every;
  out << YAML::Key << "seed" << YAML::Value << t.seed;
  out << YAML::EndMap;
  const ProductsConfig& p = config.products;
  out << YAML::Key << "products" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "size_bins_um" << YAML::Value << p.size_bins_um;
  out << YAML::Key << "edge_margin_um" << YAML::Value << p.edge_margin_um;
  out << YAML::Key << "artefact_xy_um" << YAML::Value << p.artefact_xy_um;
  out << YAML::Key << "artefact_z_um" << YAML::Value << p.artefact_z_um;
  out << YAML::Key << "artefact_fraction" << YAML::Value << p.artefact_fraction;
  out << YAML::Key << "artefact_min_holograms" << YAML::Value << p.artefact_min_holograms;
  out << YAML::Key << "round_max_aspect_ratio" << YAML::Value << p.round_max_aspect_ratio;
  out << YAML::Key << "interval_s" << YAML::Value << p.interval_s;
  out << YAML::EndMap;
  out << YAML::Key << "runtime" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "device" << YAML::Value << config.runtime.device;
  out << YAML::Key << "threads" << YAML::Value << config.runtime.threads;
  out << YAML::Key << "workers_per_device" << YAML::Value << config.runtime.workers_per_device;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace holodet::pipeline
