#pragma once
// The program version and build facts, written into every results file.

#include <string>

namespace holodet {

std::string version();            // "0.1.0" (from CMake's project version)
std::string build_description();  // version, git commit, compiler, CUDA on/off
}  // namespace holodet
