#include "canvas.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "text_format.h"

namespace holodet::evaluate {
namespace {

constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
constexpr double kTickScale = 0.45;
constexpr double kLabelScale = 0.55;

// Enough decimals to tell ticks `step` apart, and no more.
std::string tick_label(double value, double step) {
  const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  if (std::abs(value) < step * 1e-6) {
    value = 0;  // no "-0"
  }
  return format("%.*f", decimals, value);
}

}  // namespace

cv::Scalar set_colour(std::size_t k) {
  static const cv::Scalar colours[] = {cv::Scalar(220, 40, 30), cv::Scalar(30, 110, 230),
                                       cv::Scalar(230, 150, 0), cv::Scalar(150, 50, 200)};
  return colours[k % std::size(colours)];
}

cv::Mat blank_canvas(int width, int height) {
  return cv::Mat(height, width, CV_8UC3, kWhite);
}

RgbImage to_rgb_image(const cv::Mat& canvas) {
  const cv::Mat packed = canvas.isContinuous() ? canvas : canvas.clone();
  RgbImage image;
  image.width = static_cast<std::size_t>(packed.cols);
  image.height = static_cast<std::size_t>(packed.rows);
  image.rgb.assign(packed.data, packed.data + packed.total() * packed.elemSize());
  return image;
}

double Axes::px(double x) const {
  return area.x + (x - x_min) / (x_max - x_min) * area.width;
}

double Axes::py(double y) const {
  const double fraction = (y - y_min) / (y_max - y_min);
  return y_down ? area.y + fraction * area.height : area.y + (1 - fraction) * area.height;
}

// The pixel containing the point: pixel k covers [k, k + 1) of the continuous coordinate.
cv::Point Axes::point(double x, double y) const {
  return {static_cast<int>(std::floor(px(x))), static_cast<int>(std::floor(py(y)))};
}

void draw_text(cv::Mat& canvas, const std::string& text, cv::Point origin, double scale,
               const cv::Scalar& colour, int thickness) {
  cv::putText(canvas, text, origin, kFont, scale, colour, thickness, cv::LINE_AA);
}

void draw_centred_text(cv::Mat& canvas, const std::string& text, int centre_x, int baseline_y,
                       double scale, const cv::Scalar& colour, int thickness) {
  int baseline = 0;
  const cv::Size size = cv::getTextSize(text, kFont, scale, thickness, &baseline);
  draw_text(canvas, text, {centre_x - size.width / 2, baseline_y}, scale, colour, thickness);
}

void draw_axes(cv::Mat& canvas, const Axes& axes, const std::string& x_label,
               const std::string& y_label) {
  cv::rectangle(canvas, axes.area, kBlack, 1);
  const int bottom = axes.area.y + axes.area.height;
  const std::vector<double> x_ticks = nice_ticks(axes.x_min, axes.x_max, 6);
  const double x_step = x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1.0;
  for (double x : x_ticks) {
    const int at = static_cast<int>(std::lround(axes.px(x)));
    cv::line(canvas, {at, bottom}, {at, bottom + 5}, kBlack, 1);
    draw_centred_text(canvas, tick_label(x, x_step), at, bottom + 20, kTickScale, kBlack);
  }
  const std::vector<double> y_ticks =
      nice_ticks(std::min(axes.y_min, axes.y_max), std::max(axes.y_min, axes.y_max), 6);
  const double y_step = y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1.0;
  for (double y : y_ticks) {
    const int at = static_cast<int>(std::lround(axes.py(y)));
    cv::line(canvas, {axes.area.x - 5, at}, {axes.area.x, at}, kBlack, 1);
    const std::string label = tick_label(y, y_step);
    int baseline = 0;
    const cv::Size size = cv::getTextSize(label, kFont, kTickScale, 1, &baseline);
    draw_text(canvas, label, {axes.area.x - 8 - size.width, at + size.height / 2}, kTickScale,
              kBlack);
  }
  draw_centred_text(canvas, x_label, axes.area.x + axes.area.width / 2, bottom + 45, kLabelScale,
                    kBlack);
  // putText writes only horizontally: draw the y label on its own strip and turn it upright.
  int baseline = 0;
  const cv::Size size = cv::getTextSize(y_label, kFont, kLabelScale, 1, &baseline);
  cv::Mat strip(size.height + baseline + 4, size.width + 4, CV_8UC3, kWhite);
  draw_text(strip, y_label, {2, size.height + 2}, kLabelScale, kBlack);
  cv::Mat upright;
  cv::rotate(strip, upright, cv::ROTATE_90_COUNTERCLOCKWISE);
  const int left = std::max(0, axes.area.x - 58 - upright.cols);
  const int top = std::max(0, axes.area.y + axes.area.height / 2 - upright.rows / 2);
  const cv::Rect target(left, top, std::min(upright.cols, canvas.cols - left),
                        std::min(upright.rows, canvas.rows - top));
  upright(cv::Rect(0, 0, target.width, target.height)).copyTo(canvas(target));
}

void draw_legend(cv::Mat& canvas, cv::Point top_left,
                 const std::vector<std::pair<std::string, cv::Scalar>>& entries) {
  int y = top_left.y;
  for (const auto& [label, colour] : entries) {
    cv::circle(canvas, {top_left.x + 6, y + 6}, 5, colour, cv::FILLED, cv::LINE_AA);
    draw_text(canvas, label, {top_left.x + 18, y + 11}, kLabelScale, kBlack);
    y += 22;
  }
}

std::vector<double> nice_ticks(double low, double high, int target) {
  std::vector<double> ticks;
  if (!(high > low) || !std::isfinite(low) || !std::isfinite(high) || target < 1) {
    return ticks;
  }
  const double rough = (high - low) / target;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= rough) {
      break;
    }
  }
  // Multiples of the step, not a running sum, so no rounding error builds up.
  for (double k = std::ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k += 1) {
    ticks.push_back(k * step);
  }
  return ticks;
}

}  // namespace holodet::evaluate
