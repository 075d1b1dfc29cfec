// The cpu-kernels launchers: each is an OpenMP loop over exactly the index space its CUDA
// twin's grid-stride loop covers, calling the same body.
#include "host_kernels.h"

#include "kernels/kernel_bodies.h"

namespace holodet::propagate::detail::host_kernels {
namespace {

template <typename Body>
void for_each_index(long long count, int threads, Body body) {
#pragma omp parallel for num_threads(threads) schedule(static)
  for (long long index = 0; index < count; ++index) {
    body(index);
  }
}

}  // namespace

void apply_transfer_function(const Complex32* spectrum, Complex32* work, const FrequencyGrid& grid,
                             const BatchConstants& constants, int threads) {
  const long long bins = static_cast<long long>(grid.padded_x) * grid.padded_y;
  for_each_index(bins, threads,
                 [&](long long k) { transfer_function_bin(k, spectrum, work, grid, constants); });
}

void crop_outputs(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const CropTargets& targets, int threads) {
  const long long total = static_cast<long long>(layout.size_x) * layout.size_y * constants.count;
  for_each_index(total, threads,
                 [&](long long index) { crop_output(index, work, layout, constants, targets); });
}

void gather_network_tiles(const Complex32* work, const CropLayout& layout,
                          const BatchConstants& constants, const Index2* origins,
                          const TileGather& gather, const TileTargets& targets, int threads) {
  const long long total =
      static_cast<long long>(gather.tile_x) * gather.tile_y * gather.tiles * constants.count;
  for_each_index(total, threads, [&](long long index) {
    gather_tile_value(index, work, layout, constants, origins, gather, targets);
  });
}

void fold_minimum(const Complex32* work, const CropLayout& layout, const BatchConstants& constants,
                  const ProjectionTargets& targets, int threads) {
  const long long pixels = static_cast<long long>(layout.size_x) * layout.size_y;
  for_each_index(pixels, threads, [&](long long index) {
    fold_minimum_pixel(index, work, layout, constants, targets);
  });
}

void reset_minimum(const ProjectionTargets& targets, std::size_t pixels, int threads) {
  for_each_index(static_cast<long long>(pixels), threads,
                 [&](long long index) { reset_minimum_pixel(index, targets); });
}

void real_to_complex(const float* real, Complex32* values, std::size_t count, int threads) {
  for_each_index(static_cast<long long>(count), threads,
                 [&](long long k) { real_to_complex_value(k, real, values); });
}

}  // namespace holodet::propagate::detail::host_kernels
