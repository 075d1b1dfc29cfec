#pragma once
// How a particle is found, behind one interface: a Detector turns one hologram and the depths
// to reconstruct it at into a particle table, the seconds each stage took and what it counted.
// make_detector builds either method from the configuration, with the run's plane workers
// (and, for unet, the model loaded and checked against the run's optics on every worker); the
// jobs behind detect, batch and bench call it and nothing else of the two methods.

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "holodet/config/config.h"
#include "holodet/core/devices.h"
#include "holodet/core/optics.h"
#include "holodet/detect/method.h"
#include "holodet/detect/plane_workers.h"
#include "holodet/io/hologram.h"
#include "holodet/io/particle_table.h"
#include "holodet/segment/model_info.h"

namespace holodet::detect {

// Seconds per stage; `depth` is the depth refinement's share of `analysis`.
struct StageSeconds {
  double spectrum = 0;     // field preparation and the forward transform
  double propagation = 0;  // every pass over the planes, with the network-input tiles
  double network = 0;      // unet only
  double analysis = 0;     // candidates, focus curves or clustering, sizes, depth refinement
  double depth = 0;
  StageSeconds& operator+=(const StageSeconds& other);
};

// What a detection counted; a method leaves what it does not do at 0.
struct DetectionCounts {
  std::size_t candidates = 0;
  std::size_t crowded_holograms = 0;  // candidates found with the crowded frame's settings
  std::size_t outside_volume = 0;     // focused on a guard plane: dust on a window
  // classic's rejections
  std::size_t border = 0;       // touching the frame's edge
  std::size_t depth_range = 0;  // in focus at the first or last plane
  std::size_t too_small = 0;
  std::size_t faint = 0;
  // unet's network work
  std::size_t work_items = 0;         // network passes over one tile or window
  std::size_t tile_pixels = 0;        // pixels per pass (the largest seen, when summed)
  std::size_t detections = 0;         // per-plane components before clustering
  std::size_t mask_pixels = 0;        // pixels above the threshold the network gave back
  std::size_t dense_holograms = 0;    // holograms the dense plan ran on
  std::size_t planes_propagated = 0;  // over every pass
  std::size_t depth_refined = 0;      // z refined below the plane spacing
  std::size_t depth_kept_coarse = 0;  // no focus found: the planes' z kept
  DetectionCounts& operator+=(const DetectionCounts& other);
};

struct Detection {
  io::ParticleTable particles;
  StageSeconds seconds;
  DetectionCounts counts;
};

class Detector {
 public:
  virtual ~Detector() = default;
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  virtual Method method() const = 0;
  // `z_m` ascending. `on_plane` (may be empty) is called once per plane step (plane_steps),
  // from the workers' threads, one call at a time. The result does not depend on the number of
  // workers.
  virtual Detection detect(const io::Hologram& hologram, std::span<const double> z_m,
                           const std::function<void()>& on_plane = {}) = 0;
  // Calls detect() makes to on_plane for one hologram: every plane of every pass, with the
  // guard planes (volume_guard.h).
  virtual std::size_t plane_steps(std::span<const double> z_m) const = 0;
  // unet: the model's file name, checksum and description; "" for classic.
  virtual std::string model() const { return ""; }
  // unet: what the model file says of itself; nullptr for classic.
  virtual const segment::ModelInfo* model_info() const { return nullptr; }
  // Said to the user before the run, or "": unet's planes further apart than the depth band its
  // model marks.
  virtual std::string note() const { return ""; }

  // The first worker's propagator, and how many workers there are when more than one.
  std::string device() const;
  std::size_t padded_size_x() const { return workers_.propagator(0).padded_size_x(); }
  std::size_t padded_size_y() const { return workers_.propagator(0).padded_size_y(); }
  const Optics& optics() const { return optics_; }

 protected:
  Detector(PlaneWorkers workers, const Optics& optics)
      : workers_(std::move(workers)), optics_(optics) {}
  PlaneWorkers workers_;
  Optics optics_;
};

// A detector for holograms of size_x × size_y with `optics`, on `devices`, set up as `config`
// says (classic.*, unet.*, depth.*, tiling.*, reconstruction.*, runtime.*). unet loads the model
// (unet.model, else the shipped one) and refuses, with bad_input naming the file, one made for
// another field mode or optics, or tiles the network cannot take.
std::unique_ptr<Detector> make_detector(Method method, const config::Config& config,
                                        const Optics& optics, std::size_t size_x,
                                        std::size_t size_y, const DeviceChoice& devices);

// The planes a run reconstructs: reconstruction.planes over the optics' depth range.
std::vector<double> run_depths(const config::Config& config, const Optics& optics);

}  // namespace holodet::detect
