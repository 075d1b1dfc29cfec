#include "batch_identity.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace holodet::pipeline {
namespace {

std::string text_checksum(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a, 64 bits
  for (unsigned char c : text) {
    hash = (hash ^ c) * 0x100000001b3ull;
  }
  char out[24];
  std::snprintf(out, sizeof(out), "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

// What a run's results depend on. Not the devices, threads or workers: the results do not
// depend on them, so a run may resume on other hardware.
// The archive's content, cheaply: its first and last MiB (the HDF5 superblock and metadata,
// and image chunks at either end), so that another file of the same name and size, a
// re-exported or different flight segment, is another input. Reading the whole of a 16 GB
// archive once more for this would cost more than the check is worth.
std::string archive_fingerprint(const std::filesystem::path& input) {
  std::ifstream file(input, std::ios::binary);
  if (!file) {
    return "unreadable";
  }
  constexpr std::streamoff kSpan = 1 << 20;
  std::string bytes(static_cast<std::size_t>(kSpan), '\0');
  file.read(bytes.data(), kSpan);
  bytes.resize(static_cast<std::size_t>(file.gcount()));
  file.clear();
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  if (size > kSpan) {
    std::string tail(static_cast<std::size_t>(kSpan), '\0');
    file.seekg(std::max<std::streamoff>(kSpan, size - kSpan));
    file.read(tail.data(), kSpan);
    tail.resize(static_cast<std::size_t>(file.gcount()));
    bytes += tail;
  }
  return text_checksum(bytes);
}

}  // namespace

std::string run_identity(const std::string& method, const std::string& model_checksum,
                         const config::Config& config, const std::filesystem::path& input) {
  config::Config results_config = config;
  results_config.runtime = config::RuntimeConfig{};
  results_config.products = config::ProductsConfig{};  // products are remade without re-detecting
  std::error_code error;
  const auto bytes = std::filesystem::file_size(input, error);
  return text_checksum(method + '\n' + model_checksum + '\n' + config::to_yaml(results_config) +
                       '\n' + input.filename().string() + '\n' + std::to_string(error ? 0 : bytes) +
                       '\n' + archive_fingerprint(input));
}

}  // namespace holodet::pipeline
