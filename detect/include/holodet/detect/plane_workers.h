#pragma once
// The workers a hologram's planes are fanned out to: one per (device, slot), each owning its
// propagator (stream and FFT plans) and, for `--method unet`, its model replica. The hologram
// is transformed once, by the first worker, and its spectrum shared with the others. Work is
// a list of items (a batch of planes each) dealt from one shared counter, so a faster worker
// takes more; callers keep each item's results in the item's own slot and combine them in
// item order, which makes a hologram's result independent of how many workers there are.
//
// With one worker, items run on the calling thread; with more, each worker has a thread for
// the duration of one for_each().

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/devices.h"
#include "holodet/core/frame.h"
#include "holodet/propagate/propagator.h"
#include "holodet/segment/segmenter.h"

namespace holodet::detect {

class PlaneWorkers {
 public:
  // One worker borrowing a propagator and (optionally) a segmenter and the crowded frames'
  // one: the single-device path and the tests.
  explicit PlaneWorkers(propagate::Propagator& propagator, segment::Segmenter* segmenter = nullptr,
                        segment::Segmenter* crowded_segmenter = nullptr);
  // Owning workers; `crowded_segmenters` is empty when crowded frames use the same model.
  PlaneWorkers(std::vector<std::unique_ptr<propagate::Propagator>> propagators,
               std::vector<std::unique_ptr<segment::Segmenter>> segmenters,
               std::vector<std::unique_ptr<segment::Segmenter>> crowded_segmenters = {});
  ~PlaneWorkers();
  PlaneWorkers(PlaneWorkers&&) noexcept;
  PlaneWorkers& operator=(PlaneWorkers&&) = delete;

  std::size_t size() const { return propagators_.size(); }
  propagate::Propagator& propagator(std::size_t worker) const { return *propagators_[worker]; }
  // nullptr when the workers were made without a model. A crowded frame's model
  // (unet.crowded_model) is the worker's own model where none was given for them.
  segment::Segmenter* segmenter(std::size_t worker, bool crowded = false) const {
    return crowded && crowded_segmenters_[worker] != nullptr ? crowded_segmenters_[worker]
                                                             : segmenters_[worker];
  }

  // Transforms the hologram on worker 0 and hands its spectrum to the others.
  void set_hologram(FrameView<const float> counts);

  // Runs task(worker, item) for every item in [0, items). Items are handed out in ascending
  // order; each worker therefore sees its own items in ascending order. When a task throws,
  // no further items are handed out and the exception of the lowest failing item is rethrown
  // once every worker has stopped.
  void for_each(std::size_t items,
                const std::function<void(std::size_t worker, std::size_t item)>& task);

 private:
  std::vector<std::unique_ptr<propagate::Propagator>> owned_propagators_;
  std::vector<std::unique_ptr<segment::Segmenter>> owned_segmenters_;
  std::vector<std::unique_ptr<segment::Segmenter>> owned_crowded_segmenters_;
  std::vector<propagate::Propagator*> propagators_;
  std::vector<segment::Segmenter*> segmenters_;
  std::vector<segment::Segmenter*> crowded_segmenters_;  // nullptr: the worker's own model
};

// A callback that several workers may call at once: the calls are serialised.
class SerialCallback {
 public:
  explicit SerialCallback(const std::function<void()>& callback) : callback_(callback) {}
  void operator()() {
    if (callback_) {
      const std::lock_guard lock(mutex_);
      callback_();
    }
  }

 private:
  const std::function<void()>& callback_;
  std::mutex mutex_;
};

// How a run's devices become workers: `workers_per_device` on each CUDA device of
// `devices`, or that many on the CPU. Every CPU worker's FFT plans use runtime.threads (the
// plan, and so the last bits of a plane, depends on the thread count).
struct WorkerLayout {
  std::vector<int> cuda_devices;  // one entry per worker; empty: CPU workers
  std::size_t cpu_workers = 0;
  std::size_t size() const { return cuda_devices.empty() ? cpu_workers : cuda_devices.size(); }
};
WorkerLayout worker_layout(const config::Config& config, const DeviceChoice& devices);

// Planes per propagation batch (at most `requested`, at least 1) for which the CUDA buffers
// of `workers_on_device` workers fit in half of `device_bytes` (the device's free memory when
// the workers are made); the other half is left to the
// model copies, cuFFT's work areas and other processes. Per plane a worker holds the padded
// field (8 B per padded pixel), cuFFT's batch work area (as much again) and the outputs
// (16 B per pixel).
std::size_t planes_that_fit(std::size_t device_bytes, std::size_t workers_on_device,
                            std::size_t size_x, std::size_t size_y, std::size_t min_padding_px,
                            std::size_t requested);

// A model loader: one segmenter on the given device ("cpu" or "cuda:N").
using ModelLoader = std::function<std::unique_ptr<segment::Segmenter>(const std::string& device)>;

// Workers for holograms of size_x × size_y; `load_model` (may be empty) makes each worker's
// segmenter and `load_crowded_model` (may be empty) its crowded frames' one.
PlaneWorkers make_plane_workers(std::size_t size_x, std::size_t size_y,
                                const config::Config& config, const Optics& optics,
                                const DeviceChoice& devices, const ModelLoader& load_model,
                                const ModelLoader& load_crowded_model = {});

}  // namespace holodet::detect
