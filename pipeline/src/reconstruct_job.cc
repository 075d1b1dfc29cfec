#include "holodet/pipeline/reconstruct_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>

#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"
#include "holodet/io/image_file.h"
#include "holodet/pipeline/hologram_input.h"
#include "holodet/pipeline/progress.h"
#include "holodet/pipeline/reconstruction.h"
#include "holodet/propagate/min_projection.h"
#include "holodet/propagate/plane_set.h"

namespace holodet::pipeline {
namespace {

struct IndexRow {
  std::string file;
  std::string kind;
  double z_um;  // NaN for the projections
  double offset;
  double scale;
};

// Writes one [x][y] float frame; for PNG picks offset/scale (fixed range, or the frame's own
// min..max when `range_low` ≥ `range_high`) and records them.
IndexRow write_frame(const std::filesystem::path& folder, const std::string& name,
                     const std::string& kind, double z_um, std::span<const float> values,
                     std::size_t nx, std::size_t ny, PlaneImageFormat format, double range_low,
                     double range_high) {
  if (format == PlaneImageFormat::kTiff) {
    io::write_tiff_float32(folder / (name + ".tif"), nx, ny, values);
    return {name + ".tif", kind, z_um, 0.0, 1.0};
  }
  double low = range_low, high = range_high;
  if (low >= high) {
    low = INFINITY;
    high = -INFINITY;
    for (float value : values) {
      if (std::isfinite(value)) {
        low = std::min<double>(low, value);
        high = std::max<double>(high, value);
      }
    }
    if (!(high > low)) {
      high = low + 1;
    }
  }
  const double scale = (high - low) / 65535.0;
  std::vector<std::uint16_t> stored(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double level = std::isfinite(values[k]) ? (values[k] - low) / scale : 0.0;
    stored[k] = static_cast<std::uint16_t>(std::clamp(std::lround(level), 0L, 65535L));
  }
  io::write_png_gray16(folder / (name + ".png"), nx, ny, stored);
  return {name + ".png", kind, z_um, low, scale};
}

void write_index(const std::filesystem::path& folder, const std::vector<IndexRow>& rows) {
  io::AtomicOutput output(folder / "index.csv");
  {
    std::ofstream file(output.temp_path());
    file << "# physical value = offset + stored value * scale; images have rows = y, columns = x\n";
    file << "file,kind,z_um,offset,scale\n";
    file.precision(10);
    for (const IndexRow& row : rows) {
      file << row.file << ',' << row.kind << ',';
      if (std::isfinite(row.z_um)) {
        file << row.z_um;
      }
      file << ',' << row.offset << ',' << row.scale << '\n';
    }
    if (!file.flush()) {
      throw runtime_failure((folder / "index.csv").string() + ": cannot write");
    }
  }
  output.commit();
}

std::filesystem::path prepare_folder(const std::filesystem::path& folder) {
  std::error_code error;
  if (std::filesystem::exists(folder, error) && !std::filesystem::is_directory(folder, error)) {
    throw bad_input("--out " + folder.string() + ": exists and is not a folder");
  }
  const std::filesystem::path parent = folder.has_parent_path() ? folder.parent_path() : ".";
  if (!std::filesystem::is_directory(parent, error)) {
    throw bad_input("--out " + folder.string() + ": its parent folder " + parent.string() +
                    " does not exist");
  }
  std::filesystem::create_directory(folder, error);
  if (error) {
    throw runtime_failure("--out " + folder.string() + ": cannot create: " + error.message());
  }
  return folder;
}

std::string plane_name(const std::string& stem, int hid, double z_m, const char* kind) {
  char text[96];
  std::snprintf(text, sizeof(text), "_h%d_z%06ldum_%s", hid, std::lround(z_m * 1e6), kind);
  return stem + text;
}

}  // namespace

ReconstructSummary run_reconstruct(const ReconstructRequest& request, const Config& config) {
  const auto start = std::chrono::steady_clock::now();
  propagate::check_planes(request.z_m, "planes");
  const HologramInput input(request.input, config);
  const io::Hologram hologram = input.read(request.hid);
  const std::filesystem::path folder = prepare_folder(request.out_dir);
  const InputDescription& description = input.description();
  const std::size_t nx = hologram.size_x, ny = hologram.size_y;

  const DeviceChoice devices = choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet) {
    std::fprintf(stderr, "%s\n", devices.fallback_note.c_str());
  }
  auto propagator = make_run_propagator(nx, ny, config, description.optics, devices);
  const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
  propagator->set_hologram({std::span<const float>(counts), nx, ny});

  const std::string stem = request.input.stem().string();
  std::vector<IndexRow> index;
  propagate::MinimumProjection projection(nx, ny);
  Progress progress("reconstruct " + request.input.filename().string(), request.z_m.size(),
                    "planes", request.quiet);
  const std::size_t batch_size =
      std::max<std::size_t>(1, static_cast<std::size_t>(config.reconstruction.batch_planes));
  const unsigned outputs = propagate::kAmplitude | (request.phase ? propagate::kPhase : 0u);
  propagate::PlaneBatch batch;
  for (std::size_t first = 0; first < request.z_m.size(); first += batch_size) {
    const std::size_t count = std::min(batch_size, request.z_m.size() - first);
    propagator->propagate(std::span<const double>(request.z_m).subspan(first, count), outputs,
                          batch);
    for (std::size_t p = 0; p < count; ++p) {
      const double z = batch.z_m[p];
      const std::span<const float> amplitude = batch.amplitude_plane(p).values;
      projection.add(batch.amplitude_plane(p), z);
      if (request.amplitude) {
        index.push_back(write_frame(folder, plane_name(stem, request.hid, z, "amplitude"),
                                    "amplitude", z * 1e6, amplitude, nx, ny, request.format, 0, 0));
      }
      if (request.phase) {
        const std::span<const float> phase =
            std::span<const float>(batch.phase).subspan(p * nx * ny, nx * ny);
        index.push_back(write_frame(folder, plane_name(stem, request.hid, z, "phase"), "phase",
                                    z * 1e6, phase, nx, ny, request.format, -std::numbers::pi,
                                    std::numbers::pi));
      }
      progress.advance();
    }
  }
  progress.finish();

  const std::string prefix = stem + "_h" + std::to_string(request.hid);
  index.push_back(write_frame(folder, prefix + "_min_amplitude", "min_amplitude", NAN,
                              projection.minimum(), nx, ny, request.format, 0, 0));
  std::vector<float> depth_um(projection.depth_m().size());
  std::transform(projection.depth_m().begin(), projection.depth_m().end(), depth_um.begin(),
                 [](float z) { return z * 1e6f; });
  index.push_back(write_frame(folder, prefix + "_depth_um", "depth_um", NAN, depth_um, nx, ny,
                              request.format, 0, 0));
  write_index(folder, index);

  ReconstructSummary summary;
  summary.planes = request.z_m.size();
  summary.files = index.size() + 1;
  summary.device = propagator->description();
  summary.fallback_note = devices.fallback_note;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace holodet::pipeline
