// TIFF through libtiff. libtiff reports problems through process-wide handlers; ours keep the
// last message per thread so it can go into the exception instead of onto stderr.
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <memory>
#include <string>

#include "holodet/core/error.h"
#include "holodet/io/atomic_output.h"
#include "holodet/io/image_file.h"
#include "image_layout.h"

namespace holodet::io {
namespace {

thread_local std::string last_tiff_message;

void keep_tiff_message(const char* module, const char* format, va_list arguments) {
  char text[512];
  std::vsnprintf(text, sizeof(text), format, arguments);
  last_tiff_message = (module != nullptr ? std::string(module) + ": " : std::string()) + text;
}

void ignore_tiff_warning(const char*, const char*, va_list) {}

Error tiff_write_failure(const std::filesystem::path& path) {
  return errno != 0 ? write_failure(path.string(), errno)
                    : runtime_failure(path.string() + ": cannot write TIFF: " + last_tiff_message);
}

struct TiffCloser {
  void operator()(TIFF* tiff) const { TIFFClose(tiff); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

TiffPtr open_tiff(const std::filesystem::path& path, const char* mode) {
  TIFFSetErrorHandler(keep_tiff_message);
  TIFFSetWarningHandler(ignore_tiff_warning);
  last_tiff_message.clear();
  TiffPtr tiff(TIFFOpen(path.c_str(), mode));
  if (!tiff) {
    throw bad_input(path.string() + ": unreadable TIFF: " + last_tiff_message);
  }
  return tiff;
}

// The temporary file of `output` opened for writing; failures name the final path and the
// system's reason (libtiff's own message names the temporary file).
TiffPtr create_tiff(const AtomicOutput& output) {
  TIFFSetErrorHandler(keep_tiff_message);
  TIFFSetWarningHandler(ignore_tiff_warning);
  last_tiff_message.clear();
  errno = 0;
  TiffPtr tiff(TIFFOpen(output.temp_path().c_str(), "w"));
  if (!tiff) {
    throw tiff_write_failure(output.final_path());
  }
  return tiff;
}

struct TiffLayout {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint16_t bits = 0;
  std::uint16_t sample_format = SAMPLEFORMAT_UINT;
};

TiffLayout read_layout(TIFF* tiff, const std::filesystem::path& path) {
  TiffLayout layout;
  std::uint16_t samples = 1;
  TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &layout.width);
  TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &layout.height);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &layout.bits);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLEFORMAT, &layout.sample_format);
  if (samples != 1) {
    throw bad_input(path.string() + ": TIFF with " + std::to_string(samples) +
                    " samples per pixel; holograms are single-channel grayscale");
  }
  if (TIFFIsTiled(tiff)) {
    throw bad_input(path.string() + ": tiled TIFF is not supported; save it with strips");
  }
  if (layout.width == 0 || layout.height == 0) {
    throw bad_input(path.string() + ": TIFF has zero size");
  }
  return layout;
}

template <typename T>
std::vector<T> read_rows(TIFF* tiff, const TiffLayout& layout, const std::filesystem::path& path) {
  std::vector<T> rows(static_cast<std::size_t>(layout.width) * layout.height);
  for (std::uint32_t row = 0; row < layout.height; ++row) {
    if (TIFFReadScanline(tiff, rows.data() + static_cast<std::size_t>(row) * layout.width, row, 0) <
        0) {
      throw bad_input(path.string() + ": damaged TIFF: row " + std::to_string(row) + ": " +
                      last_tiff_message);
    }
  }
  return rows;
}

template <typename T>
void write_tiff(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                std::span<const T> values, std::uint16_t bits, std::uint16_t sample_format) {
  check_frame_size(path, size_x, size_y, values.size());
  std::vector<T> rows = to_row_major(values, size_x, size_y);
  AtomicOutput output(path);
  {
    TiffPtr tiff = create_tiff(output);
    TIFFSetField(tiff.get(), TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(size_x));
    TIFFSetField(tiff.get(), TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(size_y));
    TIFFSetField(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tiff.get(), TIFFTAG_BITSPERSAMPLE, bits);
    TIFFSetField(tiff.get(), TIFFTAG_SAMPLEFORMAT, sample_format);
    TIFFSetField(tiff.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tiff.get(), TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tiff.get(), TIFFTAG_COMPRESSION, COMPRESSION_NONE);
    TIFFSetField(tiff.get(), TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tiff.get(), 0));
    for (std::size_t row = 0; row < size_y; ++row) {
      if (TIFFWriteScanline(tiff.get(), rows.data() + row * size_x, static_cast<std::uint32_t>(row),
                            0) < 0) {
        throw tiff_write_failure(path);
      }
    }
    if (TIFFFlush(tiff.get()) == 0) {
      throw tiff_write_failure(path);
    }
  }
  output.commit();
}

}  // namespace

Hologram read_tiff_hologram(const std::filesystem::path& path) {
  TiffPtr tiff = open_tiff(path, "r");
  const TiffLayout layout = read_layout(tiff.get(), path);
  if (layout.sample_format != SAMPLEFORMAT_UINT || (layout.bits != 8 && layout.bits != 16)) {
    throw bad_input(path.string() + ": TIFF with " + std::to_string(layout.bits) +
                    "-bit samples of format " + std::to_string(layout.sample_format) +
                    "; holograms are 8- or 16-bit unsigned counts");
  }
  Hologram hologram;
  check_hologram_frame(path, layout.width, layout.height);
  hologram.size_x = layout.width;
  hologram.size_y = layout.height;
  hologram.bits_per_sample = layout.bits;
  hologram.source = path.string();
  if (layout.bits == 8) {
    hologram.counts = to_column_major<std::uint16_t>(
        read_rows<std::uint8_t>(tiff.get(), layout, path), layout.width, layout.height);
  } else {
    hologram.counts = to_column_major<std::uint16_t>(
        read_rows<std::uint16_t>(tiff.get(), layout, path), layout.width, layout.height);
  }
  return hologram;
}

FloatFrame read_float_tiff(const std::filesystem::path& path) {
  TiffPtr tiff = open_tiff(path, "r");
  const TiffLayout layout = read_layout(tiff.get(), path);
  if (layout.sample_format != SAMPLEFORMAT_IEEEFP || layout.bits != 32) {
    throw bad_input(path.string() + ": expected a float32 TIFF, found " +
                    std::to_string(layout.bits) + "-bit samples of format " +
                    std::to_string(layout.sample_format));
  }
  FloatFrame frame;
  frame.size_x = layout.width;
  frame.size_y = layout.height;
  frame.values = to_column_major<float>(read_rows<float>(tiff.get(), layout, path), layout.width,
                                        layout.height);
  return frame;
}

void write_tiff_gray16(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                       std::span<const std::uint16_t> values) {
  write_tiff(path, size_x, size_y, values, 16, SAMPLEFORMAT_UINT);
}

void write_tiff_float32(const std::filesystem::path& path, std::size_t size_x, std::size_t size_y,
                        std::span<const float> values) {
  write_tiff(path, size_x, size_y, values, 32, SAMPLEFORMAT_IEEEFP);
}

}  // namespace holodet::io
