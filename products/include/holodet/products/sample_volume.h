#pragma once
// The volume a hologram samples: the frame's area less a margin at its edges, times the depth
// the run searched, less the columns that recurring artefacts (window specks, hot pixels)
// hide. In cm³, what number concentrations are divided by.

#include <cstddef>
#include <span>

namespace holodet::products {

// The frame and the depths a run searched, in the HOLODEC convention (x, y from the image
// centre: pixel i has its centre at (i - Nx/2)·dx).
struct SampleFrame {
  std::size_t size_x = 0, size_y = 0;
  double pitch_x_um = 0, pitch_y_um = 0;
  double z_min_um = 0, z_max_um = 0;
};

// Where a particle's centre may lie to be counted, µm.
struct UsableArea {
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
  bool contains(double x, double y) const {
    return x >= x_min && x <= x_max && y >= y_min && y <= y_max;
  }
  double area_um2() const { return (x_max - x_min) * (y_max - y_min); }
};

// The frame's outer edges (pixel edges, not centres), µm.
UsableArea frame_area(const SampleFrame& frame);
// The frame less `margin_um` on every side; empty (zero area) when the margin eats it.
UsableArea usable_area(const SampleFrame& frame, double margin_um);

// A column of the volume hidden by an artefact: a disk around its place, over the whole depth.
struct Footprint {
  double x_um = 0, y_um = 0, radius_um = 0;
};

struct SampleVolume {
  double frame_cm3 = 0;     // the whole frame over [z_min, z_max]
  double margin_cm3 = 0;    // the edge margins' share of it
  double artefact_cm3 = 0;  // the footprints' share of the usable area
  double volume_cm3 = 0;    // frame − margins − artefacts: what is sampled
};

// The footprints' union inside `area`, µm² (overlapping footprints are counted once), on a
// grid of cells no larger than 0.5 µm: within 0.1 % of the exact area for radii over 20 µm.
double footprint_area_um2(const UsableArea& area, std::span<const Footprint> footprints);

SampleVolume sample_volume(const SampleFrame& frame, double margin_um,
                           std::span<const Footprint> footprints);

}  // namespace holodet::products
