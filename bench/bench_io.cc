// Reading holograms from an archive: the first stage of every run. The floor is zlib's
// inflate of the chunk (one full hologram, 15.8 MB of uint8) plus the uint8 → uint16 widening.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <vector>

#include "holodet/io/archive_reader.h"
#include "holodet/io/netcdf_writer.h"

namespace {

std::filesystem::path make_archive(std::size_t size_x, std::size_t size_y) {
  const auto path =
      std::filesystem::temp_directory_path() /
      ("holodet-bench-" + std::to_string(size_x) + "x" + std::to_string(size_y) + ".nc");
  if (std::filesystem::exists(path)) {
    return path;
  }
  holodet::io::NetcdfWriter writer(path);
  writer.define_dimension("hologram_number", 2);
  writer.define_dimension("xsize", size_x);
  writer.define_dimension("ysize", size_y);
  writer.define_variable({"image",
                          holodet::io::ValueType::kUint8,
                          {"hologram_number", "xsize", "ysize"},
                          {1, size_x, size_y},
                          4,
                          {}});
  // Counts around half scale with shot-like noise: compresses like a real hologram.
  std::mt19937 generator(1);
  std::normal_distribution<float> noise(128.0f, 6.0f);
  std::vector<std::uint8_t> frame(size_x * size_y);
  for (int h = 0; h < 2; ++h) {
    for (auto& value : frame) {
      value = static_cast<std::uint8_t>(std::clamp(noise(generator), 0.0f, 255.0f));
    }
    writer.write_slab("image", static_cast<std::size_t>(h), frame);
  }
  writer.commit();
  return path;
}

void BM_ReadHologram(benchmark::State& state) {
  const auto size_x = static_cast<std::size_t>(state.range(0));
  const auto size_y = static_cast<std::size_t>(state.range(1));
  const holodet::io::ArchiveReader reader(make_archive(size_x, size_y));
  int hid = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.read_hologram(hid).counts.data());
    hid = 3 - hid;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size_x * size_y));
  state.counters["holograms_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadHologram)->Args({1024, 1024})->Args({4872, 3248})->Unit(benchmark::kMillisecond);

}  // namespace
