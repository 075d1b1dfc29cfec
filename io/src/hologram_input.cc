#include "holodet/io/hologram_input.h"

#include "holodet/core/counted.h"
#include "holodet/core/error.h"
#include "holodet/io/image_file.h"

namespace holodet::io {
namespace {

// One value's resolution: an explicit config key wins, then the file, then the default.
double pick(const std::optional<double>& from_file, double from_config, bool config_explicit,
            ValueSource* source) {
  if (config_explicit) {
    *source = ValueSource::kConfig;
    return from_config;
  }
  if (from_file) {
    *source = ValueSource::kFile;
    return *from_file;
  }
  *source = ValueSource::kDefault;
  return from_config;  // the config holds HOLODEC's default when not set explicitly
}

// An optics attribute the file holds as text is refused (it is not silently replaced by the
// default) unless the configuration gives that value itself.
void refuse_optics_text(const io::ArchiveOptics& file_optics, const RequestedOptics& requested,
                        const std::filesystem::path& path) {
  const std::pair<const char*, const char*> keys[] = {{"lambda", "optics.wavelength_m"},
                                                      {"dx", "optics.pixel_pitch_x_m"},
                                                      {"dy", "optics.pixel_pitch_y_m"},
                                                      {"zMin", "optics.z_min_m"},
                                                      {"zMax", "optics.z_max_m"}};
  for (const auto& [name, text] : file_optics.not_numbers) {
    for (const auto& [attribute, key] : keys) {
      if (name == attribute && !requested.is_explicit(key)) {
        throw bad_input(path.string() + ": attribute " + name + " is '" + text +
                        "', not a number (in metres): store it as a number, or give the value "
                        "with --set " +
                        key + "=VALUE");
      }
    }
  }
}

}  // namespace

Optics resolve_optics(const io::ArchiveOptics& file_optics, const RequestedOptics& requested,
                      OpticsSources* sources) {
  OpticsSources local;
  OpticsSources& out = sources != nullptr ? *sources : local;
  Optics optics;
  ValueSource ignored;
  optics.wavelength_m = pick(file_optics.wavelength_m, requested.values.wavelength_m,
                             requested.is_explicit("optics.wavelength_m"), &out.wavelength);
  optics.pixel_pitch_x_m = pick(file_optics.pixel_pitch_x_m, requested.values.pixel_pitch_x_m,
                                requested.is_explicit("optics.pixel_pitch_x_m"), &out.pixel_pitch);
  optics.pixel_pitch_y_m = pick(
      file_optics.pixel_pitch_y_m ? file_optics.pixel_pitch_y_m : file_optics.pixel_pitch_x_m,
      requested.values.pixel_pitch_y_m, requested.is_explicit("optics.pixel_pitch_y_m"), &ignored);
  optics.z_min_m = pick(file_optics.z_min_m, requested.values.z_min_m,
                        requested.is_explicit("optics.z_min_m"), &out.z_range);
  optics.z_max_m = pick(file_optics.z_max_m, requested.values.z_max_m,
                        requested.is_explicit("optics.z_max_m"), &ignored);
  return optics;
}

HologramInput::HologramInput(const std::filesystem::path& path, const RequestedOptics& requested) {
  description_.path = path;
  if (io::looks_like_hdf5(path)) {
    archive_.emplace(path);
    const io::ArchiveInfo& info = archive_->info();
    description_.kind = InputKind::kArchive;
    description_.hologram_count = info.hologram_count;
    description_.size_x = info.size_x;
    description_.size_y = info.size_y;
    description_.bits_per_sample = info.bits_per_sample;
    refuse_optics_text(info.optics, requested, path);
    description_.optics = resolve_optics(info.optics, requested, &description_.optics_sources);
    description_.has_particles = info.has_particles;
    description_.particle_count = info.particle_count;
  } else {
    image_ = io::read_hologram_image(path);
    description_.kind = InputKind::kImage;
    description_.hologram_count = 1;
    description_.size_x = image_->size_x;
    description_.size_y = image_->size_y;
    description_.bits_per_sample = image_->bits_per_sample;
    description_.optics =
        resolve_optics(io::ArchiveOptics{}, requested, &description_.optics_sources);
  }
  validate(description_.optics, path.string());
}

std::vector<int> HologramInput::checked_ids(std::vector<int> asked) const {
  const std::size_t count = description_.hologram_count;
  if (asked.empty()) {
    for (std::size_t hid = 1; hid <= count; ++hid) {
      asked.push_back(static_cast<int>(hid));
    }
  }
  for (int hid : asked) {
    if (hid < 1 || static_cast<std::size_t>(hid) > count) {
      throw bad_input(description_.path.string() + ": --hologram " + std::to_string(hid) +
                      " out of range (the file holds " + counted(count, "hologram") + ")");
    }
  }
  return asked;
}

io::Hologram HologramInput::read(int hid) const {
  if (archive_) {
    return archive_->read_hologram(hid);
  }
  if (hid != 1) {
    throw bad_input(description_.path.string() + ": hologram " + std::to_string(hid) +
                    " out of range: an image file holds one hologram (hid 1)");
  }
  return *image_;
}

io::ParticleTable HologramInput::particles() const {
  return archive_ ? archive_->read_particles() : io::ParticleTable{};
}

std::optional<io::ArchiveTimes> HologramInput::hologram_times() const {
  return archive_ ? archive_->hologram_times() : std::nullopt;
}

}  // namespace holodet::io
