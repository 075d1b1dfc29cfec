#pragma once
// `holodet bench`: the real pipeline, timed per stage over repeated runs on one hologram after
// a warm-up, with the propagation set against its memory floor and, on request, against a
// plain LibTorch propagation on the same device and padded size.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "holodet/config/config.h"

namespace holodet::pipeline {

struct BenchRequest {
  std::filesystem::path input;  // an archive or image; empty: a synthetic hologram
  int hid = 1;
  std::size_t synthetic_x = 1024;
  std::size_t synthetic_y = 1024;
  int particles = 50;
  std::string method = "classic";  // classic | unet
  int repeat = 3;
  bool compare_torch = false;
  bool quiet = false;
};

struct StageTiming {
  std::string stage;
  double median_s = 0;
  double min_s = 0;
  double max_s = 0;
};

struct BenchReport {
  std::string method;
  std::string device;
  std::string build;
  std::string torch;  // LibTorch version and its devices
  std::string model;  // unet: file, checksum, description
  std::size_t size_x = 0, size_y = 0, padded_x = 0, padded_y = 0, planes = 0;
  int repeat = 0;
  std::size_t particles_found = 0;
  // read, spectrum, propagation (with the network-input tiles the propagator writes), then
  // analysis (classic) or network and clustering (unet), total.
  std::vector<StageTiming> stages;
  double planes_per_s = 0;  // propagated planes (both passes) per second
  std::size_t planes_propagated = 0;
  // unet: the network's work and its floor (multiply-adds over the device's measured rate).
  std::size_t work_items = 0;
  std::size_t tile_pixels = 0;
  std::size_t mask_pixels = 0;  // pixels above the threshold the network gave back
  // What the network's input and output move across the host-device bus per hologram: read
  // in place and reduced on the device (indices up, 8 B a pass; each mask pixel down as a
  // (tile, pixel) pair and its probability, 20 B), against the host round trip it replaced
  // (float32 tiles down and up, probabilities down: 12 B a tile pixel).
  double bus_bytes_in_place = 0;
  double bus_bytes_host_round_trip = 0;
  double tiles_per_s = 0;
  double multiply_adds_per_tile = 0;  // 0 for a TorchScript model (unknown)
  double network_multiply_adds_per_s = 0;
  double device_multiply_adds_per_s = 0;  // a wide 3×3 convolution on the same device
  double network_floor_fraction = 0;
  double propagation_bytes_per_plane = 0;
  double memory_bandwidth_bytes_per_s =
      0;  // measured: host copy on every thread, or device copy (CUDA)
  double propagation_floor_fraction = 0;  // floor time / measured time per plane
  bool compared_with_torch = false;
  double holodet_s_per_plane = 0;
  double torch_s_per_plane = 0;
  double torch_ratio = 0;  // torch time / holodet time: holodet's speed-up
};

BenchReport run_bench(const BenchRequest& request, const config::Config& config);

std::string bench_json(const BenchReport& report);
void write_bench_json(const std::filesystem::path& path, const BenchReport& report);  // atomic
std::string bench_table(const BenchReport& report);

}  // namespace holodet::pipeline
