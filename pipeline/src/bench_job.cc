#include "holodet/pipeline/bench_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <type_traits>

#include "holodet/core/error.h"
#include "holodet/core/json_text.h"
#include "holodet/core/version.h"
#include "holodet/detect/detector.h"
#include "holodet/detect/method.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/atomic_output.h"
#include "holodet/io/hologram_input.h"
#include "holodet/propagate/device_bandwidth.h"
#include "holodet/propagate/plane_set.h"
#include "holodet/segment/torch_reference_propagation.h"
#include "holodet/segment/torch_runtime.h"
#include "holodet/segment/unet_options.h"
#include "holodet/simulate/hologram_simulator.h"
#include "holodet/simulate/synthetic_hologram.h"

namespace holodet::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

StageTiming summarise(const std::string& stage, std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  return {stage, seconds[seconds.size() / 2], seconds.front(), seconds.back()};
}

// Host memory bandwidth (bytes read + written per second) of a 256 MiB copy on every thread:
// the floor the CPU propagation is measured against.
double measure_host_bandwidth() {
  const std::size_t bytes = std::size_t{256} << 20;
  std::vector<char> from(bytes, 1), to(bytes, 0);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    const auto start = Clock::now();
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        const std::size_t share = bytes / threads;
        std::memcpy(to.data() + t * share, from.data() + t * share, share);
      });
    }
    for (std::thread& worker : workers) {
      worker.join();
    }
    best = std::max(best, 2.0 * static_cast<double>(bytes) / since(start));
  }
  return best;
}

io::Hologram synthetic_hologram(const BenchRequest& request, const config::Config& config) {
  simulate::SimulationSettings simulation;
  simulation.optics = config.optics;
  simulation.threads = config.runtime.threads;
  simulate::HologramSimulator simulator(request.synthetic_x, request.synthetic_y, simulation);
  simulate::PopulationSettings population;
  population.count = static_cast<std::size_t>(std::max(0, request.particles));
  population.z_min_um = config.optics.z_min_m * 1e6;
  population.z_max_um = config.optics.z_max_m * 1e6;
  std::mt19937_64 random(12345);
  io::Hologram hologram;
  hologram.size_x = request.synthetic_x;
  hologram.size_y = request.synthetic_y;
  hologram.counts =
      simulate::make_synthetic_hologram(simulator, population, simulate::SensorSettings{}, random)
          .counts;
  hologram.source = "synthetic";
  return hologram;
}

}  // namespace

BenchReport run_bench(const BenchRequest& request, const config::Config& config) {
  const detect::Method method = detect::choose_method(request.method, config);
  if (request.repeat < 1) {
    throw bad_input("--repeat " + std::to_string(request.repeat) + ": must be at least 1");
  }
  std::optional<io::HologramInput> input;
  io::Hologram hologram;
  Optics optics = config.optics;
  if (!request.input.empty()) {
    input.emplace(request.input, config.requested_optics());
    optics = input->description().optics;
    hologram = input->read(request.hid);
  } else {
    hologram = synthetic_hologram(request, config);
  }
  const std::vector<double> z_m = detect::run_depths(config, optics);
  const DeviceChoice devices = detect::choose_run_devices(config);
  // The detector detect and batch run, so the figures are theirs.
  const std::unique_ptr<detect::Detector> detector =
      detect::make_detector(method, config, optics, hologram.size_x, hologram.size_y, devices);
  const bool unet = method == detect::Method::kUnet;

  BenchReport report;
  report.method = detect::method_name(method);
  report.device = detector->device();
  report.build = build_description();
  report.torch = segment::torch_description();
  report.model = detector->model();
  report.size_x = hologram.size_x;
  report.size_y = hologram.size_y;
  report.padded_x = detector->padded_size_x();
  report.padded_y = detector->padded_size_y();
  report.planes = z_m.size();
  report.repeat = request.repeat;
  std::vector<double> read, spectrum, propagation, network, analysis, total;
  for (int run = -1; run < request.repeat; ++run) {  // run −1 is the warm-up
    const auto start = Clock::now();
    if (input) {
      hologram = input->read(request.hid);
    }
    const double read_s = since(start);
    const detect::Detection detection = detector->detect(hologram, z_m);
    if (run < 0) {
      continue;
    }
    spectrum.push_back(detection.seconds.spectrum);
    propagation.push_back(detection.seconds.propagation);
    network.push_back(detection.seconds.network);
    analysis.push_back(detection.seconds.analysis);
    const detect::DetectionCounts& counts = detection.counts;
    report.particles_found = detection.particles.size();
    report.planes_propagated = counts.planes_propagated;  // every pass, with the guard planes
    report.work_items = counts.work_items;
    report.tile_pixels = counts.tile_pixels;
    report.mask_pixels = counts.mask_pixels;
    report.bus_bytes_in_place = 8.0 * static_cast<double>(counts.work_items) +
                                20.0 * static_cast<double>(counts.mask_pixels);
    report.bus_bytes_host_round_trip =
        12.0 * static_cast<double>(counts.work_items) * static_cast<double>(counts.tile_pixels);
    read.push_back(read_s);
    total.push_back(since(start));
  }
  report.stages = {summarise("read", read), summarise("spectrum", spectrum),
                   summarise("propagation", propagation)};
  if (unet) {
    report.stages.push_back(summarise("network", network));
  }
  // The classic method's analysis is its focus search; the network's is clustering.
  report.stages.push_back(summarise(unet ? "clustering" : "analysis", analysis));
  report.stages.push_back(summarise("total", total));
  const auto propagated_planes = static_cast<double>(report.planes_propagated);
  report.holodet_s_per_plane = report.stages[2].median_s / propagated_planes;
  report.planes_per_s = 1.0 / report.holodet_s_per_plane;
  if (unet) {
    const double network_s = report.stages[3].median_s;
    report.tiles_per_s = static_cast<double>(report.work_items) / network_s;
    const segment::ModelInfo& info = *detector->model_info();
    const auto side = static_cast<std::int64_t>(std::sqrt(static_cast<double>(report.tile_pixels)));
    if (info.architecture == "unet") {
      report.multiply_adds_per_tile =
          static_cast<double>(segment::unet_multiply_adds(info.unet, side, side));
    }
    report.network_multiply_adds_per_s = report.multiply_adds_per_tile * report.tiles_per_s;
    report.device_multiply_adds_per_s = segment::measure_multiply_add_rate(
        devices.backend == Backend::kCuda ? "cuda:" + std::to_string(devices.cuda_indices.front())
                                          : "cpu");
    report.network_floor_fraction =
        report.network_multiply_adds_per_s / report.device_multiply_adds_per_s;
  }
  // Bytes per plane: the transfer-function pass reads the spectrum (8 B) and phase rate (4 B)
  // and writes 8 B per bin; an out-of-cache 2-D FFT reads and writes the frame twice (32 B per
  // bin); the crop reads 8 B and writes 4 B per pixel.
  const double bins = static_cast<double>(report.padded_x * report.padded_y);
  const double pixels = static_cast<double>(report.size_x * report.size_y);
  report.propagation_bytes_per_plane = 52.0 * bins + 12.0 * pixels;
  report.memory_bandwidth_bytes_per_s =
      devices.backend == Backend::kCuda
          ? propagate::measure_cuda_bandwidth(devices.cuda_indices.front())
          : measure_host_bandwidth();
  report.propagation_floor_fraction = report.propagation_bytes_per_plane /
                                      report.memory_bandwidth_bytes_per_s /
                                      report.holodet_s_per_plane;
  if (request.compare_torch) {
    const std::size_t count = std::min<std::size_t>(z_m.size(), 20);
    std::vector<double> sample(z_m.begin(), z_m.begin() + static_cast<std::ptrdiff_t>(count));
    const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
    const segment::TorchReferenceTiming torch_timing = segment::time_torch_reference(
        counts, hologram.size_x, hologram.size_y, report.padded_x, report.padded_y,
        optics.pixel_pitch_x_m, optics.pixel_pitch_y_m, optics.wavelength_m, sample,
        devices.backend == Backend::kCuda ? devices.cuda_indices.front() : -1);
    report.compared_with_torch = true;
    report.torch_s_per_plane = torch_timing.seconds_per_plane;
    report.torch_ratio = report.torch_s_per_plane / report.holodet_s_per_plane;
  }
  return report;
}

std::string bench_table(const BenchReport& r) {
  std::ostringstream out;
  out.precision(4);
  out << "bench: " << r.size_x << " x " << r.size_y << " px (padded " << r.padded_x << " x "
      << r.padded_y << "), " << r.planes << " planes, " << r.method << ", " << r.repeat
      << " runs after a warm-up, on " << r.device << "\n";
  if (!r.model.empty()) {
    out << "model: " << r.model << "\n";
  }
  out << "stage           median s    min s     max s\n";
  for (const StageTiming& stage : r.stages) {
    char line[96];
    std::snprintf(line, sizeof(line), "%-12s %10.3f %9.3f %9.3f\n", stage.stage.c_str(),
                  stage.median_s, stage.min_s, stage.max_s);
    out << line;
  }
  out << "propagation: " << r.planes_per_s << " planes/s (" << r.planes_propagated
      << " planes over both passes), " << r.propagation_bytes_per_plane / 1e6
      << " MB moved per plane";
  if (r.memory_bandwidth_bytes_per_s > 0) {
    out << "; memory floor " << r.propagation_bytes_per_plane / r.memory_bandwidth_bytes_per_s * 1e3
        << " ms at " << r.memory_bandwidth_bytes_per_s / 1e9
        << " GB/s measured: " << 100 * r.propagation_floor_fraction << " % of the floor's speed";
  }
  out << "\n";
  if (r.compared_with_torch) {
    out << "plain LibTorch: " << r.torch_s_per_plane * 1e3 << " ms/plane against holodet's "
        << r.holodet_s_per_plane * 1e3 << " ms/plane: ratio " << r.torch_ratio << "\n";
  }
  if (r.work_items > 0) {
    out << "network: " << r.work_items << " passes of " << r.tile_pixels << " px, " << r.tiles_per_s
        << " passes/s";
    if (r.multiply_adds_per_tile > 0) {
      out << ", " << r.multiply_adds_per_tile / 1e9
          << " GMAC each: " << r.network_multiply_adds_per_s / 1e9 << " GMAC/s against "
          << r.device_multiply_adds_per_s / 1e9 << " GMAC/s for a wide 3x3 convolution ("
          << 100 * r.network_floor_fraction << " %)";
    }
    out << "\n";
    out << "network bus traffic per hologram: " << r.bus_bytes_in_place / 1e6 << " MB in place ("
        << r.mask_pixels << " mask pixels back) against " << r.bus_bytes_host_round_trip / 1e6
        << " MB for a host round trip\n";
  }
  out << "particles found: " << r.particles_found << "\n";
  return out.str();
}

namespace {

// Counts exactly, measurements as json_number does (null when not finite).
template <typename T>
std::string json_value(T value) {
  if constexpr (std::is_integral_v<T>) {
    return std::to_string(value);
  } else {
    return json_number(static_cast<double>(value));
  }
}

}  // namespace

std::string bench_json(const BenchReport& r) {
  std::ostringstream out;
  out.precision(9);
  out << "{\n  \"device\": " << json_string(r.device) << ",\n  \"build\": " << json_string(r.build)
      << ",\n"
      << "  \"torch\": " << json_string(r.torch) << ",\n  \"model\": " << json_string(r.model)
      << ",\n"
      << "  \"method\": " << json_string(r.method) << ",\n  \"size\": [" << json_value(r.size_x)
      << ", " << json_value(r.size_y) << "],\n"
      << "  \"padded\": [" << json_value(r.padded_x) << ", " << json_value(r.padded_y)
      << "],\n  \"planes\": " << json_value(r.planes) << ",\n  \"repeat\": " << json_value(r.repeat)
      << ",\n  \"stages\": {";
  for (std::size_t k = 0; k < r.stages.size(); ++k) {
    const StageTiming& s = r.stages[k];
    out << (k ? ",\n" : "\n") << "    " << json_string(s.stage)
        << ": {\"median_s\": " << json_value(s.median_s) << ", \"min_s\": " << json_value(s.min_s)
        << ", \"max_s\": " << json_value(s.max_s) << "}";
  }
  out << "\n  },\n  \"planes_per_s\": " << json_value(r.planes_per_s)
      << ",\n  \"propagation_bytes_per_plane\": " << json_value(r.propagation_bytes_per_plane)
      << ",\n  \"memory_bandwidth_bytes_per_s\": " << json_value(r.memory_bandwidth_bytes_per_s)
      << ",\n  \"propagation_floor_fraction\": " << json_value(r.propagation_floor_fraction)
      << ",\n  \"planes_propagated\": " << json_value(r.planes_propagated)
      << ",\n  \"particles_found\": " << json_value(r.particles_found);
  if (r.work_items > 0) {
    out << ",\n  \"network\": {\"passes\": " << json_value(r.work_items)
        << ", \"tile_pixels\": " << json_value(r.tile_pixels)
        << ", \"passes_per_s\": " << json_value(r.tiles_per_s)
        << ", \"multiply_adds_per_pass\": " << json_value(r.multiply_adds_per_tile)
        << ", \"multiply_adds_per_s\": " << json_value(r.network_multiply_adds_per_s)
        << ", \"device_multiply_adds_per_s\": " << json_value(r.device_multiply_adds_per_s)
        << ", \"floor_fraction\": " << json_value(r.network_floor_fraction)
        << ", \"mask_pixels\": " << json_value(r.mask_pixels)
        << ", \"bus_bytes_in_place\": " << json_value(r.bus_bytes_in_place)
        << ", \"bus_bytes_host_round_trip\": " << json_value(r.bus_bytes_host_round_trip) << "}";
  }
  if (r.compared_with_torch) {
    out << ",\n  \"holodet_s_per_plane\": " << json_value(r.holodet_s_per_plane)
        << ",\n  \"torch_s_per_plane\": " << json_value(r.torch_s_per_plane)
        << ",\n  \"ratio\": " << json_value(r.torch_ratio);
  }
  out << "\n}\n";
  return out.str();
}

void write_bench_json(const std::filesystem::path& path, const BenchReport& report) {
  io::AtomicOutput output(path);
  {
    std::ofstream file(output.temp_path());
    file << bench_json(report);
    if (!file.flush()) {
      throw write_failure(path.string(), errno);
    }
  }
  output.commit();
}

}  // namespace holodet::pipeline
