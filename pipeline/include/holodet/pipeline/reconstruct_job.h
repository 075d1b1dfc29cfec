#pragma once
// `holodet reconstruct`: planes a person can look at. Each requested plane is written as an
// image (rows = y, columns = x, like any PNG/TIFF), plus the minimum-amplitude projection over
// the planes and the depth map of where each pixel's minimum occurred, and index.csv listing
// every file with its depth and the scale that turns stored values back into physical ones.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/pipeline/config.h"

namespace holodet::pipeline {

enum class PlaneImageFormat {
  kTiff,  // float32: exact values
  kPng,   // 16-bit: value = offset + stored · scale (index.csv)
};

struct ReconstructRequest {
  std::filesystem::path input;
  int hid = 1;
  std::vector<double> z_m;  // the planes, in metres from the sensor
  std::filesystem::path out_dir;
  bool amplitude = true;
  bool phase = false;
  PlaneImageFormat format = PlaneImageFormat::kTiff;
  bool quiet = false;
};

struct ReconstructSummary {
  std::size_t planes = 0;
  std::size_t files = 0;
  std::string device;  // the propagator's description
  std::string fallback_note;
  double seconds = 0;
};

// Throws bad_input for an unreadable input, a bad hologram id or plane list, or an output
// path that is a file; creates out_dir if its parent exists.
ReconstructSummary run_reconstruct(const ReconstructRequest& request, const Config& config);

}  // namespace holodet::pipeline
