#pragma once
// A non-owning view of one 2-D frame in holodet's layout: [x][y], x the slower axis
// (index i * size_y + j), as HOLODEC archives store images. Host memory unless a function
// says otherwise.

#include <cstddef>
#include <span>

namespace holodet {

template <typename T>
struct FrameView {
  std::span<T> values;  // size_x * size_y elements
  std::size_t size_x = 0;
  std::size_t size_y = 0;

  T& at(std::size_t i, std::size_t j) const { return values[i * size_y + j]; }
  std::size_t size() const { return size_x * size_y; }
};

}  // namespace holodet
