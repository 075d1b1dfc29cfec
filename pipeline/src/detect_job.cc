#include "holodet/pipeline/detect_job.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "holodet/core/diagnostics.h"
#include "holodet/core/progress.h"
#include "holodet/detect/method.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/hologram_input.h"
#include "holodet/io/output_paths.h"
#include "holodet/io/particle_files.h"
#include "holodet/io/preview.h"
#include "holodet/io/results_metadata.h"

namespace holodet::pipeline {

DetectSummary run_detect(const DetectRequest& request, const config::Config& config) {
  const auto start = std::chrono::steady_clock::now();
  const detect::Method method = detect::choose_method(request.method, config);
  // Every output is checked before the first plane (and never the input itself).
  const std::filesystem::path inputs[] = {request.input};
  if (!request.out.empty()) {
    io::check_output_file(request.out, "--out", {".csv", ".nc", ".nc4", ".h5"}, inputs);
  }
  if (!request.preview.empty()) {
    io::check_output_file(request.preview, "--preview", {".png"}, inputs);
  }
  const io::HologramInput input(request.input, config.requested_optics());
  const io::InputDescription& description = input.description();
  const std::vector<int> hids = input.checked_ids(request.hids);
  const std::vector<double> z_m = detect::run_depths(config, description.optics);
  const DeviceChoice devices = detect::choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet) {
    say(Said::kInfo, devices.fallback_note);
  }
  const std::unique_ptr<detect::Detector> detector = detect::make_detector(
      method, config, description.optics, description.size_x, description.size_y, devices);
  if (const std::string note = detector->note(); !note.empty() && !request.quiet) {
    say(Said::kNote, note);
  }

  DetectSummary summary;
  summary.method = method;
  summary.planes = z_m.size();
  summary.device = detector->device();
  summary.model = detector->model();
  Progress progress("detect " + request.input.filename().string(),
                    hids.size() * detector->plane_steps(z_m), "planes", request.quiet);
  for (int hid : hids) {
    const io::Hologram hologram = input.read(hid);
    detect::Detection detection =
        detector->detect(hologram, z_m, [&progress] { progress.advance(); });
    if (!request.preview.empty() && hid == hids.front()) {
      io::write_detection_preview(request.preview, hologram, detection.particles,
                                  description.optics);
    }
    summary.particles.append_rows(detection.particles);
    summary.seconds += detection.seconds;
    summary.counts += detection.counts;
    ++summary.holograms;
  }
  progress.finish();
  summary.particles.holograms = hids;
  if (!request.out.empty()) {
    io::RunDescription run{description.optics, std::string(detect::method_name(method)),
                           summary.model, request.command_line, request.input.string()};
    io::write_particles(request.out, summary.particles, io::results_attributes(run));
  }
  summary.total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace holodet::pipeline
