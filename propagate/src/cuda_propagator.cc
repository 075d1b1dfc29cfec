// The CUDA backend: the padded field is prepared on the host once per hologram, uploaded
// through pinned memory and transformed once; each batch of planes is then one fused
// transfer-function pass (H computed on the fly), one batched inverse cuFFT, and one
// crop-and-convert pass, all on this propagator's stream. One propagator per device: the
// pipeline fans planes out over devices by making one each.
#include "cuda_propagator.h"

#include <cufft.h>
#include <vector_functions.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>

#include "cuda_kernels.h"
#include "cuda_resources.h"
#include "field_preparation.h"
#include "holodet/core/error.h"
#include "holodet/propagate/angular_spectrum.h"
#include "network_input.h"

namespace holodet::propagate::detail {

void throw_cufft_error(int status, const char* expression, const char* file, int line) {
  std::string message = "cuFFT error " + std::to_string(status) + " in " + expression + " at " +
                        file + ":" + std::to_string(line);
  if (status == CUFFT_ALLOC_FAILED) {
    message = "CUDA out of memory: " + message;
  }
  throw runtime_failure(message);
}

namespace {

class CudaPropagator final : public Propagator {
 public:
  explicit CudaPropagator(const PropagatorOptions& options)
      : geometry_(padded_geometry(options.size_x, options.size_y, options.settings.min_padding_px)),
        settings_(options.settings),
        device_(options.cuda_device),
        max_batch_(std::clamp<std::size_t>(options.max_batch, 1, kMaxCudaBatch)) {
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    cudaDeviceProp properties{};
    HOLODET_CUDA_CHECK(cudaGetDeviceProperties(&properties, device_));
    device_name_ = properties.name;
    stream_ = std::make_unique<Stream>();  // made after cudaSetDevice: it belongs to device_
    const std::size_t padded = padded_count();
    const std::size_t pixels = geometry_.size_x * geometry_.size_y;
    spectrum_ = DeviceBuffer<float2>(padded);
    work_ = DeviceBuffer<float2>(padded * max_batch_);
    // Output staging is sized for the largest output (the complex field) of a full batch.
    outputs_ = DeviceBuffer<float>(pixels * max_batch_ * 4);
    host_outputs_ = PinnedBuffer<float>(pixels * max_batch_ * 4);
    host_field_ = PinnedBuffer<float>(padded * 2);
    forward_ = std::make_unique<CufftPlan>(static_cast<int>(geometry_.padded_x),
                                           static_cast<int>(geometry_.padded_y), 1, stream_->get());
  }

  void set_hologram(FrameView<const float> counts) override {
    const std::vector<float> field = prepare_field(counts, geometry_, settings_);
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    std::copy(field.begin(), field.end(), host_field_.get());
    float* real = reinterpret_cast<float*>(work_.get());  // work is free between batches
    HOLODET_CUDA_CHECK(cudaMemcpyAsync(real, host_field_.get(), field.size() * sizeof(float),
                                       cudaMemcpyHostToDevice, stream_->get()));
    // Widening in place would overwrite unread input: widen into the spectrum buffer.
    launch_real_to_complex(real, spectrum_.get(), field.size(), stream_->get());
    transform_spectrum();
  }

  void set_field(FrameView<const std::complex<float>> field) override {
    const std::vector<std::complex<float>> padded =
        prepare_complex_field(field, geometry_, settings_.pad);
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    std::copy_n(reinterpret_cast<const float*>(padded.data()), padded.size() * 2,
                host_field_.get());
    HOLODET_CUDA_CHECK(cudaMemcpyAsync(spectrum_.get(), host_field_.get(),
                                       padded.size() * sizeof(float2), cudaMemcpyHostToDevice,
                                       stream_->get()));
    transform_spectrum();
  }

  std::vector<std::complex<float>> spectrum() const override {
    if (!has_spectrum_) {
      throw runtime_failure("propagation: spectrum() before set_hologram()");
    }
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    std::vector<std::complex<float>> host(padded_count());
    HOLODET_CUDA_CHECK(cudaMemcpy(host.data(), spectrum_.get(), host.size() * sizeof(float2),
                                  cudaMemcpyDeviceToHost));
    return host;
  }

  void set_spectrum(std::span<const std::complex<float>> spectrum) override {
    check_spectrum_size(spectrum.size(), padded_count());
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    HOLODET_CUDA_CHECK(cudaMemcpy(spectrum_.get(), spectrum.data(),
                                  spectrum.size() * sizeof(float2), cudaMemcpyHostToDevice));
    has_spectrum_ = true;
  }

  void set_network_input(const NetworkInputLayout& layout) override {
    tiles_ = resolve_tiles(layout, geometry_.size_x, geometry_.size_y);
    network_layout_ = layout;
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    std::vector<int2> origins;
    for (const auto& origin : tiles_.origins) {
      origins.push_back(make_int2(static_cast<int>(origin[0]), static_cast<int>(origin[1])));
    }
    tile_origins_ = DeviceBuffer<int2>(origins.size());
    HOLODET_CUDA_CHECK(cudaMemcpy(tile_origins_.get(), origins.data(),
                                  origins.size() * sizeof(int2), cudaMemcpyHostToDevice));
    // float32 staging for a full batch; half values use the first half of it.
    const std::size_t values = max_batch_ * origins.size() * tiles_.tile_x * tiles_.tile_y;
    network_staging_ = DeviceBuffer<float>(values);
    host_network_ = PinnedBuffer<float>(values);
  }

  void propagate(std::span<const double> z_m, unsigned outputs, PlaneBatch& out) override {
    if (!has_spectrum_) {
      throw runtime_failure("propagation: propagate() before set_hologram()");
    }
    HOLODET_CUDA_CHECK(cudaSetDevice(device_));
    if ((outputs & kNetworkInput) && network_staging_.size() == 0) {
      set_network_input(network_layout_);  // the default layout: the whole frame
    }
    prepare_plane_batch(z_m, outputs, geometry_.size_x, geometry_.size_y, tiles_,
                        network_layout_.float16, out);
    for (std::size_t first = 0; first < z_m.size(); first += max_batch_) {
      const std::size_t count = std::min(max_batch_, z_m.size() - first);
      run_batch(z_m.subspan(first, count), first, outputs, out);
    }
  }

  std::size_t padded_size_x() const override { return geometry_.padded_x; }
  std::size_t padded_size_y() const override { return geometry_.padded_y; }
  std::size_t max_batch() const override { return max_batch_; }
  std::string description() const override {
    return "CUDA cuFFT on cuda:" + std::to_string(device_) + " (" + device_name_ + "), batch " +
           std::to_string(max_batch_);
  }

 private:
  std::size_t padded_count() const { return geometry_.padded_x * geometry_.padded_y; }

  void transform_spectrum() {
    HOLODET_CUFFT_CHECK(
        cufftExecC2C(forward_->get(), reinterpret_cast<cufftComplex*>(spectrum_.get()),
                     reinterpret_cast<cufftComplex*>(spectrum_.get()), CUFFT_FORWARD));
    HOLODET_CUDA_CHECK(cudaStreamSynchronize(stream_->get()));
    has_spectrum_ = true;
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
      constants.factor[b] = make_float2(static_cast<float>(scale * std::cos(angle)),
                                        static_cast<float>(scale * std::sin(angle)));
    }
    return constants;
  }

  CufftPlan& inverse_plan(std::size_t batch) {
    auto found = inverse_plans_.find(batch);
    if (found == inverse_plans_.end()) {
      found = inverse_plans_
                  .emplace(batch, CufftPlan(static_cast<int>(geometry_.padded_x),
                                            static_cast<int>(geometry_.padded_y),
                                            static_cast<int>(batch), stream_->get()))
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
    launch_apply_transfer_function(spectrum_.get(), work_.get(), grid, constants, stream_->get());
    auto* work = reinterpret_cast<cufftComplex*>(work_.get());
    HOLODET_CUFFT_CHECK(cufftExecC2C(inverse_plan(z_m.size()).get(), work, work, CUFFT_INVERSE));

    const std::size_t pixels = geometry_.size_x * geometry_.size_y;
    const std::size_t values = z_m.size() * pixels;
    // Device staging: field (2 floats per value), then amplitude, then phase.
    float* field = outputs & kField ? outputs_.get() : nullptr;
    float* amplitude = outputs & kAmplitude ? outputs_.get() + 2 * values : nullptr;
    float* phase = outputs & kPhase ? outputs_.get() + 3 * values : nullptr;
    const CropLayout layout{
        static_cast<int>(geometry_.size_x),   static_cast<int>(geometry_.size_y),
        static_cast<int>(geometry_.padded_x), static_cast<int>(geometry_.padded_y),
        static_cast<int>(geometry_.offset_x), static_cast<int>(geometry_.offset_y)};
    launch_crop_outputs(work_.get(), layout, constants, reinterpret_cast<float2*>(field), amplitude,
                        phase, stream_->get());
    // Only the requested outputs cross the bus: at full size one amplitude plane is 63 MB.
    auto download = [&](const float* device_part, std::size_t floats) {
      const std::size_t offset = static_cast<std::size_t>(device_part - outputs_.get());
      HOLODET_CUDA_CHECK(cudaMemcpyAsync(host_outputs_.get() + offset, device_part,
                                         floats * sizeof(float), cudaMemcpyDeviceToHost,
                                         stream_->get()));
    };
    if (field != nullptr) {
      download(field, 2 * values);
    }
    if (amplitude != nullptr) {
      download(amplitude, values);
    }
    if (phase != nullptr) {
      download(phase, values);
    }
    HOLODET_CUDA_CHECK(cudaStreamSynchronize(stream_->get()));
    const float* host = host_outputs_.get();
    if (field != nullptr) {
      std::copy_n(reinterpret_cast<const std::complex<float>*>(host), values,
                  out.field.begin() + static_cast<std::ptrdiff_t>(first * pixels));
    }
    if (amplitude != nullptr) {
      std::copy_n(host + 2 * values, values,
                  out.amplitude.begin() + static_cast<std::ptrdiff_t>(first * pixels));
    }
    if (phase != nullptr) {
      std::copy_n(host + 3 * values, values,
                  out.phase.begin() + static_cast<std::ptrdiff_t>(first * pixels));
    }
  }

  PaddedGeometry geometry_;
  PropagationSettings settings_;
  int device_;
  std::size_t max_batch_;
  std::string device_name_;
  std::unique_ptr<Stream> stream_;
  DeviceBuffer<float2> spectrum_;
  DeviceBuffer<float2> work_;
  DeviceBuffer<float> outputs_;
  PinnedBuffer<float> host_outputs_;
  PinnedBuffer<float> host_field_;
  std::unique_ptr<CufftPlan> forward_;
  std::map<std::size_t, CufftPlan> inverse_plans_;
  bool has_spectrum_ = false;
  NetworkInputLayout network_layout_;
  ResolvedTiles tiles_;
  DeviceBuffer<int2> tile_origins_;
  DeviceBuffer<float> network_staging_;
  PinnedBuffer<float> host_network_;
};

}  // namespace

std::unique_ptr<Propagator> make_cuda_propagator(const PropagatorOptions& options) {
  return std::make_unique<CudaPropagator>(options);
}

}  // namespace holodet::propagate::detail
