#pragma once
// The project's plotting scripts (scripts/plot-*, matplotlib), run from a command: with the
// Python in HOLODET_PYTHON when set, else the one this build was configured with (the
// project's venv), else python3 from PATH.

#include <filesystem>
#include <string>
#include <vector>

namespace holodet::tools {

// Runs scripts/`script` with `arguments`, its output passed through. Returns an empty string
// when it succeeded, else why not (no Python, the script missing, its exit status).
std::string run_plot_script(const std::string& script, const std::vector<std::string>& arguments);

}  // namespace holodet::tools
