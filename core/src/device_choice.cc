#include <algorithm>
#include <charconv>
#include <string>

#include "holodet/core/devices.h"
#include "holodet/core/error.h"

namespace holodet {
namespace {

int parse_index(std::string_view text, std::string_view request) {
  int value = -1;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size() || value < 0) {
    throw bad_input("--device " + std::string(request) + ": '" + std::string(text) +
                    "' is not a device index (expected auto, cpu, cpu-kernels, cuda, cuda:N or "
                    "N,M,...)");
  }
  return value;
}

std::vector<int> parse_indices(std::string_view list, std::string_view request) {
  std::vector<int> indices;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    indices.push_back(parse_index(list.substr(start, comma - start), request));
    start = comma + 1;
  }
  return indices;
}

std::string no_device_reason(const DeviceInventory& inventory) {
  return inventory.unavailable_reason.empty() ? "no CUDA device found"
                                              : inventory.unavailable_reason;
}

// The CUDA device indices a request names explicitly; empty for auto, cpu and cuda.
std::vector<int> requested_indices(std::string_view request) {
  if (request == "auto" || request == "cpu" || request == "cpu-kernels" || request == "cuda") {
    return {};
  }
  if (request.starts_with("cuda:")) {
    return parse_indices(request.substr(5), request);
  }
  return parse_indices(request, request);
}

}  // namespace

void check_device_request(std::string_view request) {
  requested_indices(request);
}

const char* backend_name(Backend backend) {
  switch (backend) {
    case Backend::kCuda:
      return "cuda";
    case Backend::kCpuKernels:
      return "cpu-kernels";
    case Backend::kCpu:
      break;
  }
  return "cpu";
}

DeviceChoice choose_devices(std::string_view request, const DeviceInventory& inventory) {
  DeviceChoice choice;
  if (request == "cpu") {
    return choice;
  }
  if (request == "cpu-kernels") {
    choice.backend = Backend::kCpuKernels;
    return choice;
  }
  if (request == "auto") {
    if (inventory.devices.empty()) {
      choice.fallback_note = "holodet: running on the CPU: " + no_device_reason(inventory);
      return choice;
    }
    choice.backend = Backend::kCuda;
    for (const CudaDevice& device : inventory.devices) {
      choice.cuda_indices.push_back(device.index);
    }
    return choice;
  }

  std::vector<int> wanted = requested_indices(request);
  if (request == "cuda") {
    for (const CudaDevice& device : inventory.devices) {
      wanted.push_back(device.index);
    }
  }
  if (inventory.devices.empty()) {
    throw bad_input("--device " + std::string(request) + ": " + no_device_reason(inventory) +
                    " (use --device auto to fall back to the CPU)");
  }
  for (int index : wanted) {
    const bool usable = std::any_of(inventory.devices.begin(), inventory.devices.end(),
                                    [index](const CudaDevice& d) { return d.index == index; });
    if (!usable) {
      throw bad_input("--device " + std::string(request) + ": CUDA device " +
                      std::to_string(index) + " is not usable (" +
                      std::to_string(inventory.devices.size()) + " usable device(s))");
    }
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  choice.backend = Backend::kCuda;
  choice.cuda_indices = wanted;
  return choice;
}

}  // namespace holodet
