#include "holodet/cluster/plane_detection.h"

#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <string>

#include "holodet/cluster/shape_moments.h"
#include "holodet/core/error.h"

namespace holodet::cluster {

std::vector<PlaneDetection> detect_components(FrameView<const std::uint8_t> mask,
                                              FrameView<const float> score, const PixelGrid& grid,
                                              std::size_t plane, double z_um,
                                              std::size_t min_area_px) {
  if (mask.values.size() != mask.size_x * mask.size_y || mask.size_x != grid.size_x ||
      mask.size_y != grid.size_y || (!score.values.empty() && score.values.size() != mask.size())) {
    throw bad_input("detections: mask of " + std::to_string(mask.size_x) + " x " +
                    std::to_string(mask.size_y) + " px does not match its grid or score frame");
  }
  // [x][y] is row-major with x as rows: OpenCV's (row, col) = (i, j), no copy.
  const cv::Mat image(static_cast<int>(mask.size_x), static_cast<int>(mask.size_y), CV_8U,
                      const_cast<std::uint8_t*>(mask.values.data()));
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(image, labels, stats, centroids, 8, CV_32S);
  std::vector<double> score_sum(static_cast<std::size_t>(count), 0.0);
  std::vector<ShapeMoments> shapes(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < mask.size_x; ++i) {
    const int* row = labels.ptr<int>(static_cast<int>(i));
    for (std::size_t j = 0; j < mask.size_y; ++j) {
      const auto label = static_cast<std::size_t>(row[j]);
      if (label == 0) {
        continue;
      }
      shapes[label].add(static_cast<double>(i), static_cast<double>(j));
      if (!score.values.empty()) {
        score_sum[label] += score.at(i, j);
      }
    }
  }
  std::vector<PlaneDetection> detections;
  for (int label = 1; label < count; ++label) {  // 0 is the background
    const int area = stats.at<int>(label, cv::CC_STAT_AREA);
    if (static_cast<std::size_t>(area) < min_area_px) {
      continue;
    }
    PlaneDetection detection;
    detection.plane = plane;
    detection.z_um = z_um;
    detection.x_um = grid.x_um(centroids.at<double>(label, 1));  // row = i
    detection.y_um = grid.y_um(centroids.at<double>(label, 0));  // column = j
    detection.area_px = area;
    detection.d_um = 2 * std::sqrt(area * grid.pitch_x_um * grid.pitch_y_um / std::numbers::pi);
    detection.score =
        score.values.empty() ? 1.0 : score_sum[static_cast<std::size_t>(label)] / area;
    detection.aspect_ratio =
        shapes[static_cast<std::size_t>(label)].aspect_ratio(grid.pitch_x_um, grid.pitch_y_um);
    detections.push_back(detection);
  }
  return detections;
}

}  // namespace holodet::cluster
