#pragma once
// Reconstructs a hologram at many depths by angular-spectrum propagation: the spectrum of the
// (padded) hologram is computed once by set_hologram(), then each propagate() call turns a
// batch of depths into planes. The caller streams the planes batch by batch: all planes of a
// hologram are never held at once.
//
// Layout of every frame, in and out: [x][y], x the slower axis (holodet/core/frame.h). Output
// planes have the hologram's size (the padding is cropped away). Depths in metres from the
// sensor; a negative depth propagates the other way. PlaneBatch is host memory; the network
// input (kNetworkInput) stays where the propagator made it, on its device (network_input()).
// The GPU backends synchronise their stream before propagate() returns.

#include <array>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "holodet/core/devices.h"
#include "holodet/core/frame.h"
#include "holodet/core/optics.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/min_projection.h"

namespace holodet::propagate {

// What the propagated field starts from.
enum class FieldMode {
  kCounts,          // the counts themselves (what the reference does)
  kNormalised,      // counts / smooth background: the reference's field, ≈ 1 away from
                    // particles whatever the beam profile and exposure
  kSqrtCounts,      // sqrt(counts): the field amplitude
  kSqrtNormalised,  // sqrt(counts / smooth background): ≈ 1 away from particles
};

// What fills the padding around the hologram.
enum class PadMode {
  kEdgeMean,  // the mean of the frame's border pixels: no step at the frame's edge on average
  kReflect,   // the frame mirrored at its edges: no step at all
};

struct PropagationSettings {
  Optics optics;  // wavelength and pixel pitches are used; the depth range is the caller's
  FieldMode field = FieldMode::kNormalised;
  PadMode pad = PadMode::kReflect;
  bool band_limit = true;          // Matsushima & Shimobaba (2009) anti-aliasing limit
  bool remove_carrier = true;      // drop the constant phase exp(i·2π·z/λ) of each plane
  int background_radius_px = 48;   // box radius of the background estimate (kSqrtNormalised)
  std::size_t min_padding_px = 0;  // at least this much padding on each side before rounding
                                   // up to a fast FFT size
};

// Bit flags of the outputs a propagate() call fills.
enum PlaneOutput : unsigned {
  kField = 1u,               // complex field E_z
  kAmplitude = 2u,           // |E_z|
  kPhase = 4u,               // arg(E_z) in (−π, π]
  kNetworkInput = 8u,        // normalised amplitude tiles, in the segmenter's layout (below), left
                             // in the propagator's device memory: network_input()
  kMinimumProjection = 16u,  // the amplitude folded into a running minimum-amplitude
                             // projection kept on the device: minimum_projection()
};

// The segmenter's input, written by the propagator straight from the field: for each plane
// and tile, tile_size × tile_size values (amplitude − offset) · scale
// (network_normalisation.h), [x][y] within the tile.
// network_input[((p · tiles) + t) · tile_size² + tx · tile_size + ty] for plane p, tile t.
struct NetworkInputLayout {
  std::size_t tile_size = 512;
  std::vector<std::array<std::size_t, 2>> tile_origins;  // (x0, y0); empty: the whole frame
  bool float16 = false;                                  // IEEE half rather than float32
  float offset = 0.0f;
  float scale = 1.0f;
};

// Planes of one propagate() call, each output stored plane after plane:
// output[p * size_x * size_y + i * size_y + j] for plane p, pixel (i, j).
struct PlaneBatch {
  std::vector<double> z_m;
  std::size_t size_x = 0;
  std::size_t size_y = 0;
  std::vector<std::complex<float>> field;
  std::vector<float> amplitude;
  std::vector<float> phase;

  std::size_t plane_count() const { return z_m.size(); }
  FrameView<const float> amplitude_plane(std::size_t p) const {
    return {std::span<const float>(amplitude).subspan(p * size_x * size_y, size_x * size_y), size_x,
            size_y};
  }
};

// The network input of the last propagate() that asked for kNetworkInput, where the propagator
// wrote it: CUDA device memory for `--device cuda`, host memory for the CPU and cpu-kernels
// backends. The segmenter reads it in place (segment::TileSource); it stays valid until the
// next propagate() or set_network_input() on the same propagator.
struct NetworkInputView {
  const void* data = nullptr;  // float32 values, or IEEE-half bits when float16
  bool float16 = false;
  bool on_cuda = false;  // false: host memory
  int cuda_device = 0;
  std::size_t planes = 0;
  std::size_t tiles = 0;  // per plane
  std::size_t tile_x = 0;
  std::size_t tile_y = 0;
  std::size_t values() const { return planes * tiles * tile_x * tile_y; }
};

// A host copy of a NetworkInputView: one of the two vectors filled.
struct HostNetworkInput {
  std::vector<float> f32;
  std::vector<std::uint16_t> f16;
};

class Propagator {
 public:
  virtual ~Propagator() = default;

  // Prepares the field (FieldMode, padding) and computes its spectrum. Throws bad_input for
  // a frame of another size than the propagator was made for, or non-finite values.
  virtual void set_hologram(FrameView<const float> counts) = 0;

  // Starts from a complex field as it is (no FieldMode); padded per PadMode. For propagating
  // a reconstructed plane further, and for the physics tests.
  virtual void set_field(FrameView<const std::complex<float>> field) = 0;

  // The current spectrum (padded_size_x × padded_size_y values, [x][y]) on the host, and the
  // way back: the batch's plane workers transform a hologram once and share the spectrum
  // instead of each transforming it again. set_spectrum throws bad_input for another size.
  virtual std::vector<std::complex<float>> spectrum() const = 0;
  virtual void set_spectrum(std::span<const std::complex<float>> spectrum) = 0;

  // Sets the tiles kNetworkInput writes. Throws bad_input when a tile leaves the frame.
  virtual void set_network_input(const NetworkInputLayout& layout) = 0;

  // Fills `out` with the requested outputs (PlaneOutput flags) of the planes at `z_m`; with
  // kNetworkInput, network_input() then holds their tiles. Batches of up to max_batch()
  // planes run together; longer lists are split internally.
  virtual void propagate(std::span<const double> z_m, unsigned outputs, PlaneBatch& out) = 0;

  // The tiles of the last propagate() with kNetworkInput (empty before one), and a host copy
  // of them (for tests and tools: the pipeline reads them in place).
  virtual NetworkInputView network_input() const = 0;
  virtual HostNetworkInput download_network_input() const = 0;

  // The minimum-amplitude projection (min_projection.h) of every plane propagated with
  // kMinimumProjection since the last set_hologram(), set_field() or set_spectrum(), which
  // start a new one. Folded where the planes are (on a GPU, in device memory: no plane
  // crosses the bus) and downloaded by this call, 8 B a pixel. Planes must come in ascending
  // depth within and across calls: ties keep the nearer plane, as MinimumProjection::add().
  virtual MinimumProjection minimum_projection() const = 0;

  // The padded transform size, x then y.
  virtual std::size_t padded_size_x() const = 0;
  virtual std::size_t padded_size_y() const = 0;
  virtual std::size_t max_batch() const = 0;
  virtual std::string description() const = 0;  // "CPU FFTW, 2 threads" / "CUDA cuFFT, H100"
};

struct PropagatorOptions {
  std::size_t size_x = 0;  // the hologram's size
  std::size_t size_y = 0;
  PropagationSettings settings;
  Backend backend = Backend::kCpu;
  int cuda_device = 0;
  int threads = 0;            // CPU threads (FFT, cpu-kernels launchers); 0: all hardware threads
  std::size_t max_batch = 8;  // planes transformed together (the CUDA and cpu-kernels backends)
  FftPlanning fft_planning = FftPlanning::kMeasure;
};

// Checks the options (sizes, optics) and makes the backend. Throws bad_input for invalid
// options, and Error("built without CUDA") when asked for CUDA in a build without it.
// Backend::kCpuKernels makes the GPU backend with its kernels run on the host: the same
// batching, staging, buffers and kernel bodies as CUDA, FFTW in cuFFT's place.
std::unique_ptr<Propagator> make_propagator(const PropagatorOptions& options);

// Counts as floats in [x][y] layout, for set_hologram().
std::vector<float> counts_to_float(std::span<const std::uint16_t> counts);

}  // namespace holodet::propagate
