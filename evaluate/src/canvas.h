#pragma once
// Private to evaluate/: a small plotting vocabulary on OpenCV's drawing functions (imgproc).
// Canvases are CV_8UC3 in R, G, B order (not OpenCV's usual BGR): they go to
// io::write_png_rgb8, never through imgcodecs, so every cv::Scalar here is (R, G, B).

#include <opencv2/core.hpp>
#include <string>
#include <utility>
#include <vector>

#include "holodet/evaluate/plots.h"

namespace holodet::evaluate {

inline const cv::Scalar kWhite(255, 255, 255);
inline const cv::Scalar kBlack(0, 0, 0);
inline const cv::Scalar kGrey(150, 150, 150);
inline const cv::Scalar kTruthColour(0, 190, 0);

// The colour of prediction set k: red, blue, then others.
cv::Scalar set_colour(std::size_t k);

cv::Mat blank_canvas(int width, int height);
RgbImage to_rgb_image(const cv::Mat& canvas);

// Maps data coordinates onto a pixel rectangle of the canvas.
struct Axes {
  cv::Rect area;
  double x_min = 0;
  double x_max = 1;
  double y_min = 0;
  double y_max = 1;
  bool y_down = false;  // true for images: y grows downwards, as rows do

  double px(double x) const;
  double py(double y) const;
  cv::Point point(double x, double y) const;
};

// Frame, ticks with labels, and the two axis labels (the y label turned upright).
void draw_axes(cv::Mat& canvas, const Axes& axes, const std::string& x_label,
               const std::string& y_label);

// Text with its baseline's left end at `origin`.
void draw_text(cv::Mat& canvas, const std::string& text, cv::Point origin, double scale,
               const cv::Scalar& colour, int thickness = 1);
// Text centred on x at baseline y.
void draw_centred_text(cv::Mat& canvas, const std::string& text, int centre_x, int baseline_y,
                       double scale, const cv::Scalar& colour, int thickness = 1);

// A swatch and a label per entry, one line each, from `top_left` down.
void draw_legend(cv::Mat& canvas, cv::Point top_left,
                 const std::vector<std::pair<std::string, cv::Scalar>>& entries);

// About `target` round values (1, 2 or 5 times a power of ten apart) inside [low, high].
std::vector<double> nice_ticks(double low, double high, int target);

}  // namespace holodet::evaluate
