#pragma once
// `holodet detect`: particles of one or all holograms of a file, written as a particle table
// (CSV or NetCDF4, with the run recorded in the NetCDF attributes).

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/detect/detector.h"
#include "holodet/io/particle_table.h"

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
  detect::Method method = detect::Method::kClassic;  // the one that ran
  std::string model;                                 // unet: file, checksum and description
  std::string device;
  detect::StageSeconds seconds;    // summed over the holograms
  detect::DetectionCounts counts;  // summed over the holograms
  double total_seconds = 0;
};

DetectSummary run_detect(const DetectRequest& request, const config::Config& config);

}  // namespace holodet::pipeline
