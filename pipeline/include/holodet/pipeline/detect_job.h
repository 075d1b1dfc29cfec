#pragma once
// `holodet detect`: particles of one or all holograms of a file, written as a particle table
// (CSV or NetCDF4, with the run recorded in the NetCDF attributes).

#include <filesystem>
#include <string>
#include <vector>

#include "holodet/io/particle_table.h"
#include "holodet/pipeline/classic_detector.h"
#include "holodet/pipeline/config.h"
#include "holodet/pipeline/unet_detector.h"
#include "holodet/segment/segmenter.h"

namespace holodet::pipeline {

struct DetectRequest {
  std::filesystem::path input;
  std::vector<int> hids;          // empty: every hologram of the file
  std::string method = "auto";    // auto: unet when a model is there, else classic
  std::filesystem::path out;      // .csv or .nc; empty: none written
  std::filesystem::path preview;  // PNG of the first hologram's projection with detections
  std::string command_line;
  bool quiet = false;
};

struct DetectSummary {
  io::ParticleTable particles;
  int holograms = 0;
  std::size_t planes = 0;
  std::string method;  // the one that ran
  std::string model;   // unet: file, checksum and description
  double propagation_seconds = 0;
  double network_seconds = 0;
  double analysis_seconds = 0;
  std::size_t work_items = 0;  // unet: network passes
  double total_seconds = 0;
  std::string device;
  ClassicRejections rejected;
  std::size_t candidates = 0;
  std::size_t dense_holograms = 0;    // unet: holograms where the dense plan ran
  std::size_t depth_refined = 0;      // particles whose z was refined below the plane spacing
  std::size_t depth_kept_coarse = 0;  // particles whose refinement found no focus: planes' z
  double depth_seconds = 0;           // of the refinement (within analysis_seconds)
};

DetectSummary run_detect(const DetectRequest& request, const Config& config);

// The classic detector's settings from the configuration.
ClassicSettings classic_settings(const Config& config);
// The depth section of `config` (depth.*) as DepthRefinementSettings.
DepthRefinementSettings depth_refinement_settings(const Config& config);

// The model and settings of `--method unet` from the configuration: the model file loaded on
// the run's first device and checked against the run's field and optics.
struct UnetRun {
  segment::Segmenter segmenter;
  UnetSettings settings;
  std::string model;  // file name, checksum, description
  std::filesystem::path path;
  // Said to the user before the run when the plane spacing leaves gaps between the depth
  // bands the model marks (particles there are missed); empty otherwise.
  std::string depth_note;
};
UnetRun prepare_unet(const Config& config, const Optics& optics, const DeviceChoice& devices);

// The plane workers of a run (runtime.workers_per_device on each of `devices`), each with a
// replica of `unet`'s model when there is one.
PlaneWorkers make_run_workers(std::size_t size_x, std::size_t size_y, const Config& config,
                              const Optics& optics, const DeviceChoice& devices,
                              const UnetRun* unet);

// Planes each hologram goes through, over both passes, as on_plane counts them: pass 1 with
// its guard planes (volume_guard.h) then pass 2, or the planes once (unet, dense).
std::size_t plane_steps_per_hologram(std::size_t planes, const Optics& optics, const Config& config,
                                     bool dense);

// The method "auto" stands for: unet when unet.model is set or the default model is there.
std::string resolve_method(const std::string& method, const Config& config);

}  // namespace holodet::pipeline
