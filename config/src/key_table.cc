// The table of configuration keys (config_keys.h).
//
// Adding a key is one entry here (its name, member, range or choices, and its line of the
// documentation) plus the struct member in config.h and the code that uses it. Parsing, the
// range check in validate(), to_yaml and docs/CONFIGURATION.md follow from the entry; the
// config tests then fail until the regenerated document is committed (HOLODET_UPDATE_DOCS=1).
// The order here is to_yaml's, and to_yaml is part of a batch run's identity: never reorder.
// A new key adds its line to to_yaml's output, so add it at the end of its group and add that
// one line to the golden files by hand (tests/config/golden/); no other line may change.
#include <type_traits>
#include <utility>

#include "config_keys.h"
#include "holodet/config/config_choices.h"
#include "holodet/products/product_settings.h"

namespace holodet::config {
namespace {

// The entries' builders, over the pointer-to-member pair `&Config::group, &Group::member`.
// The member's type gives the kind: int or double for number(), bool for flag(), an enum of
// config_choices.h for choice() (its names come from ChoiceNames), std::string for text(); a
// mismatch does not compile.
template <auto kGroup, auto kField>
constexpr auto member_of() {
  using T = std::remove_cvref_t<decltype(std::declval<Config&>().*kGroup.*kField)>;
  return MemberOf<T>{[](Config& config) -> T& { return config.*kGroup.*kField; },
                     [](const Config& config) -> const T& { return config.*kGroup.*kField; }};
}

template <auto kGroup, auto kField>
constexpr Key number(std::string_view name, Range range, std::string_view doc) {
  constexpr auto member = member_of<kGroup, kField>();
  constexpr bool is_int = std::is_same_v<decltype(member), const MemberOf<int>>;
  static_assert(is_int || std::is_same_v<decltype(member), const MemberOf<double>>);
  return {name, is_int ? ValueKind::kInt : ValueKind::kDouble, member, range, {}, nullptr, doc};
}

template <auto kGroup, auto kField>
constexpr Key flag(std::string_view name, std::string_view doc) {
  return {name, ValueKind::kBool, member_of<kGroup, kField>(), {}, {}, nullptr, doc};
}

template <auto kGroup, auto kField>
constexpr Key choice(std::string_view name, std::string_view doc) {
  using Choice = std::remove_cvref_t<decltype(std::declval<Config&>().*kGroup.*kField)>;
  static_assert(std::is_enum_v<Choice>);
  constexpr ChoiceOf member{
      [](const Config& config) { return static_cast<int>(config.*kGroup.*kField); },
      [](Config& config, int index) { config.*kGroup.*kField = static_cast<Choice>(index); }};
  return {name, ValueKind::kChoice, member, {}, ChoiceNames<Choice>::names, nullptr, doc};
}

template <auto kGroup, auto kField>
constexpr Key text(std::string_view name, std::string_view doc, TextCheck check = nullptr) {
  return {name, ValueKind::kText, member_of<kGroup, kField>(), {}, {}, check, doc};
}

void check_size_bins(std::string_view value, const std::string& where) {
  products::parse_size_bins(value, where);
}

using C = Config;
using R = ReconstructionConfig;
using S = SynthConfig;
using U = UnetConfig;
using T = TrainConfig;
using P = ProductsConfig;

// constexpr: the table exists before any code runs, whatever the order of static initialisers.
constexpr Key kKeys[] = {
    // optics: validate(Optics) checks them (finite, positive, z_min_m < z_max_m).
    number<&C::optics, &Optics::wavelength_m>("optics.wavelength_m", any_value(),
                                              "laser wavelength (m); archive attribute `lambda`"),
    number<&C::optics, &Optics::pixel_pitch_x_m>(
        "optics.pixel_pitch_x_m", any_value(),
        "pixel pitch along x, the archive's `xsize` axis (m); `dx`"),
    number<&C::optics, &Optics::pixel_pitch_y_m>("optics.pixel_pitch_y_m", any_value(),
                                                 "pixel pitch along y (m); `dy`"),
    number<&C::optics, &Optics::z_min_m>("optics.z_min_m", any_value(),
                                         "nearest depth from the sensor (m); `zMin`"),
    number<&C::optics, &Optics::z_max_m>("optics.z_max_m", any_value(),
                                         "farthest depth (m); `zMax`"),

    // At most a million as well: validate() says so after the table, in the words the CLI
    // promises ("must be at most 1000000").
    number<&C::reconstruction, &R::planes>(
        "reconstruction.planes", at_least(1),
        "planes at the bin centres of `planes` equal bins over [z_min, z_max]"),
    choice<&C::reconstruction, &R::field>(
        "reconstruction.field",
        "what is propagated: `counts` (as the reference does), `normalised` (counts over a "
        "smooth background estimate: the reference's field, ≈ 1 away from particles), `sqrt` or "
        "`sqrt_normalised` (the square roots). Propagating sqrt(I) ≈ 1 − Re(a) halves a "
        "particle's contrast at focus, and the classic detector lost half its depth accuracy "
        "with it"),
    choice<&C::reconstruction, &R::pad>("reconstruction.pad",
                                        "padding up to the FFT size: `reflect` (mirrored frame) "
                                        "or `edge_mean` (mean of the border)"),
    choice<&C::reconstruction, &R::fft_planning>(
        "reconstruction.fft_planning",
        "CPU FFT plans: `measure` (fastest; FFTW's timed choice, kept as wisdom) or "
        "`deterministic` (FFTW's heuristic alone: the same bits in every process and for any "
        "thread count; [BATCH.md](BATCH.md#reproducible-to-the-bit))"),
    flag<&C::reconstruction, &R::band_limit>(
        "reconstruction.band_limit",
        "Matsushima & Shimobaba (2009) band limit against aliasing at large depths"),
    flag<&C::reconstruction, &R::remove_carrier>(
        "reconstruction.remove_carrier",
        "drop the constant phase exp(i·2π·z/λ) of each plane (amplitudes are unchanged)"),
    number<&C::reconstruction, &R::background_radius_px>(
        "reconstruction.background_radius_px", at_least(1),
        "box radius of the background estimate (two passes)"),
    number<&C::reconstruction, &R::min_padding_px>(
        "reconstruction.min_padding_px", at_least(0),
        "padding on each side before rounding up to a fast FFT size (2·3·5·7-smooth)"),
    number<&C::reconstruction, &R::batch_planes>(
        "reconstruction.batch_planes", in_closed(1, 16),
        "planes propagated together (1–16); on CUDA one batched cuFFT; one work item of the "
        "plane workers"),
    number<&C::reconstruction, &R::window_guard_step_um>(
        "reconstruction.window_guard_step_um", zero_or_at_least(50, "0: no guard planes"),
        "guard planes outside the sample volume, this far apart (0: none; else at least 50): "
        "every step from 0.5 mm off the sensor up to zMin, and from zMax to 10 mm beyond. Pass 1 "
        "of both detectors folds them into the minimum projection, and a candidate whose darkest "
        "pixels reach their minimum there (dust or a scratch on a window) is dropped before any "
        "further work: nothing outside [zMin, zMax] is reported. At the defaults, 47 planes more "
        "in pass 1 (2.4 % of the 2 000 propagations of a hologram)"),

    number<&C::synth, &S::particles>("synth.particles", at_least(0),
                                     "particles per hologram (`--particles` overrides)"),
    number<&C::synth, &S::d_min_um>("synth.d_min_um", above(0),
                                    "smallest diameter (Dpmin) of the diameter range; the gamma "
                                    "distribution of diameters is truncated to it"),
    number<&C::synth, &S::d_max_um>(
        "synth.d_max_um", any_value(),
        "largest diameter (Dpmax) of that range, at least `synth.d_min_um`"),
    number<&C::synth, &S::mean_d_min_um>(
        "synth.mean_d_min_um", any_value(),
        "each hologram draws its mean diameter from the range from this to "
        "`synth.mean_d_max_um`, and its shape µ from 1–4"),
    number<&C::synth, &S::mean_d_max_um>("synth.mean_d_max_um", any_value(),
                                         "upper end of the hologram's mean diameter range"),
    number<&C::synth, &S::min_separation_um>("synth.min_separation_um", at_least(0),
                                             "least lateral distance between particle centres"),
    number<&C::synth, &S::ellipse_fraction>(
        "synth.ellipse_fraction", in_closed(0, 1),
        "share of non-spherical particles (ellipses, axis ratio 0.4–1, any orientation)"),
    number<&C::synth, &S::padding_fraction>(
        "synth.padding_fraction", at_least(0),
        "simulation padding on each side, as a fraction of the frame: 0.5 doubles each axis, so "
        "nothing wraps around"),
    number<&C::synth, &S::nbits>("synth.nbits", either(8, 16), "8- or 16-bit counts (Nbits)"),
    flag<&C::synth, &S::noise>("synth.noise", "shot and read noise (should_noise)"),
    flag<&C::synth, &S::beam>("synth.beam", "smooth beam non-uniformity (should_beam)"),
    number<&C::synth, &S::ccdelevel>(
        "synth.ccdelevel", above(0),
        "electrons at unit intensity; the background sits at half of full scale"),
    number<&C::synth, &S::read_noise_std>("synth.read_noise_std", at_least(0),
                                          "read noise, electrons (readNoiseSTD)"),
    number<&C::synth, &S::frac_beam_distort>(
        "synth.frac_beam_distort", in_half_open(0, 1),
        "the beam varies within [1 − this, 1] (fracBeamDistort)"),
    number<&C::synth, &S::window_dust>(
        "synth.window_dust", at_least(0),
        "the instrument's artefacts, none in the particle table: specks of dust and scratch per "
        "hologram on the probe windows, half at z 0.5–4 mm (the sensor-side window), half at "
        "zMax to zMax + 8 mm (the far one); 15–120 µm, elongated (axis ratio 0.3–1). Their "
        "shadows are sharp; a detector must not report them (nothing outside [zMin, zMax] is)"),
    number<&C::synth, &S::fixed_window_dust>(
        "synth.fixed_window_dust", at_least(0),
        "specks of window dust at the same place in every hologram of the archive (drawn once "
        "from the seed), as real dust stays between cleanings; on the windows like "
        "`window_dust` unless `synth.fixed_dust_z_um`"),
    number<&C::synth, &S::fixed_dust_z_um>(
        "synth.fixed_dust_z_um", at_least(0),
        "> 0: the fixed specks at this depth, inside the sample volume, where a detector "
        "reports them (what the artefact flagging is tested with)"),
    number<&C::synth, &S::hologram_period_s>(
        "synth.hologram_period_s", at_least(0),
        "> 0: a `hologram_time` variable (CF time, seconds since the creation date) with the "
        "holograms this far apart"),
    number<&C::synth, &S::stray_fringe_contrast>(
        "synth.stray_fringe_contrast", in_half_open(0, 1),
        "fringes of a stray reflection: the intensity times 1 + c·cos(k·r + φ), period "
        "60–400 µm in a random direction"),
    number<&C::synth, &S::hot_pixels>("synth.hot_pixels", at_least(0),
                                      "pixels stuck at full scale per hologram"),
    number<&C::synth, &S::power_jitter>(
        "synth.power_jitter", in_half_open(0, 0.3),
        "laser power from frame to frame: each hologram's intensity times 1 + N(0, σ), clipped "
        "at 3σ (σ below 0.3)"),

    number<&C::classic, &ClassicConfig::threshold_sigma>(
        "classic.threshold_sigma", above(0),
        "classic detector: candidates are darker than their local background in the "
        "minimum-amplitude projection by this many robust sigmas (1.4826·MAD)"),
    number<&C::classic, &ClassicConfig::background_radius_px>(
        "classic.background_radius_px", at_least(1),
        "box radius of that background (two passes, candidates masked on the second)"),
    number<&C::classic, &ClassicConfig::min_area_px>(
        "classic.min_area_px", at_least(1),
        "the smallest particle kept, in pixels darker than half-way at best focus"),
    number<&C::classic, &ClassicConfig::min_contrast>(
        "classic.min_contrast", in_half_open(0, 1),
        "and its least contrast, 1 − floor/background at best focus. The ghosts that a large "
        "particle's rings leave in the projection have 0.2–0.37, real particles mostly above "
        "0.5 (docs/ACCURACY.md)"),
    number<&C::classic, &ClassicConfig::crowded_candidates_per_mpx>(
        "classic.crowded_candidates_per_mpx", at_least(0, "0: every frame is crowded"),
        "both detectors' candidates: a frame with this many dark spots per megapixel or more "
        "(counted at `classic.threshold_sigma`, for either method) "
        "is crowded, and its spots are found again with the two `classic.crowded_*` settings "
        "(`detect` says how many holograms were; frames under 1 megapixel never are, as a "
        "few large particles' rings make their count). 80 per megapixel is about 84 per 1024² "
        "and 1 270 in a full frame: the fringes of many particles raise the projection's noise, "
        "and large shadows were lost; in sparse frames the second scale costs more than it "
        "finds (docs/ACCURACY.md)"),
    number<&C::classic, &ClassicConfig::crowded_clutter>(
        "classic.crowded_clutter", at_least(0, "0: the count alone"),
        "a frame is crowded too where the robust spread of its projection's residual reaches "
        "this fraction of the projection's median: in the densest scenes the fringe minima of "
        "many particles are that spread, a threshold in sigmas rises with it, and more "
        "particles gave fewer spots than the bar (180 per 1024²: 25). Sparse crops, with the "
        "instrument's artefacts too, sit at 0.02–0.05; 150 per 1024² at 0.06–0.13 "
        "(docs/ACCURACY.md)"),
    number<&C::classic, &ClassicConfig::crowded_background_mask_sigma>(
        "classic.crowded_background_mask_sigma", above(0),
        "in a crowded frame, the background's second estimate leaves out the pixels darker than "
        "this many robust sigmas and a 2-pixel rim around them, so a large shadow does not lower "
        "its own background (in a sparse frame: those beyond the candidate threshold)"),
    number<&C::classic, &ClassicConfig::crowded_extended_scale_px>(
        "classic.crowded_extended_scale_px", at_least(0),
        "in a crowded frame, pixels also count as dark where the residual smoothed by a "
        "Gaussian of this σ (px) is beyond the threshold of its own spread: large shadows whose "
        "single pixels are only a few sigmas dark (0: the pixel scale alone)"),

    flag<&C::depth, &DepthConfig::refine>(
        "depth.refine",
        "both methods: after detection, refine each particle's z below the plane spacing and "
        "write its uncertainty `z_err` (µm, 1σ). A crop of the field (128² or larger) around the "
        "particle, taken from a full plane at the nearest anchor depth, is refocused at fine "
        "steps; the depth where the edge of the scattered field is sharpest is fitted below the "
        "step (`detect/include/holodet/detect/depth_refinement.h`). `false`: z from the planes "
        "alone, no `z_err` column"),
    number<&C::depth, &DepthConfig::step_um>(
        "depth.step_um", in_closed(0.5, 1000),
        "finest refocusing step: after a first scan of the whole range in 41 steps, ± 2 of "
        "those steps around the best at this step"),
    number<&C::depth, &DepthConfig::span_planes>(
        "depth.span_planes", in_closed(0.5, 20),
        "search at least ± this many plane spacings around the detector's z (and at least "
        "± 0.8 mm and ± 0.05·d²/λ, at most ± 3 mm). With `--method unet`, particles where the "
        "frame's depth of field λ/NA² (NA: half the frame's shorter side over z) exceeds 1.5 mm "
        "keep the network's z: a 1024² crop beyond about 100 mm, never a full frame"),
    number<&C::depth, &DepthConfig::anchor_step_um>(
        "depth.anchor_step_um", in_closed(50, 20000),
        "full planes propagated for the crops are this far apart: at most one per millimetre of "
        "depth with a particle near it (145 over HOLODEC's volume), whatever the particle count"),

    number<&C::tiling, &TilingConfig::tile_size>("tiling.tile_size", at_least(16),
                                                 "network tile (px)"),
    // At most tiling.tile_size: checked in validate(), after the table.
    number<&C::tiling, &TilingConfig::step>(
        "tiling.step", at_least(1),
        "px between tile origins, at most `tiling.tile_size`; the last tile is anchored to the "
        "edge. The reference used 128"),

    text<&C::unet, &U::model>(
        "unet.model",
        "`--method unet`'s model: our HDF5 weight file, a TorchScript `.pt` or an AOTInductor "
        "`.pt2` (docs/MODELS.md); empty: the shipped `samples/models/holodet-unet-v4.h5` "
        "(`--model` overrides)"),
    text<&C::unet, &U::crowded_model>(
        "unet.crowded_model",
        "the model for crowded frames (those `hologram_crowded` marks: dark spots at or beyond "
        "`classic.crowded_candidates_per_mpx`, or clutter at `classic.crowded_clutter`), of the "
        "same inputs as `unet.model`; empty: the shipped `samples/models/holodet-unet-v1.h5` "
        "when `unet.model` is empty too, else `unet.model` (a model given alone serves every "
        "frame). With `unet.work_items=dense` no frame is crowded"),
    choice<&C::unet, &U::work_items>(
        "unet.work_items",
        "`candidates`: one window per dark spot of the minimum projection, run only at the "
        "planes within `unet.depth_window_mm` of its depth; `dense`: every tile of every plane "
        "(`tiling.*`), stitched, as the reference did; `auto`: per hologram, the candidates "
        "unless the dense tiles hold fewer network pixels (beyond about 2 300 candidates per "
        "1024² at 1000 planes; `detect` says when it happens)"),
    number<&C::unet, &U::window_px>("unet.window_px", at_least(16),
                                    "side of a candidate window; a multiple of 2^depth of the "
                                    "model"),
    number<&C::unet, &U::depth_window_mm>(
        "unet.depth_window_mm", above(0),
        "planes within this distance of a candidate's depth-map estimate get a network pass"),
    number<&C::unet, &U::candidate_sigma>(
        "unet.candidate_sigma", above(0),
        "dark-spot threshold for candidates, robust sigmas (lower than the classic detector's "
        "6: the network rejects what is not a particle)"),
    number<&C::unet, &U::threshold>(
        "unet.threshold", in_half_open(0, 1),
        "pixel probability that counts as particle; 0: the model's own (0.5)"),
    number<&C::unet, &U::min_area_px>("unet.min_area_px", at_least(1),
                                      "smallest component kept on a plane"),
    number<&C::unet, &U::batch_tiles>("unet.batch_tiles", at_least(1), "tiles per network call"),
    number<&C::unet, &U::cluster_xy_um>(
        "unet.cluster_xy_um", above(0),
        "lateral extent of the ellipsoid that links detections: detections on neighbouring "
        "planes closer than this ellipsoid are one particle; its z is their "
        "probability-weighted mean depth"),
    number<&C::unet, &U::cluster_z_um>("unet.cluster_z_um", above(0),
                                       "depth extent of that ellipsoid (see `unet.cluster_xy_um`)"),
    number<&C::unet, &U::shadow_margin_um>(
        "unet.shadow_margin_um", any_value(),
        "a particle laterally within a larger one's radius plus this, seen on fewer planes, is "
        "dropped: the network answering to the larger particle's defocused fringes at another "
        "depth. 0 keeps all"),
    number<&C::unet, &U::min_score>(
        "unet.min_score", any_value(),
        "a particle whose best detection's mean probability is below this is dropped: the "
        "network's faint answers away from any focus. Chosen on a tuning set "
        "(docs/ACCURACY.md)"),

    number<&C::train, &T::steps>("train.steps", at_least(1),
                                 "optimiser steps (`--steps` overrides)"),
    number<&C::train, &T::batch>("train.batch", at_least(1), "tiles per optimiser step"),
    number<&C::train, &T::learning_rate>(
        "train.learning_rate", above(0),
        "AdamW's learning rate; the rate decays along a cosine to 5 % of itself"),
    number<&C::train, &T::weight_decay>("train.weight_decay", at_least(0), "AdamW's weight decay"),
    choice<&C::train, &T::loss>("train.loss", "`dice` or `focal_tversky` (α 0.7, γ 0.75)"),
    flag<&C::train, &T::augment>(
        "train.augment", "flips and transposes, brightness and offset, noise, a slight blur"),
    number<&C::train, &T::window_px>(
        "train.window_px", at_least(16),
        "training tile side (the network is fully convolutional: it runs on 512 px tiles too)"),
    number<&C::train, &T::depth_band_um>(
        "train.depth_band_um", above(0),
        "a particle is \"in focus\" on planes within this of its z: the label's depth band"),
    number<&C::train, &T::band_depth_of_field_fraction>(
        "train.band_depth_of_field_fraction", at_least(0),
        "> 0: a particle's band is this fraction of the frame's depth of field λ/NA² (NA: half "
        "the frame's smaller side over z) where that exceeds `train.depth_band_um`, so far "
        "particles, whose depth a narrow frame resolves coarsely, are not labelled in focus at "
        "one plane and out of focus at the next; 0: `train.depth_band_um` at every depth"),
    number<&C::train, &T::positives_per_particle>(
        "train.positives_per_particle", at_least(0),
        "tiles around each particle at planes inside 0.8 × the band"),
    number<&C::train, &T::near_negatives_per_particle>(
        "train.near_negatives_per_particle", at_least(0),
        "tiles around each particle 2 to 6 bands away from its focus"),
    number<&C::train, &T::shadow_negatives_per_particle>(
        "train.shadow_negatives_per_particle", at_least(0),
        "tiles around each particle at a depth anywhere in the volume beyond 6 bands of its "
        "focus, so that its blurred shadow far from focus is not marked as another particle"),
    number<&C::train, &T::far_negatives_per_hologram>("train.far_negatives_per_hologram",
                                                      at_least(0), "tiles anywhere, at any depth"),
    number<&C::train, &T::validation_fraction>("train.validation_fraction", in_half_open(0, 1),
                                               "the last holograms, held out for validation"),
    number<&C::train, &T::depth>(
        "train.depth", any_value(),
        "U-Net levels (with `train.base_width` at the defaults: 3.0 GMAC per 512² tile)"),
    number<&C::train, &T::base_width>("train.base_width", any_value(),
                                      "U-Net channels at full resolution"),
    text<&C::train, &T::channels>("train.channels", "`amplitude` or `amplitude,phase`"),
    number<&C::train, &T::checkpoint_every>(
        "train.checkpoint_every", at_least(0),
        "steps between checkpoints (`<out>.checkpoint.h5`, `--resume`)"),
    number<&C::train, &T::validate_every>("train.validate_every", at_least(0),
                                          "steps between validations"),
    number<&C::train, &T::seed>("train.seed", any_value(),
                                "tile sampling, augmentation and initial weights"),

    // products: products::validate checks them, as it does the settings `stats` is given.
    text<&C::products, &P::size_bins_um>(
        "products.size_bins_um",
        "size bin edges in µm for the distributions: edges and ranges `first:last:step` "
        "(`holodet stats --bins`) ([PRODUCTS.md](PRODUCTS.md))",
        check_size_bins),
    number<&C::products, &P::edge_margin_um>(
        "products.edge_margin_um", any_value(),
        "particles centred within this of the frame's edge, or cut by it, are flagged "
        "`near_frame_edge`; the margin is not sample volume"),
    number<&C::products, &P::artefact_xy_um>(
        "products.artefact_xy_um", any_value(),
        "detections of other holograms within this in x, y ..."),
    number<&C::products, &P::artefact_z_um>(
        "products.artefact_z_um", any_value(),
        "... and this in z are the same place (window specks' apparent depths scatter by "
        "millimetres)"),
    number<&C::products, &P::artefact_fraction>(
        "products.artefact_fraction", any_value(),
        "a place seen in more than this share of the run's holograms is a "
        "`recurring_artefact` ..."),
    number<&C::products, &P::artefact_min_holograms>("products.artefact_min_holograms", any_value(),
                                                     "... and in at least this many"),
    number<&C::products, &P::round_max_aspect_ratio>(
        "products.round_max_aspect_ratio", any_value(),
        "round (liquid) particles: the in-focus mask's major / minor axis at most this"),
    number<&C::products, &P::interval_s>(
        "products.interval_s", any_value(),
        "> 0: distributions per time interval of this length (`--interval 1s`); 0: per "
        "hologram"),

    // runtime.device: check_device_request() in validate(), after the table.
    text<&C::runtime, &RuntimeConfig::device>(
        "runtime.device",
        "`auto`, `cpu`, `cpu-kernels` (the GPU pipeline with its kernels run on the CPU: for "
        "testing, slower than `cpu`), `cuda`, `cuda:N` or `N,M,...`"),
    number<&C::runtime, &RuntimeConfig::threads>("runtime.threads",
                                                 at_least(0, "0: all hardware threads"),
                                                 "CPU threads; 0 means all hardware threads"),
    number<&C::runtime, &RuntimeConfig::workers_per_device>(
        "runtime.workers_per_device", in_closed(1, 64),
        "plane workers on each device of `runtime.device` (on the CPU, in all), each with its "
        "propagator and model copy; `holodet batch --workers-per-device` "
        "([BATCH.md](BATCH.md#plane-workers-every-device-several-models-per-device))"),
};

}  // namespace

std::span<const Key> keys() {
  return kKeys;
}

}  // namespace holodet::config
