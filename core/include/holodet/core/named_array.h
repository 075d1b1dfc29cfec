#pragma once
// A named n-dimensional array on the host, row-major (last dimension fastest): how a model's
// parameters travel between the network (segment/) and its weight file (io/) without either
// stage knowing the other. Exactly one of f32 and i64 holds the values.

#include <cstdint>
#include <string>
#include <vector>

namespace holodet {

struct NamedArray {
  std::string name;  // e.g. the module path "encoders.0.conv1.weight"
  std::vector<std::int64_t> shape;
  std::vector<float> f32;
  std::vector<std::int64_t> i64;

  std::int64_t element_count() const {
    std::int64_t count = 1;
    for (std::int64_t extent : shape) {
      count *= extent;
    }
    return count;
  }
};

}  // namespace holodet
