#pragma once
// Runs a segmentation model on batches of tiles: our U-Net (weights from its HDF5 file) or a
// TorchScript module exported from Python, through one inference path. Eval mode, no autograd
// (InferenceMode); float32 on the CPU, float16 with channels-last on CUDA. No LibTorch types
// here, so the pipeline compiles without LibTorch's headers.
//
// Inputs: `count` tiles of channels × size_x × size_y floats, [tile][channel][x][y], already
// normalised as ModelInfo says ((value − offset) · scale). Outputs: per-pixel probabilities
// (the sigmoid of the model's logits), [tile][x][y]. size_x and size_y must be multiples of
// 2^depth for our U-Net. predict() takes and gives host memory; predict_masks() reads the tiles
// where they are (host or device memory, tile_source.h) and gives back only the pixels above a
// threshold. Both return when the results are on the host.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "holodet/core/named_array.h"
#include "holodet/segment/model_info.h"
#include "holodet/segment/tile_source.h"

namespace holodet::segment {

struct SegmenterOptions {
  std::string device = "cpu";  // "cpu" or "cuda:N"
  bool half_precision = true;  // float16 + channels-last on CUDA (ignored on the CPU)
};

class Segmenter {
 public:
  // Our U-Net with the given state. Throws bad_input (naming `source`) for weights that do not
  // fit the architecture the info describes.
  Segmenter(const ModelInfo& info, const std::vector<NamedArray>& state, const std::string& source,
            const SegmenterOptions& options);
  // A TorchScript file whose metadata travels as the extra file "holodet.yaml" (keys of
  // ModelInfo). Throws bad_input naming the file when it cannot be loaded, has no metadata, or
  // fails on a test tile of the declared channels.
  static Segmenter load_torchscript(const std::filesystem::path& path,
                                    const SegmenterOptions& options);

  // An AOTInductor package (.pt2, torch._inductor.aoti_compile_and_package) compiled for the
  // device the model runs on, with dynamic tile sizes and "holodet.yaml" in its
  // aot_inductor.metadata. Runs in float32. Throws bad_input naming the file when it cannot
  // be loaded, was compiled for another device, has no metadata, or fails on a 128² tile.
  static Segmenter load_aoti_package(const std::filesystem::path& path,
                                     const SegmenterOptions& options);

  ~Segmenter();
  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;

  const ModelInfo& info() const;
  std::size_t channels() const { return info().channels.size(); }
  std::string description() const;  // "U-Net depth 4 width 8, cpu float32"

  // On a device that runs out of memory, the batch is split and retried (batch_backoff.h).
  void predict(std::span<const float> inputs, std::size_t count, std::size_t size_x,
               std::size_t size_y, std::span<float> probabilities);

  // Runs the model on the tiles `tiles` (indices into `source`, any order and repeats) of
  // `source`, in place: on a CUDA source the batch is gathered on that device and, when the
  // model runs there too, nothing but the returned pixels crosses the bus. The probabilities
  // are thresholded on the model's device; result tile k is tiles[k]. Throws bad_input for a
  // source whose channels or tile size the model cannot take, or an index past its end.
  SparseMasks predict_masks(const TileSource& source, std::span<const std::size_t> tiles,
                            float threshold);

  // The device the model runs on: "cpu" or "cuda:N".
  std::string device() const;
  // True when the model runs in float16 (on CUDA): its input is best written as half.
  bool runs_in_half() const;

  struct Impl;  // LibTorch's side, in segmenter.cc

 private:
  explicit Segmenter(std::unique_ptr<Impl> impl);
  void predict_chunk(std::span<const float> inputs, std::size_t count, std::size_t size_x,
                     std::size_t size_y, std::span<float> probabilities);
  void report_backoff(std::size_t limit_before) const;
  void probe(const std::filesystem::path& path, std::size_t size);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holodet::segment
