#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/core/devices.h"
#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/core/version.h"
#include "holodet/io/hologram_input.h"
#include "holodet/segment/torch_runtime.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct InfoOptions {
  std::string file;
  std::string hologram;  // empty: no hologram read
  bool attributes = false;
};

const char* source_name(io::ValueSource source) {
  switch (source) {
    case io::ValueSource::kFile:
      return "from the file";
    case io::ValueSource::kConfig:
      return "from the configuration";
    case io::ValueSource::kDefault:
      return "HOLODEC default: not in the file";
  }
  return "";
}

void print_particles_summary(const io::HologramInput& input) {
  const io::ParticleTable table = input.particles();
  std::map<int, std::size_t> per_hologram;
  for (int hid : table.hid) {
    ++per_hologram[hid];
  }
  std::printf("  particles      %zu in the table", table.size());
  if (!per_hologram.empty()) {
    auto [low, high] =
        std::minmax_element(per_hologram.begin(), per_hologram.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; });
    std::printf(" (%zu to %zu per hologram over %s)", low->second, high->second,
                counted(per_hologram.size(), "hologram").c_str());
  }
  std::printf("\n");
  if (!table.extra.empty()) {
    std::printf("  extra columns ");
    for (const io::ParticleColumn& column : table.extra) {
      std::printf(" %s", column.name.c_str());
    }
    std::printf("\n");
  }
}

void print_hologram_statistics(const io::HologramInput& input, int hid) {
  const io::Hologram hologram = input.read(hid);
  const auto [low, high] = std::minmax_element(hologram.counts.begin(), hologram.counts.end());
  double sum = 0;
  for (std::uint16_t count : hologram.counts) {
    sum += count;
  }
  std::printf("  hologram %d     counts %u..%u, mean %.2f\n", hid, *low, *high,
              sum / static_cast<double>(hologram.counts.size()));
}

void print_devices() {
  const DeviceInventory inventory = probe_devices();
  if (!inventory.built_with_cuda) {
    std::printf("devices: CPU only (%s)\n", inventory.unavailable_reason.c_str());
  } else if (inventory.devices.empty()) {
    std::printf("devices: CPU; CUDA %s build, %s: GPU stages run on the CPU\n",
                inventory.cuda_runtime_version.c_str(), inventory.unavailable_reason.c_str());
  } else {
    for (const CudaDevice& device : inventory.devices) {
      std::printf("devices: cuda:%d %s, %.1f GiB, sm_%d%d, %d SMs\n", device.index,
                  device.name.c_str(), static_cast<double>(device.memory_bytes) / (1 << 30),
                  device.compute_major, device.compute_minor, device.multiprocessors);
    }
  }
  std::printf(
      "devices: cpu-kernels (the GPU pipeline with its kernels on the CPU, FFTW for "
      "cuFFT: --device cpu-kernels, for testing; slower than cpu)\n");
  std::printf("build:   %s; %s\n", build_description().c_str(),
              segment::torch_description().c_str());
}

int run_info(const InfoOptions& options, const GlobalOptions& global) {
  const config::Config config = build_config(global);
  const io::HologramInput input(options.file, config.requested_optics());
  const io::InputDescription& d = input.description();
  const bool archive = d.kind == io::InputKind::kArchive;
  std::printf("%s: %s\n", d.path.c_str(),
              archive ? "HOLODEC archive (NetCDF4/HDF5)" : "single hologram image");
  std::printf("  holograms      %zu (hid 1..%zu)\n", d.hologram_count, d.hologram_count);
  std::printf("  frame          %zu x %zu px (Nx x Ny), %d-bit counts\n", d.size_x, d.size_y,
              d.bits_per_sample);
  std::printf("  wavelength     %.1f nm (%s)\n", d.optics.wavelength_m * 1e9,
              source_name(d.optics_sources.wavelength));
  std::printf("  pixel pitch    %.3f x %.3f um (%s)\n", d.optics.pixel_pitch_x_m * 1e6,
              d.optics.pixel_pitch_y_m * 1e6, source_name(d.optics_sources.pixel_pitch));
  std::printf("  depth range    %.3f .. %.3f mm (%s)\n", d.optics.z_min_m * 1e3,
              d.optics.z_max_m * 1e3, source_name(d.optics_sources.z_range));
  std::printf("  field of view  %.3f x %.3f mm\n",
              static_cast<double>(d.size_x) * d.optics.pixel_pitch_x_m * 1e3,
              static_cast<double>(d.size_y) * d.optics.pixel_pitch_y_m * 1e3);
  if (archive) {
    if (d.has_particles) {
      print_particles_summary(input);
    } else {
      std::printf("  particles      none (no particle table)\n");
    }
  }
  if (!options.hologram.empty()) {
    const std::vector<int> hids = input.checked_ids(
        parse_hologram_ids(options.hologram, "--hologram").value_or(std::vector<int>{}));
    for (int hid : hids) {
      print_hologram_statistics(input, hid);
    }
  }
  if (options.attributes && archive) {
    std::printf("  global attributes:\n");
    for (const auto& [name, value] : io::ArchiveReader(options.file).global_attributes()) {
      std::printf("    %-20s %s\n", name.c_str(), value.c_str());
    }
  }
  print_devices();
  return 0;
}

}  // namespace

Command add_info_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command =
      app.add_subcommand("info", "Describe a HOLODEC archive (.nc) or a hologram image (PNG/TIFF)");
  command->add_option("FILE", options->file, "Archive or image")->required();
  command->add_option("--hologram", options->hologram,
                      "Also read these holograms (3, 1,3-5 or all) and print their count "
                      "statistics");
  command->add_flag("--attributes", options->attributes, "List the archive's global attributes");
  return {command, [options, &global] { return run_info(*options, global); }};
}

}  // namespace holodet::tools
