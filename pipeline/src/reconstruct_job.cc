#include "holodet/pipeline/reconstruct_job.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <optional>

#include "holodet/core/counted.h"
#include "holodet/core/diagnostics.h"
#include "holodet/core/error.h"
#include "holodet/core/progress.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/hologram_input.h"
#include "holodet/io/image_file.h"
#include "holodet/io/output_paths.h"
#include "holodet/io/plane_images.h"
#include "holodet/io/plane_volume.h"
#include "holodet/io/results_metadata.h"
#include "holodet/propagate/min_projection.h"
#include "holodet/propagate/plane_set.h"

namespace holodet::pipeline {
namespace {

std::string plane_name(const std::string& stem, int hid, double z_m, const char* kind) {
  char text[96];
  std::snprintf(text, sizeof(text), "_h%d_z%06ldum_%s", hid, std::lround(z_m * 1e6), kind);
  return stem + text;
}

std::string hologram_prefix(const std::string& stem, int hid) {
  return stem + "_h" + std::to_string(hid);
}

const char* extension_of(PlaneImageFormat format) {
  switch (format) {
    case PlaneImageFormat::kTiff:
      return ".tif";
    case PlaneImageFormat::kPng:
      return ".png";
    case PlaneImageFormat::kNetcdf:
      return ".nc";
  }
  return "";
}

// Every file name the run will write, index.csv included.
std::vector<std::string> planned_files(const ReconstructRequest& request, const std::string& stem) {
  const std::string extension = extension_of(request.format);
  std::vector<std::string> files{"index.csv"};
  for (int hid : request.hids) {
    const std::string prefix = hologram_prefix(stem, hid);
    if (request.format == PlaneImageFormat::kNetcdf) {
      files.push_back(prefix + extension);
      continue;
    }
    for (double z : request.z_m) {
      if (request.amplitude) {
        files.push_back(plane_name(stem, hid, z, "amplitude") + extension);
      }
      if (request.phase) {
        files.push_back(plane_name(stem, hid, z, "phase") + extension);
      }
    }
    files.push_back(prefix + "_min_amplitude" + extension);
    files.push_back(prefix + "_depth_um" + extension);
  }
  return files;
}

// An earlier reconstruction in the folder (what its index.csv lists, and any file this run
// would write) is refused, or with `overwrite` removed before the first plane. Returns how
// many files were removed.
std::size_t clear_earlier_reconstruction(const ReconstructRequest& request,
                                         const std::vector<std::string>& planned) {
  const std::filesystem::path& folder = request.out_dir;
  std::vector<std::string> earlier = io::files_in_index(folder);
  std::error_code error;
  const bool indexed = std::filesystem::exists(folder / "index.csv", error);
  if (indexed) {
    earlier.push_back("index.csv");
  }
  for (const std::string& name : planned) {
    if (std::filesystem::exists(folder / name, error)) {
      earlier.push_back(name);
    }
  }
  std::sort(earlier.begin(), earlier.end());
  earlier.erase(std::unique(earlier.begin(), earlier.end()), earlier.end());
  std::erase_if(earlier, [&](const std::string& name) {
    return !std::filesystem::is_regular_file(folder / name, error);
  });
  if (earlier.empty()) {
    return 0;
  }
  if (!request.overwrite) {
    throw bad_input("--out " + folder.string() + " holds an earlier reconstruction (" +
                    counted(earlier.size(), "file") + (indexed ? ", listed in index.csv" : "") +
                    ", e.g. " + earlier.front() +
                    "): add --overwrite to replace it, or choose another folder");
  }
  for (const std::string& name : earlier) {
    if (!std::filesystem::remove(folder / name, error) && error) {
      throw runtime_failure((folder / name).string() +
                            ": cannot remove the earlier file: " + system_reason(error.value()));
    }
  }
  return earlier.size();
}

// "12.3 GB", "450 kB": a size as people say it.
std::string in_bytes(double bytes) {
  const char* units[] = {"bytes", "kB", "MB", "GB", "TB"};
  std::size_t unit = 0;
  while (bytes >= 1000 && unit + 1 < std::size(units)) {
    bytes /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
  return text;
}

// Refuses, before any plane, files that will not fit on the folder's disk.
void check_free_space(const ReconstructRequest& request, std::size_t nx, std::size_t ny) {
  const double bytes_per_value = request.format == PlaneImageFormat::kPng ? 2.0 : 4.0;
  const double kinds = (request.amplitude ? 1.0 : 0.0) + (request.phase ? 1.0 : 0.0);
  const double per_hologram = (static_cast<double>(request.z_m.size()) * kinds + 2.0) *
                              static_cast<double>(nx * ny) * bytes_per_value;
  const double needed = per_hologram * static_cast<double>(request.hids.size());
  struct statvfs disk {};
  if (::statvfs(request.out_dir.c_str(), &disk) != 0) {
    return;  // the writes themselves will say what is wrong
  }
  const double available = static_cast<double>(disk.f_bavail) * static_cast<double>(disk.f_frsize);
  if (needed > available) {
    throw bad_input("--out " + request.out_dir.string() + ": the planes need about " +
                    in_bytes(needed) + ", the disk has " + in_bytes(available) +
                    " free (fewer planes or holograms, --format png, or another disk)");
  }
}

struct Range {
  double low = INFINITY;
  double high = -INFINITY;
  void add(std::span<const float> values) {
    for (float value : values) {
      if (std::isfinite(value)) {
        low = std::min<double>(low, value);
        high = std::max<double>(high, value);
      }
    }
  }
};

// One run over the planes of every requested hologram, calling `use(hid, k, batch, p)` for
// plane k of that hologram (batch plane p) and `done(hid, projection)` after each hologram.
template <typename UsePlane, typename HologramDone>
void for_each_plane(const ReconstructRequest& request, const io::HologramInput& input,
                    propagate::Propagator& propagator, std::size_t batch_size, unsigned outputs,
                    Progress& progress, UsePlane use, HologramDone done) {
  for (int hid : request.hids) {
    const io::Hologram hologram = input.read(hid);
    const std::size_t nx = hologram.size_x, ny = hologram.size_y;
    const std::vector<float> counts = propagate::counts_to_float(hologram.counts);
    propagator.set_hologram({std::span<const float>(counts), nx, ny});
    propagate::MinimumProjection projection(nx, ny);
    propagate::PlaneBatch batch;
    for (std::size_t first = 0; first < request.z_m.size(); first += batch_size) {
      const std::size_t count = std::min(batch_size, request.z_m.size() - first);
      propagator.propagate(std::span<const double>(request.z_m).subspan(first, count), outputs,
                           batch);
      for (std::size_t p = 0; p < count; ++p) {
        projection.add(batch.amplitude_plane(p), batch.z_m[p]);
        use(hid, first + p, batch, p);
        progress.advance();
      }
    }
    done(hid, projection);
  }
}

}  // namespace

ReconstructSummary run_reconstruct(const ReconstructRequest& asked, const config::Config& config) {
  const auto start = std::chrono::steady_clock::now();
  propagate::check_planes(asked.z_m, "planes");
  const io::HologramInput input(asked.input, config.requested_optics());
  const io::InputDescription& description = input.description();
  ReconstructRequest request = asked;
  request.hids = input.checked_ids(asked.hids);
  const std::size_t nx = description.size_x, ny = description.size_y;
  const std::filesystem::path inputs[] = {request.input};
  io::MadeFolders made(request.out_dir, "--out");
  const std::filesystem::path& folder = request.out_dir;
  const std::string stem = request.input.stem().string();
  const std::vector<std::string> planned = planned_files(request, stem);
  for (const std::string& name : planned) {
    io::check_not_an_input(folder / name, "--out", inputs);
  }
  check_free_space(request, nx, ny);
  ReconstructSummary summary;
  summary.replaced = clear_earlier_reconstruction(request, planned);

  const DeviceChoice devices = detect::choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet) {
    say(Said::kInfo, devices.fallback_note);
  }
  auto propagator = detect::make_run_propagator(nx, ny, config, description.optics, devices);
  const std::size_t batch_size =
      std::max<std::size_t>(1, static_cast<std::size_t>(config.reconstruction.batch_planes));
  const unsigned outputs = propagate::kAmplitude | (request.phase ? propagate::kPhase : 0u);
  const bool png = request.format == PlaneImageFormat::kPng;
  // PNG planes share one scale, so the run's amplitude range is found first: the planes are
  // computed twice (TIFF and NetCDF keep float32 and need no scale).
  const std::size_t passes = png ? 2 : 1;
  Progress progress("reconstruct " + request.input.filename().string(),
                    passes * request.hids.size() * request.z_m.size(), "planes", request.quiet);
  io::PngScale amplitude_scale;
  if (png) {
    Range range;
    for_each_plane(
        request, input, *propagator, batch_size, propagate::kAmplitude, progress,
        [&](int, std::size_t, const propagate::PlaneBatch& batch, std::size_t p) {
          range.add(batch.amplitude_plane(p).values);
        },
        [](int, const propagate::MinimumProjection&) {});
    amplitude_scale = std::isfinite(range.low) ? io::PngScale::spanning(range.low, range.high)
                                               : io::PngScale::spanning(0, 1);
  }
  const io::PngScale phase_scale = io::PngScale::spanning(-std::numbers::pi, std::numbers::pi);
  io::Attributes attributes = io::results_attributes(
      {description.optics, "reconstruct", "", request.command_line, request.input.string()});
  for (auto& [name, value] : attributes) {
    if (name == "title") {
      value = std::string("HOLODEC hologram reconstructed by holodet");
    }
  }
  const PixelGrid grid{nx, ny, description.optics.pixel_pitch_x_m * 1e6,
                       description.optics.pixel_pitch_y_m * 1e6};

  std::vector<io::IndexRow> index;
  std::unique_ptr<io::PlaneVolume> volume;
  const auto write = [&](const std::string& name, const char* kind, double z_um,
                         std::span<const float> values, const io::PngScale& scale) {
    index.push_back(png ? io::write_png_frame(folder, name, kind, z_um, values, nx, ny, scale)
                        : io::write_tiff_frame(folder, name, kind, z_um, values, nx, ny));
  };
  for_each_plane(
      request, input, *propagator, batch_size, outputs, progress,
      [&](int hid, std::size_t k, const propagate::PlaneBatch& batch, std::size_t p) {
        const double z = batch.z_m[p];
        const std::span<const float> amplitude = batch.amplitude_plane(p).values;
        const std::span<const float> phase =
            request.phase ? std::span<const float>(batch.phase).subspan(p * nx * ny, nx * ny)
                          : std::span<const float>();
        if (request.format == PlaneImageFormat::kNetcdf) {
          if (!volume) {
            volume =
                std::make_unique<io::PlaneVolume>(folder / (hologram_prefix(stem, hid) + ".nc"),
                                                  grid, request.z_m, request.phase, attributes);
          }
          volume->write_plane(k, amplitude, phase);
          return;
        }
        if (request.amplitude) {
          write(plane_name(stem, hid, z, "amplitude"), "amplitude", z * 1e6, amplitude,
                amplitude_scale);
        }
        if (request.phase) {
          write(plane_name(stem, hid, z, "phase"), "phase", z * 1e6, phase, phase_scale);
        }
      },
      [&](int hid, const propagate::MinimumProjection& projection) {
        std::vector<float> depth_um(projection.depth_m().size());
        std::transform(projection.depth_m().begin(), projection.depth_m().end(), depth_um.begin(),
                       [](float z) { return z * 1e6f; });
        const std::string prefix = hologram_prefix(stem, hid);
        if (volume) {
          volume->write_projection(projection.minimum(), depth_um);
          volume->commit();
          volume.reset();
          index.push_back({prefix + ".nc", "volume", NAN, 0.0, 1.0});
          return;
        }
        write(prefix + "_min_amplitude", "min_amplitude", NAN, projection.minimum(),
              amplitude_scale);
        const auto [nearest, farthest] =
            std::minmax_element(request.z_m.begin(), request.z_m.end());
        write(prefix + "_depth_um", "depth_um", NAN, depth_um,
              io::PngScale::spanning(*nearest * 1e6, *farthest * 1e6));
      });
  progress.finish();
  io::write_index(folder, index);
  made.keep();

  summary.holograms = request.hids.size();
  summary.planes = request.z_m.size();
  summary.files = index.size() + 1;
  summary.device = propagator->description();
  summary.fallback_note = devices.fallback_note;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace holodet::pipeline
