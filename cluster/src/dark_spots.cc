#include "holodet/cluster/dark_spots.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "holodet/core/error.h"

namespace holodet::cluster {
namespace {

cv::Mat box_background(const cv::Mat& image, int radius) {
  cv::Mat once, twice;
  const cv::Size box(2 * radius + 1, 2 * radius + 1);
  cv::blur(image, once, box, cv::Point(-1, -1), cv::BORDER_REPLICATE);
  cv::blur(once, twice, box, cv::Point(-1, -1), cv::BORDER_REPLICATE);
  return twice;
}

float median_of(std::vector<float> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// 1.4826 · the median absolute deviation: the spread of the residual, robust to the particles.
float robust_sigma(const cv::Mat& residual) {
  std::vector<float> values(residual.begin<float>(), residual.end<float>());
  const float centre = median_of(values);
  for (float& value : values) {
    value = std::abs(value - centre);
  }
  return std::max(1.4826f * median_of(values), 1e-12f);
}

// The background's first estimate, the residual against it and its robust spread: the same for
// both modes and every threshold.
struct FirstEstimate {
  cv::Mat background;
  cv::Mat residual;
  float sigma = 0;
};

FirstEstimate first_estimate(const cv::Mat& image, const DarkSpotSettings& settings) {
  FirstEstimate first;
  first.background = box_background(image, settings.background_radius_px);
  first.residual = image - first.background;
  first.sigma = robust_sigma(first.residual);
  return first;
}

// The spots of one projection in one mode, darker than threshold_sigma: a sparse frame's (the
// pixel scale, the background without the spots beyond the threshold) or a crowded frame's.
std::vector<DarkSpot> spots_of(const cv::Mat& image, const FirstEstimate& first,
                               const DarkSpotSettings& settings, bool crowded,
                               double threshold_sigma) {
  const int rows = image.rows, cols = image.cols;
  const float sigma = first.sigma;
  const auto threshold = static_cast<float>(-threshold_sigma * sigma);

  // Second estimate: the dark pixels replaced by the first background, so a particle does not
  // pull its own background down. In a crowded frame the bar for "dark" is lower and a 2-pixel
  // rim goes too: a 100 µm shadow covers a third of the box, and masking only its few pixels
  // beyond the threshold left its residual at −2 to −5 σ, never a candidate.
  cv::Mat cleaned = image.clone();
  cv::Mat first_candidates;
  if (crowded) {
    first_candidates = first.residual < static_cast<float>(-settings.background_mask_sigma) * sigma;
    cv::dilate(first_candidates, first_candidates, cv::Mat::ones(5, 5, CV_8U));
  } else {
    first_candidates = first.residual < threshold;
  }
  first.background.copyTo(cleaned, first_candidates);
  const cv::Mat background = box_background(cleaned, settings.background_radius_px);
  const cv::Mat residual = image - background;
  cv::Mat mask = residual < threshold;  // 255 where dark

  // The extended scale: the residual smoothed over a few pixels against its own spread. A large
  // shadow whose pixels are each only a few σ dark stands far above the smoothed noise (the
  // significance of a region grows with the square root of its area).
  if (crowded && settings.extended_scale_px > 0) {
    cv::Mat smoothed;
    cv::GaussianBlur(residual, smoothed, cv::Size(0, 0), settings.extended_scale_px, 0,
                     cv::BORDER_REPLICATE);
    const auto smoothed_threshold = static_cast<float>(-threshold_sigma * robust_sigma(smoothed));
    mask |= smoothed < smoothed_threshold;
  }

  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<DarkSpot> spots(static_cast<std::size_t>(count));
  for (int i = 0; i < rows; ++i) {
    const int* label_row = labels.ptr<int>(i);
    const float* residual_row = residual.ptr<float>(i);
    for (int j = 0; j < cols; ++j) {
      if (label_row[j] > 0) {
        DarkSpot& spot = spots[static_cast<std::size_t>(label_row[j])];
        spot.pixels.push_back(static_cast<std::size_t>(i) * static_cast<std::size_t>(cols) +
                              static_cast<std::size_t>(j));
        spot.depth = std::max(spot.depth, -residual_row[j] / sigma);
      }
    }
  }
  std::vector<DarkSpot> kept;
  for (int label = 1; label < count; ++label) {
    DarkSpot& spot = spots[static_cast<std::size_t>(label)];
    if (spot.pixels.size() < settings.min_area_px) {
      continue;
    }
    const int x = stats.at<int>(label, cv::CC_STAT_TOP), y = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    const int width = stats.at<int>(label, cv::CC_STAT_WIDTH);
    spot.i_begin = static_cast<std::size_t>(x);
    spot.i_end = static_cast<std::size_t>(x + height);
    spot.j_begin = static_cast<std::size_t>(y);
    spot.j_end = static_cast<std::size_t>(y + width);
    spot.touches_border = x == 0 || y == 0 || x + height == rows || y + width == cols;
    kept.push_back(std::move(spot));
  }
  return kept;
}

}  // namespace

DarkSpots find_dark_spots(FrameView<const float> projection, const DarkSpotSettings& settings) {
  if (projection.values.size() != projection.size() || projection.size() == 0) {
    throw bad_input("dark spots: empty or inconsistent projection");
  }
  const cv::Mat image(static_cast<int>(projection.size_x), static_cast<int>(projection.size_y),
                      CV_32F, const_cast<float*>(projection.values.data()));
  const FirstEstimate first = first_estimate(image, settings);
  DarkSpots found;
  found.spots = spots_of(image, first, settings, false, settings.threshold_sigma);
  const double megapixels = static_cast<double>(projection.size()) * 1e-6;
  if (megapixels < settings.crowded_least_mpx) {
    return found;
  }
  // The bar counts at one threshold whatever the detector's own, so that a frame is crowded or
  // not for every method alike.
  const std::size_t counted =
      settings.crowded_count_sigma == settings.threshold_sigma
          ? found.spots.size()
          : spots_of(image, first, settings, false, settings.crowded_count_sigma).size();
  // The clutter's median copies the frame: asked only where the count has not decided.
  const auto cluttered = [&] {
    return settings.crowded_clutter > 0 &&
           first.sigma >= settings.crowded_clutter * median_of(std::vector<float>(
                                                         image.begin<float>(), image.end<float>()));
  };
  if (static_cast<double>(counted) >= settings.crowded_per_mpx * megapixels || cluttered()) {
    found.spots = spots_of(image, first, settings, true, settings.threshold_sigma);
    found.crowded = true;
  }
  return found;
}

std::vector<std::size_t> darkest_pixels(std::vector<std::size_t> pixels,
                                        std::span<const float> frame, double fraction,
                                        std::size_t at_least) {
  const std::size_t keep = std::min(
      pixels.size(),
      std::max(at_least, static_cast<std::size_t>(fraction * static_cast<double>(pixels.size()))));
  std::partial_sort(pixels.begin(), pixels.begin() + static_cast<std::ptrdiff_t>(keep),
                    pixels.end(),
                    [&](std::size_t a, std::size_t b) { return frame[a] < frame[b]; });
  pixels.resize(keep);
  return pixels;
}

}  // namespace holodet::cluster
