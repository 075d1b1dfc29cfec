// PNG through libpng's simplified API, which reports errors in png_image::message instead of
// longjmp-ing through our frames.
#include <png.h>

#include <cstring>
#include <string>

#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"
#include "image_layout.h"

namespace holodet::io {
namespace {

struct PngImage {
  png_image image;
  PngImage() {
    std::memset(&image, 0, sizeof(image));
    image.version = PNG_IMAGE_VERSION;
  }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
};

// `rows`: image rows top to bottom, in the layout `format` names, tightly packed.
void write_png_rows(const std::filesystem::path& path, std::size_t width, std::size_t height,
                    const void* rows, png_uint_32 format) {
  AtomicOutput output(path);
  PngImage png;
  png.image.width = static_cast<png_uint_32>(width);
  png.image.height = static_cast<png_uint_32>(height);
  png.image.format = format;
  errno = 0;
  if (png_image_write_to_file(&png.image, output.temp_path().c_str(), 0, rows, 0, nullptr) == 0) {
    // libpng says only "Write Error"; errno has why.
    throw errno != 0 ? write_failure(path.string(), errno)
                     : runtime_failure(path.string() + ": cannot write PNG: " + png.image.message);
  }
  output.commit();
}

template <typename T>
void write_png(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
               std::span<const T> values, png_uint_32 format) {
  check_frame_size(path, size_x, size_y, values.size());
  const std::vector<T> rows = to_row_major(values, size_x, size_y);
  write_png_rows(path, size_x, size_y, rows.data(), format);
}

}  // namespace

Hologram read_png_hologram(const std::filesystem::path& path) {
  PngImage png;
  if (png_image_begin_read_from_file(&png.image, path.c_str()) == 0) {
    throw bad_input(path.string() + ": unreadable PNG: " + png.image.message);
  }
  if ((png.image.format & PNG_FORMAT_FLAG_COLOR) != 0) {
    throw bad_input(path.string() + ": a colour PNG; holograms are single-channel grayscale");
  }
  const bool sixteen_bit = (png.image.format & PNG_FORMAT_FLAG_LINEAR) != 0;
  // 8-bit files are read as sRGB gray and 16-bit ones as linear gray: both pass the stored
  // values through unchanged (no gamma conversion).
  png.image.format = sixteen_bit ? PNG_FORMAT_LINEAR_Y : PNG_FORMAT_GRAY;
  const std::size_t width = png.image.width;
  const std::size_t height = png.image.height;
  check_hologram_frame(path, width, height);
  Hologram hologram;
  hologram.size_x = width;
  hologram.size_y = height;
  hologram.bits_per_sample = sixteen_bit ? 16 : 8;
  hologram.source = path.string();
  if (sixteen_bit) {
    std::vector<std::uint16_t> rows(width * height);
    if (png_image_finish_read(&png.image, nullptr, rows.data(), 0, nullptr) == 0) {
      throw bad_input(path.string() + ": unreadable PNG: " + png.image.message);
    }
    hologram.counts = to_column_major<std::uint16_t>(rows, width, height);
  } else {
    std::vector<std::uint8_t> rows(width * height);
    if (png_image_finish_read(&png.image, nullptr, rows.data(), 0, nullptr) == 0) {
      throw bad_input(path.string() + ": unreadable PNG: " + png.image.message);
    }
    hologram.counts = to_column_major<std::uint16_t>(rows, width, height);
  }
  return hologram;
}

void write_png_gray8(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                     std::span<const std::uint8_t> values) {
  write_png(path, size_x, size_y, values, PNG_FORMAT_GRAY);
}

void write_png_gray16(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                      std::span<const std::uint16_t> values) {
  write_png(path, size_x, size_y, values, PNG_FORMAT_LINEAR_Y);
}

void write_png_rgb8(const std::filesystem::path& path, std::size_t width, std::size_t height,
                    std::span<const std::uint8_t> rgb_rows) {
  if (width == 0 || height == 0 || rgb_rows.size() != width * height * 3) {
    throw bad_input(path.string() + ": cannot write a " + std::to_string(width) + " x " +
                    std::to_string(height) + " RGB image from " + std::to_string(rgb_rows.size()) +
                    " bytes (3 per pixel)");
  }
  write_png_rows(path, width, height, rgb_rows.data(), PNG_FORMAT_RGB);
}

}  // namespace holodet::io
