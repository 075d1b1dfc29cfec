#include "holodet/io/preview.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "holodet/core/pixel_grid.h"
#include "holodet/io/image_file.h"

namespace holodet::io {

void write_detection_preview(const std::filesystem::path& path, const io::Hologram& hologram,
                             const io::ParticleTable& particles, const Optics& optics) {
  const int width = static_cast<int>(hologram.size_x), height = static_cast<int>(hologram.size_y);
  // Image orientation: row = y (j), column = x (i); counts stretched to the full 8-bit range.
  const auto [low, high] = std::minmax_element(hologram.counts.begin(), hologram.counts.end());
  const float span = std::max(1.0f, static_cast<float>(*high - *low));
  cv::Mat image(height, width, CV_8U);
  for (int j = 0; j < height; ++j) {
    for (int i = 0; i < width; ++i) {
      const float value =
          (hologram.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) - *low) / span;
      image.at<std::uint8_t>(j, i) = static_cast<std::uint8_t>(std::lround(255 * value));
    }
  }
  const PixelGrid grid{hologram.size_x, hologram.size_y, optics.pixel_pitch_x_m * 1e6,
                       optics.pixel_pitch_y_m * 1e6};
  for (std::size_t row = 0; row < particles.size(); ++row) {
    if (particles.hid[row] != hologram.hid) {
      continue;
    }
    const cv::Point centre(static_cast<int>(std::lround(grid.i_of_x(particles.x_um[row]))),
                           static_cast<int>(std::lround(grid.j_of_y(particles.y_um[row]))));
    const int radius =
        std::max(3, static_cast<int>(std::lround(particles.d_um[row] / 2 / grid.pitch_x_um)) + 3);
    cv::circle(image, centre, radius + 1, cv::Scalar(0), 1, cv::LINE_AA);
    cv::circle(image, centre, radius, cv::Scalar(255), 1, cv::LINE_AA);
  }
  // The PNG writer takes [x][y]: transpose back.
  std::vector<std::uint8_t> frame(hologram.size_x * hologram.size_y);
  for (int j = 0; j < height; ++j) {
    for (int i = 0; i < width; ++i) {
      frame[static_cast<std::size_t>(i) * hologram.size_y + static_cast<std::size_t>(j)] =
          image.at<std::uint8_t>(j, i);
    }
  }
  io::write_png_gray8(path, hologram.size_x, hologram.size_y, frame);
}

}  // namespace holodet::io
