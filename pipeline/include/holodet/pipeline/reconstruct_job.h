#pragma once
// `holodet reconstruct`: planes a person can look at. Each requested plane of each requested
// hologram is written as an image (rows = y, columns = x, like any PNG/TIFF) or, as one
// NetCDF4 volume per hologram, a stack xarray opens; plus the minimum-amplitude projection
// over the planes and the depth map of where each pixel's minimum occurred, and index.csv
// listing every file with its depth and the scale that turns stored values back into
// physical ones. An output folder holding an earlier reconstruction is refused unless asked
// to replace it, so old planes never mix with new ones.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/config/config.h"

namespace holodet::pipeline {

enum class PlaneImageFormat {
  kTiff,    // float32: exact values, one file per plane
  kPng,     // 16-bit, one scale for every amplitude plane of the run (index.csv)
  kNetcdf,  // float32, one volume file per hologram: amplitude(z, x, y) with coordinates
};

struct ReconstructRequest {
  std::filesystem::path input;
  std::vector<int> hids{1};  // ascending; empty: every hologram of the file
  std::vector<double> z_m;   // the planes, in metres from the sensor
  std::filesystem::path out_dir;
  bool amplitude = true;
  bool phase = false;
  PlaneImageFormat format = PlaneImageFormat::kTiff;
  bool overwrite = false;  // replace an earlier reconstruction in out_dir
  std::string command_line;
  bool quiet = false;
};

struct ReconstructSummary {
  std::size_t holograms = 0;
  std::size_t planes = 0;  // per hologram
  std::size_t files = 0;
  std::size_t replaced = 0;  // files of an earlier reconstruction removed (--overwrite)
  std::string device;        // the propagator's description
  std::string fallback_note;
  double seconds = 0;
};

// Throws bad_input, before any plane, for an unreadable input, a bad hologram id or plane
// list, an output folder that cannot be written or holds an earlier reconstruction (unless
// `overwrite`), or files that would not fit on its disk; creates out_dir if missing.
ReconstructSummary run_reconstruct(const ReconstructRequest& request, const config::Config& config);

}  // namespace holodet::pipeline
