#pragma once
// A picture to check a detection run by eye: the hologram (rows = y, columns = x, as any PNG)
// with a circle of each detected particle's diameter at its position.

#include <filesystem>

#include "holodet/core/optics.h"
#include "holodet/io/hologram.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

void write_detection_preview(const std::filesystem::path& path, const io::Hologram& hologram,
                             const io::ParticleTable& particles, const Optics& optics);

}  // namespace holodet::io
