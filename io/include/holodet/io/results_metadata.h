#pragma once
// The global attributes every results file carries, so a table can be traced to how it was
// made: optics, method, model, program version and the command line.

#include <string>

#include "holodet/core/optics.h"
#include "holodet/io/netcdf_writer.h"

namespace holodet::io {

struct RunDescription {
  Optics optics;
  std::string method;        // "classic" | "unet"
  std::string model;         // model file name and checksum; empty for classic
  std::string command_line;  // as typed
  std::string source;        // input file
};

io::Attributes results_attributes(const RunDescription& run);

// argv joined with spaces, arguments holding spaces or quotes quoted for a POSIX shell.
std::string join_command_line(int argc, const char* const* argv);

}  // namespace holodet::io
