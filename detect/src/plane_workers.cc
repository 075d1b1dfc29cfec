#include "holodet/detect/plane_workers.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <map>
#include <thread>

#include "holodet/core/error.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/propagate/fft_size.h"

namespace holodet::detect {

PlaneWorkers::PlaneWorkers(propagate::Propagator& propagator, segment::Segmenter* segmenter,
                           segment::Segmenter* crowded_segmenter)
    : propagators_{&propagator}, segmenters_{segmenter}, crowded_segmenters_{crowded_segmenter} {}

PlaneWorkers::PlaneWorkers(std::vector<std::unique_ptr<propagate::Propagator>> propagators,
                           std::vector<std::unique_ptr<segment::Segmenter>> segmenters,
                           std::vector<std::unique_ptr<segment::Segmenter>> crowded_segmenters)
    : owned_propagators_(std::move(propagators)),
      owned_segmenters_(std::move(segmenters)),
      owned_crowded_segmenters_(std::move(crowded_segmenters)) {
  if (owned_propagators_.empty()) {
    throw runtime_failure("plane workers: no worker");
  }
  const auto borrowed = [](const std::vector<std::unique_ptr<segment::Segmenter>>& owned,
                           std::size_t k) { return k < owned.size() ? owned[k].get() : nullptr; };
  for (std::size_t k = 0; k < owned_propagators_.size(); ++k) {
    propagators_.push_back(owned_propagators_[k].get());
    segmenters_.push_back(borrowed(owned_segmenters_, k));
    crowded_segmenters_.push_back(borrowed(owned_crowded_segmenters_, k));
  }
}

PlaneWorkers::~PlaneWorkers() = default;
PlaneWorkers::PlaneWorkers(PlaneWorkers&&) noexcept = default;

void PlaneWorkers::set_hologram(FrameView<const float> counts) {
  propagators_.front()->set_hologram(counts);
  if (propagators_.size() == 1) {
    return;
  }
  const std::vector<std::complex<float>> spectrum = propagators_.front()->spectrum();
  for (std::size_t k = 1; k < propagators_.size(); ++k) {
    propagators_[k]->set_spectrum(spectrum);
  }
}

void PlaneWorkers::for_each(std::size_t items,
                            const std::function<void(std::size_t, std::size_t)>& task) {
  if (propagators_.size() == 1 || items <= 1) {
    for (std::size_t item = 0; item < items; ++item) {
      task(0, item);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex failure_mutex;
  std::size_t failed_item = std::numeric_limits<std::size_t>::max();
  std::exception_ptr failure;
  const auto work = [&](std::size_t worker) {
    while (!failed.load()) {
      const std::size_t item = next.fetch_add(1);
      if (item >= items) {
        return;
      }
      try {
        task(worker, item);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (item < failed_item) {
          failed_item = item;
          failure = std::current_exception();
        }
        failed.store(true);
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    const std::size_t used = std::min(propagators_.size(), items);
    for (std::size_t worker = 1; worker < used; ++worker) {
      threads.emplace_back(work, worker);
    }
    work(0);
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

WorkerLayout worker_layout(const config::Config& config, const DeviceChoice& devices) {
  WorkerLayout layout;
  const auto per_device = static_cast<std::size_t>(config.runtime.workers_per_device);
  if (devices.backend == Backend::kCuda) {
    for (int device : devices.cuda_indices) {
      layout.cuda_devices.insert(layout.cuda_devices.end(), per_device, device);
    }
    return layout;
  }
  layout.cpu_workers = per_device;
  return layout;
}

std::size_t planes_that_fit(std::size_t device_bytes, std::size_t workers_on_device,
                            std::size_t size_x, std::size_t size_y, std::size_t min_padding_px,
                            std::size_t requested) {
  const std::size_t padded = propagate::next_fast_fft_size(size_x + 2 * min_padding_px) *
                             propagate::next_fast_fft_size(size_y + 2 * min_padding_px);
  const std::size_t fixed = 2 * 8 * padded;  // the spectrum and the forward plan's work area
  const std::size_t per_plane = 2 * 8 * padded + 16 * size_x * size_y;
  const std::size_t share = device_bytes / 2 / std::max<std::size_t>(1, workers_on_device);
  const std::size_t fit = share > fixed ? (share - fixed) / per_plane : 0;
  return std::clamp<std::size_t>(fit, 1, std::max<std::size_t>(1, requested));
}

PlaneWorkers make_plane_workers(std::size_t size_x, std::size_t size_y,
                                const config::Config& config, const Optics& optics,
                                const DeviceChoice& devices, const ModelLoader& load_model,
                                const ModelLoader& load_crowded_model) {
  const WorkerLayout layout = worker_layout(config, devices);
  std::map<int, std::size_t> device_memory;
  if (!layout.cuda_devices.empty()) {
    for (const CudaDevice& device : probe_devices().devices) {
      device_memory[device.index] = device.free_memory_bytes;
    }
  }
  std::vector<std::unique_ptr<propagate::Propagator>> propagators;
  std::vector<std::unique_ptr<segment::Segmenter>> segmenters, crowded_segmenters;
  for (std::size_t k = 0; k < layout.size(); ++k) {
    // Each CPU worker plans its FFTs for all of runtime.threads, as one worker would: FFTW's
    // plan (and so the last bits of every plane) depends on the thread count, and a
    // hologram's particles must not depend on the worker count. Several CPU workers therefore
    // share the cores rather than split them; on the CPU they only test this path.
    config::Config worker_config = config;
    DeviceChoice worker_device;
    worker_device.backend = devices.backend;  // cpu or cpu-kernels; CUDA workers below
    std::string device = "cpu";
    if (!layout.cuda_devices.empty()) {
      const int index = layout.cuda_devices[k];
      worker_device.backend = Backend::kCuda;
      worker_device.cuda_indices = {index};
      device = "cuda:" + std::to_string(index);
      if (device_memory.count(index) != 0) {
        const auto workers_here = static_cast<std::size_t>(
            std::count(layout.cuda_devices.begin(), layout.cuda_devices.end(), index));
        worker_config.reconstruction.batch_planes = static_cast<int>(
            planes_that_fit(device_memory[index], workers_here, size_x, size_y,
                            static_cast<std::size_t>(config.reconstruction.min_padding_px),
                            static_cast<std::size_t>(config.reconstruction.batch_planes)));
      }
    }
    propagators.push_back(
        make_run_propagator(size_x, size_y, worker_config, optics, worker_device));
    if (load_model) {
      segmenters.push_back(load_model(device));
    }
    if (load_crowded_model) {
      crowded_segmenters.push_back(load_crowded_model(device));
    }
  }
  return PlaneWorkers(std::move(propagators), std::move(segmenters), std::move(crowded_segmenters));
}

}  // namespace holodet::detect
