#include "holodet/io/results_metadata.h"

#include "holodet/core/version.h"

namespace holodet::io {

io::Attributes results_attributes(const RunDescription& run) {
  return {
      {"Conventions", std::string("CF-1.10")},
      {"title", std::string("HOLODEC particles found by holodet")},
      {"holodet_version", version()},
      {"holodet_build", build_description()},
      {"method", run.method},
      {"model", run.model},
      {"source", run.source},
      {"command_line", run.command_line},
      {"lambda", run.optics.wavelength_m},
      {"dx", run.optics.pixel_pitch_x_m},
      {"dy", run.optics.pixel_pitch_y_m},
      {"zMin", run.optics.z_min_m},
      {"zMax", run.optics.z_max_m},
      {"holodec_conventions",
       std::string("x, y in um from the image centre (pixel i at (i - Nx/2)*dx); "
                   "z in um from the sensor; d in um; hid 1-based")},
  };
}

std::string join_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int k = 0; k < argc; ++k) {
    std::string argument = argv[k];
    const bool plain =
        !argument.empty() && argument.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos;
    if (!plain) {
      std::string quoted = "'";
      for (char c : argument) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      }
      argument = quoted + "'";
    }
    line += (k ? " " : "") + argument;
  }
  return line;
}

}  // namespace holodet::io
