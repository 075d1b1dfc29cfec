#pragma once
// The effective configuration of a run: HOLODEC defaults (docs/HOLODEC.md), then a
// YAML file (--config), then `--set key=value` overrides and dedicated flags, in that order.
// Every key is dotted ("optics.wavelength_m"); an unknown key is an error, so typos show.
// The keys, their kinds, ranges and documentation are one table (config/src/key_table.cc),
// which parsing, validate(), to_yaml and docs/CONFIGURATION.md all follow; the names of the
// choice keys are their enums' names in config_choices.h.

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "holodet/config/config_choices.h"
#include "holodet/core/optics.h"
#include "holodet/io/requested_optics.h"
#include "holodet/products/product_settings.h"

namespace holodet::config {

struct ReconstructionConfig {
  int planes = 1000;  // HOLODEC convention: bins over [z_min, z_max], planes at bin centres
  Field field = Field::kNormalised;  // counts | normalised | sqrt | sqrt_normalised
  Pad pad = Pad::kReflect;           // reflect | edge_mean
  bool band_limit = true;            // Matsushima & Shimobaba (2009)
  bool remove_carrier = true;        // drop exp(i·2π·z/λ)
  int background_radius_px = 48;     // smooth background for sqrt_normalised
  int min_padding_px = 0;            // padding on each side before the FFT-size round-up
  int batch_planes = 8;              // planes propagated together
  // Guard planes outside the sample volume in pass 1 (volume_guard.h), this far apart; 0: none.
  double window_guard_step_um = 500;
  // CPU FFT plans: measure (fastest; FFTW times candidates once and keeps the choice as
  // wisdom) or deterministic (FFTW's heuristic alone: every run on every machine with this
  // FFTW gives the same bits, without relying on a shared wisdom file).
  FftPlanning fft_planning = FftPlanning::kMeasure;
};

// `holodet synth`: the population and the camera (names after the published sets' attributes).
struct SynthConfig {
  int particles = 50;         // per hologram (NParticles)
  double d_min_um = 10;       // Dpmin
  double d_max_um = 200;      // Dpmax
  double mean_d_min_um = 25;  // mean diameter drawn per hologram from this range
  double mean_d_max_um = 60;
  double min_separation_um = 0;     // lateral distance between particle centres
  double ellipse_fraction = 0;      // share of non-spherical particles
  double padding_fraction = 0.5;    // simulation padding on each side, of the frame's size
  int nbits = 8;                    // Nbits: 8 or 16-bit counts
  bool noise = true;                // should_noise: shot and read noise
  bool beam = true;                 // should_beam: smooth beam non-uniformity
  double ccdelevel = 2e4;           // electrons at unit intensity
  double read_noise_std = 12;       // electrons (readNoiseSTD)
  double frac_beam_distort = 0.02;  // fracBeamDistort
  // The instrument's artefacts (simulate/artefacts.h), off by default; never in the table.
  int window_dust = 0;               // specks on the probe windows per hologram
  int fixed_window_dust = 0;         // specks at the same place in every hologram
  double fixed_dust_z_um = 0;        // > 0: those specks at this depth, inside the volume
  double hologram_period_s = 0;      // > 0: hologram times this far apart (hologram_time)
  double stray_fringe_contrast = 0;  // stray-reflection fringes: intensity × (1 + c·cos)
  int hot_pixels = 0;                // pixels stuck at full scale per hologram
  double power_jitter = 0;           // laser power from frame to frame: relative σ
};

// `--method classic`: the physics-based detector (detect/classic_detector.h).
struct ClassicConfig {
  double threshold_sigma = 6;     // candidates: darker than the local background by this
  int background_radius_px = 24;  // box radius of that background
  int min_area_px = 3;            // smallest particle kept, in pixels at best focus
  double min_contrast = 0.4;      // 1 − floor/background at best focus (docs/ACCURACY.md)
  // Both detectors' candidates in crowded frames (cluster/dark_spots.h).
  double crowded_candidates_per_mpx = 80;
  double crowded_clutter = 0.08;  // ... or a residual spread this fraction of the median
  double crowded_background_mask_sigma = 2;
  double crowded_extended_scale_px = 3;
};

// Sub-plane depth after detection, both methods (detect/depth_refinement.h).
struct DepthConfig {
  bool refine = true;            // refocus a crop around each particle; false: the plane's z
  double step_um = 10;           // finest refocusing step
  double span_planes = 1.5;      // search at least ± this many plane spacings
  double anchor_step_um = 1000;  // full planes propagated for the crops, this far apart
};

struct TilingConfig {
  int tile_size = 512;  // px, the network's input
  int step = 512;       // px between tile origins; the reference used 128 (13 passes per pixel)
};

// `--method unet` (detect/unet_detector.h).
struct UnetConfig {
  std::string model;  // weight file (.h5) or TorchScript (.pt); "": shipped
  // The model for crowded frames (cluster/dark_spots.h); "": the shipped one when `model` is
  // empty too, else `model`.
  std::string crowded_model;
  WorkItems work_items =
      WorkItems::kAuto;          // candidates: windows around dark spots, at planes near
                                 // their depth | dense: every tile of every plane | auto:
                                 // candidates, unless dense needs fewer network pixels
  int window_px = 128;           // candidate windows (multiple of 2^depth)
  double depth_window_mm = 2.0;  // planes within this of a candidate's depth
  double candidate_sigma = 5;    // dark-spot threshold for candidates (robust sigmas)
  double threshold = 0;          // pixel probability; 0: the model's own
  int min_area_px = 3;           // smallest component kept per plane
  int batch_tiles = 16;          // tiles per network call
  double cluster_xy_um = 50;     // linking detections across planes
  double cluster_z_um = 1000;
  double shadow_margin_um = 10;  // drop particles in a larger one's shadow; 0: keep all
  double min_score = 0.9;        // drop particles whose best mean probability is below
};

// `holodet train`: data sampling, network and optimiser.
struct TrainConfig {
  int steps = 2000;
  int batch = 16;
  double learning_rate = 2e-3;
  double weight_decay = 1e-4;
  Loss loss = Loss::kDice;  // dice | focal_tversky
  bool augment = true;
  int window_px = 128;         // training tiles (the network is fully convolutional)
  double depth_band_um = 300;  // labels: particles within this of the plane are "in focus"
  // > 0: the band widens to this fraction of the frame's depth of field where that is wider
  // (train/focus_band.h); 0: depth_band_um everywhere.
  double band_depth_of_field_fraction = 0;
  int positives_per_particle = 2;
  int near_negatives_per_particle = 2;  // 2 to 6 depth bands away from the particle's focus
  // Tiles at each particle's place at any depth of the volume beyond 6 bands of its focus:
  // where its out-of-focus shadow would otherwise be marked as a second particle.
  int shadow_negatives_per_particle = 0;
  int far_negatives_per_hologram = 10;
  double validation_fraction = 0.15;  // of the holograms, the last ones
  int depth = 4;
  int base_width = 8;
  std::string channels = "amplitude";  // comma list of amplitude / phase [@offset_um]
  int checkpoint_every = 250;
  int validate_every = 250;
  int seed = 1;
};

// The microphysics products (docs/PRODUCTS.md): what `batch` writes beside its particles and
// `stats` recomputes. Not part of a run's identity: changing them never re-detects.
struct ProductsConfig {
  std::string size_bins_um = std::string(products::kDefaultSizeBins);  // edges, ranges a:b:step
  double edge_margin_um = 100;
  double artefact_xy_um = 20;
  double artefact_z_um = 10000;
  double artefact_fraction = 0.3;
  int artefact_min_holograms = 3;
  double round_max_aspect_ratio = 1.3;
  double interval_s = 0;  // > 0: distributions per interval of this length; else per hologram
};

struct RuntimeConfig {
  std::string device = "auto";  // auto | cpu | cuda | cuda:N | N,M
  int threads = 0;              // CPU threads; 0: all hardware threads
  int workers_per_device = 1;   // plane workers on each device (on the CPU: in all)
};

struct Config {
  Optics optics;
  ReconstructionConfig reconstruction;
  SynthConfig synth;
  ClassicConfig classic;
  DepthConfig depth;
  TilingConfig tiling;
  UnetConfig unet;
  TrainConfig train;
  ProductsConfig products;
  RuntimeConfig runtime;
  // Keys the user set (file or command line): such a value wins over what an archive states.
  std::set<std::string> explicit_keys;

  bool is_explicit(std::string_view key) const { return explicit_keys.contains(std::string(key)); }
  // The optics and which of them the user set, as an input file resolves them.
  io::RequestedOptics requested_optics() const { return {optics, explicit_keys}; }
};

// Applies one `key=value` (from --set or a flag); `origin` names where it came from for errors.
// An unknown key is refused with the nearest known one suggested; a value not of the key's kind
// (or not one of a choice key's names) is refused quoting it.
void apply_override(Config& config, std::string_view key, std::string_view value,
                    std::string_view origin);

// Applies a YAML file's keys. Throws bad_input naming the file, the key and the problem.
void apply_yaml_file(Config& config, const std::filesystem::path& path);

// Checks each key's range and choice, then the rules between keys (z range, d_max_um against
// d_min_um, tile step, the device request, the products' settings); throws bad_input naming
// the key, its value and the rule: "configuration: synth.nbits = 12: must be 8 or 16".
void validate(const Config& config);

// The effective configuration as YAML that apply_yaml_file reads back to the same Config, in the
// table's order. Part of a batch run's identity: tests/config/golden/ pins it byte for byte.
std::string to_yaml(const Config& config);

// Applies the `products` section of a YAML document (a results file's `config` attribute);
// other sections are ignored. Throws bad_input naming `origin` for a bad value.
void apply_products_yaml(Config& config, const std::string& yaml, const std::string& origin);

// The products' settings the configuration gives (size bins parsed).
products::ProductSettings product_settings(const Config& config);

}  // namespace holodet::config
