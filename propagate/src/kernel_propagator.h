#pragma once
// Private to propagate/: the GPU backend, written once over an execution (where its buffers
// live, how bytes move, how the FFT and the kernels run): CudaExecution (cuda_execution.h:
// cudaMalloc, a stream, cuFFT, the CUDA kernels) for `--device cuda`, and HostExecution
// (host_execution.h: host memory, FFTW, the same kernel bodies in OpenMP loops) for
// `--device cpu-kernels`, which is how CI executes every line of this file.
//
// The padded field is prepared on the host once per hologram, uploaded through the staging
// buffer and transformed once; each batch of planes is then one fused transfer-function pass
// (H computed on the fly), one batched inverse FFT, one crop-and-convert pass for the host
// outputs, one tile gather for the network input and one fold into the minimum-amplitude
// projection; the last two stay in device memory.
//
// An execution provides: Buffer<T> (device memory) and Staging<T> (host memory the copies go
// through), each with get() and size(); activate() (make its device current); upload,
// download (asynchronous on its queue) and synchronize(); Plan make_plan(px, py, batch, data,
// direction) and execute(plan, data, direction); the launchers of cuda_kernels.h;
// on_cuda(), device() and description().

#include <algorithm>
#include <cmath>
#include <complex>
#include <map>
#include <memory>
#include <numbers>
#include <vector>

#include "field_preparation.h"
#include "holodet/core/error.h"
#include "holodet/propagate/angular_spectrum.h"
#include "holodet/propagate/propagator.h"
#include "kernels/kernel_types.h"
#include "network_input.h"

namespace holodet::propagate::detail {

template <typename Execution>
class KernelPropagator final : public Propagator {
 public:
  explicit KernelPropagator(const PropagatorOptions& options)
      : geometry_(padded_geometry(options.size_x, options.size_y, options.settings.min_padding_px)),
        settings_(options.settings),
        max_batch_(std::clamp<std::size_t>(options.max_batch, 1, kMaxKernelBatch)),
        execution_(options) {
    const std::size_t padded = padded_count();
    const std::size_t pixels = geometry_.size_x * geometry_.size_y;
    spectrum_ = Buffer<Complex32>(padded);
    work_ = Buffer<Complex32>(padded * max_batch_);
    // Output staging is sized for all three outputs of a full batch (field: 2 floats a value).
    outputs_ = Buffer<float>(pixels * max_batch_ * 4);
    host_outputs_ = Staging<float>(pixels * max_batch_ * 4);
    host_field_ = Staging<float>(padded * 2);
    projection_minimum_ = Buffer<float>(pixels);
    projection_depth_ = Buffer<float>(pixels);
    forward_ = execution_.make_plan(geometry_.padded_x, geometry_.padded_y, 1, spectrum_.get(),
                                    FftDirection::kForward);
    set_network_input(NetworkInputLayout{});
    reset_projection();  // an empty projection until the first hologram's planes
  }

  void set_hologram(FrameView<const float> counts) override {
    const std::vector<float> field = prepare_field(counts, geometry_, settings_);
    execution_.activate();
    std::copy(field.begin(), field.end(), host_field_.get());
    float* real = reinterpret_cast<float*>(work_.get());  // work is free between batches
    execution_.upload(real, host_field_.get(), field.size() * sizeof(float));
    // Widening in place would overwrite unread input: widen into the spectrum buffer.
    execution_.real_to_complex(real, spectrum_.get(), field.size());
    transform_spectrum();
    reset_projection();
  }

  void set_field(FrameView<const std::complex<float>> field) override {
    const std::vector<std::complex<float>> padded =
        prepare_complex_field(field, geometry_, settings_.pad);
    execution_.activate();
    std::copy_n(reinterpret_cast<const float*>(padded.data()), padded.size() * 2,
                host_field_.get());
    execution_.upload(spectrum_.get(), host_field_.get(), padded.size() * sizeof(Complex32));
    transform_spectrum();
    reset_projection();
  }

  std::vector<std::complex<float>> spectrum() const override {
    if (!has_spectrum_) {
      throw runtime_failure("propagation: spectrum() before set_hologram()");
    }
    execution_.activate();
    std::vector<std::complex<float>> host(padded_count());
    execution_.download(host.data(), spectrum_.get(), host.size() * sizeof(Complex32));
    execution_.synchronize();
    return host;
  }

  void set_spectrum(std::span<const std::complex<float>> spectrum) override {
    check_spectrum_size(spectrum.size(), padded_count());
    execution_.activate();
    execution_.upload(spectrum_.get(), spectrum.data(), spectrum.size() * sizeof(Complex32));
    reset_projection();
    execution_.synchronize();
    has_spectrum_ = true;
  }

  void set_network_input(const NetworkInputLayout& layout) override {
    tiles_ = resolve_tiles(layout, geometry_.size_x, geometry_.size_y);
    network_layout_ = layout;
    execution_.activate();
    std::vector<Index2> origins;
    for (const auto& origin : tiles_.origins) {
      origins.push_back({static_cast<int>(origin[0]), static_cast<int>(origin[1])});
    }
    tile_origins_ = Buffer<Index2>(origins.size());
    execution_.upload(tile_origins_.get(), origins.data(), origins.size() * sizeof(Index2));
    execution_.synchronize();
    network_planes_ = 0;  // the tiles of the last propagate() are of the old layout
  }

  void propagate(std::span<const double> z_m, unsigned outputs, PlaneBatch& out) override {
    if (!has_spectrum_) {
      throw runtime_failure("propagation: propagate() before set_hologram()");
    }
    execution_.activate();
    prepare_plane_batch(z_m, outputs, geometry_.size_x, geometry_.size_y, out);
    if (outputs & kNetworkInput) {
      reserve_network_input(z_m.size());
    }
    for (std::size_t first = 0; first < z_m.size(); first += max_batch_) {
      const std::size_t count = std::min(max_batch_, z_m.size() - first);
      run_batch(z_m.subspan(first, count), first, outputs, out);
    }
    execution_.synchronize();
    network_planes_ = outputs & kNetworkInput ? z_m.size() : 0;
  }

  NetworkInputView network_input() const override {
    return network_view(network_.get(), network_planes_, tiles_, network_layout_.float16,
                        execution_.on_cuda(), execution_.device());
  }

  HostNetworkInput download_network_input() const override {
    const NetworkInputView view = network_input();
    HostNetworkInput host;
    execution_.activate();
    if (view.float16) {
      host.f16.resize(view.values());
      execution_.download(host.f16.data(), view.data, host.f16.size() * sizeof(std::uint16_t));
    } else {
      host.f32.resize(view.values());
      execution_.download(host.f32.data(), view.data, host.f32.size() * sizeof(float));
    }
    execution_.synchronize();
    return host;
  }

  MinimumProjection minimum_projection() const override {
    const std::size_t pixels = geometry_.size_x * geometry_.size_y;
    std::vector<float> minimum(pixels), depth(pixels);
    execution_.activate();
    execution_.download(minimum.data(), projection_minimum_.get(), pixels * sizeof(float));
    execution_.download(depth.data(), projection_depth_.get(), pixels * sizeof(float));
    execution_.synchronize();
    return MinimumProjection(geometry_.size_x, geometry_.size_y, std::move(minimum),
                             std::move(depth), projection_planes_);
  }

  std::size_t padded_size_x() const override { return geometry_.padded_x; }
  std::size_t padded_size_y() const override { return geometry_.padded_y; }
  std::size_t max_batch() const override { return max_batch_; }
  std::string description() const override {
    return execution_.description() + ", batch " + std::to_string(max_batch_);
  }

 private:
  template <typename T>
  using Buffer = typename Execution::template Buffer<T>;
  template <typename T>
  using Staging = typename Execution::template Staging<T>;
  using Plan = typename Execution::Plan;

  std::size_t padded_count() const { return geometry_.padded_x * geometry_.padded_y; }

  void transform_spectrum() {
    execution_.execute(forward_, spectrum_.get(), FftDirection::kForward);
    execution_.synchronize();
    has_spectrum_ = true;
  }

  void reset_projection() {
    execution_.reset_minimum({projection_minimum_.get(), projection_depth_.get()},
                             geometry_.size_x * geometry_.size_y);
    projection_planes_ = 0;
  }

  // Device memory for the tiles of `planes` planes (float32 values; half bits use the first
  // half of it), grown when a call asks for more.
  void reserve_network_input(std::size_t planes) {
    const std::size_t values = planes * tiles_.origins.size() * tiles_.tile_x * tiles_.tile_y;
    if (network_.size() < values) {
      network_ = Buffer<float>();  // free before allocating the larger one
      network_ = Buffer<float>(values);
    }
  }

  BatchConstants constants_for(std::span<const double> z_m) const {
    BatchConstants constants;
    constants.count = static_cast<int>(z_m.size());
    const double wavelength = settings_.optics.wavelength_m;
    const double scale = 1.0 / static_cast<double>(padded_count());
    for (std::size_t b = 0; b < z_m.size(); ++b) {
      const double z = z_m[b];
      constants.z_m[b] = static_cast<float>(z);
      constants.limit_x[b] =
          settings_.band_limit
              ? static_cast<float>(band_limit(std::abs(z), geometry_.padded_x,
                                              settings_.optics.pixel_pitch_x_m, wavelength))
              : INFINITY;
      constants.limit_y[b] =
          settings_.band_limit
              ? static_cast<float>(band_limit(std::abs(z), geometry_.padded_y,
                                              settings_.optics.pixel_pitch_y_m, wavelength))
              : INFINITY;
      double angle = 0;
      if (!settings_.remove_carrier) {
        const double cycles = z / wavelength;
        angle = 2.0 * std::numbers::pi * (cycles - std::floor(cycles));
      }
      constants.factor[b] = {static_cast<float>(scale * std::cos(angle)),
                             static_cast<float>(scale * std::sin(angle))};
    }
    return constants;
  }

  // Planned before the transfer function fills the work buffer: FFTW's measuring planner
  // (cpu-kernels) overwrites the buffer it plans on.
  Plan& inverse_plan(std::size_t batch) {
    auto found = inverse_plans_.find(batch);
    if (found == inverse_plans_.end()) {
      found = inverse_plans_
                  .emplace(batch, execution_.make_plan(geometry_.padded_x, geometry_.padded_y,
                                                       batch, work_.get(), FftDirection::kInverse))
                  .first;
    }
    return found->second;
  }

  void run_batch(std::span<const double> z_m, std::size_t first, unsigned outputs,
                 PlaneBatch& out) {
    const BatchConstants constants = constants_for(z_m);
    const FrequencyGrid grid{static_cast<int>(geometry_.padded_x),
                             static_cast<int>(geometry_.padded_y), settings_.optics.pixel_pitch_x_m,
                             settings_.optics.pixel_pitch_y_m, 1.0 / settings_.optics.wavelength_m};
    Plan& inverse = inverse_plan(z_m.size());
    execution_.apply_transfer_function(spectrum_.get(), work_.get(), grid, constants);
    execution_.execute(inverse, work_.get(), FftDirection::kInverse);

    const CropLayout layout{
        static_cast<int>(geometry_.size_x),   static_cast<int>(geometry_.size_y),
        static_cast<int>(geometry_.padded_x), static_cast<int>(geometry_.padded_y),
        static_cast<int>(geometry_.offset_x), static_cast<int>(geometry_.offset_y)};
    if (outputs & kNetworkInput) {
      gather_tiles(layout, constants, first);
    }
    if (outputs & kMinimumProjection) {
      execution_.fold_minimum(work_.get(), layout, constants,
                              {projection_minimum_.get(), projection_depth_.get()});
      projection_planes_ += z_m.size();
    }
    if (outputs & (kField | kAmplitude | kPhase)) {
      crop_and_download(layout, constants, first, outputs, out);
    }
  }

  // The network input of this batch's planes, into the tile buffer after the earlier batches'.
  void gather_tiles(const CropLayout& layout, const BatchConstants& constants, std::size_t first) {
    const TileGather gather{static_cast<int>(tiles_.tile_x), static_cast<int>(tiles_.tile_y),
                            static_cast<int>(tiles_.origins.size()), network_layout_.offset,
                            network_layout_.scale};
    const std::size_t offset = first * tiles_.origins.size() * tiles_.tile_x * tiles_.tile_y;
    TileTargets targets;
    if (network_layout_.float16) {
      targets.f16 = reinterpret_cast<unsigned short*>(network_.get()) + offset;
    } else {
      targets.f32 = network_.get() + offset;
    }
    execution_.gather_network_tiles(work_.get(), layout, constants, tile_origins_.get(), gather,
                                    targets);
  }

  void crop_and_download(const CropLayout& layout, const BatchConstants& constants,
                         std::size_t first, unsigned outputs, PlaneBatch& out) {
    const std::size_t pixels = geometry_.size_x * geometry_.size_y;
    const std::size_t values = static_cast<std::size_t>(constants.count) * pixels;
    // Device staging: field (2 floats per value), then amplitude, then phase.
    CropTargets targets;
    targets.field = outputs & kField ? reinterpret_cast<Complex32*>(outputs_.get()) : nullptr;
    targets.amplitude = outputs & kAmplitude ? outputs_.get() + 2 * values : nullptr;
    targets.phase = outputs & kPhase ? outputs_.get() + 3 * values : nullptr;
    execution_.crop_outputs(work_.get(), layout, constants, targets);
    // Only the requested outputs cross the bus: at full size one amplitude plane is 63 MB.
    auto download = [&](const float* device_part, std::size_t floats) {
      const auto offset = static_cast<std::size_t>(device_part - outputs_.get());
      execution_.download(host_outputs_.get() + offset, device_part, floats * sizeof(float));
    };
    if (targets.field != nullptr) {
      download(outputs_.get(), 2 * values);
    }
    if (targets.amplitude != nullptr) {
      download(targets.amplitude, values);
    }
    if (targets.phase != nullptr) {
      download(targets.phase, values);
    }
    execution_.synchronize();
    const float* host = host_outputs_.get();
    const auto at = static_cast<std::ptrdiff_t>(first * pixels);
    if (targets.field != nullptr) {
      std::copy_n(reinterpret_cast<const std::complex<float>*>(host), values,
                  out.field.begin() + at);
    }
    if (targets.amplitude != nullptr) {
      std::copy_n(host + 2 * values, values, out.amplitude.begin() + at);
    }
    if (targets.phase != nullptr) {
      std::copy_n(host + 3 * values, values, out.phase.begin() + at);
    }
  }

  PaddedGeometry geometry_;
  PropagationSettings settings_;
  std::size_t max_batch_;
  Execution execution_;
  Buffer<Complex32> spectrum_;
  Buffer<Complex32> work_;
  Buffer<float> outputs_;
  Staging<float> host_outputs_;
  Staging<float> host_field_;
  Plan forward_;
  std::map<std::size_t, Plan> inverse_plans_;
  bool has_spectrum_ = false;
  NetworkInputLayout network_layout_;
  ResolvedTiles tiles_;
  Buffer<Index2> tile_origins_;
  Buffer<float> network_;
  std::size_t network_planes_ = 0;    // planes network_ holds from the last propagate()
  Buffer<float> projection_minimum_;  // the running minimum-amplitude projection
  Buffer<float> projection_depth_;
  std::size_t projection_planes_ = 0;
};

}  // namespace holodet::propagate::detail
