#include "plot_script.h"

#include <sys/wait.h>

#include <cstdlib>

#include "holodet/io/results_metadata.h"

namespace holodet::tools {
namespace {

std::string plot_python() {
  if (const char* chosen = std::getenv("HOLODET_PYTHON"); chosen != nullptr && *chosen != '\0') {
    return chosen;
  }
  const std::filesystem::path configured = HOLODET_PLOT_PYTHON;
  std::error_code error;
  if (!configured.empty() && std::filesystem::exists(configured, error)) {
    return configured.string();
  }
  return "python3";
}

}  // namespace

std::string run_plot_script(const std::string& script, const std::vector<std::string>& arguments) {
  const std::filesystem::path path = std::filesystem::path(HOLODET_SCRIPTS_DIR) / script;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return path.string() + " is not there";
  }
  const std::string python = plot_python();
  const std::string script_path = path.string();
  std::vector<const char*> words = {python.c_str(), script_path.c_str()};
  for (const std::string& argument : arguments) {
    words.push_back(argument.c_str());
  }
  const std::string command = io::join_command_line(static_cast<int>(words.size()), words.data());
  const int status = std::system(command.c_str());
  if (status == 0) {
    return "";
  }
  return python + " " + path.filename().string() + " exited with status " +
         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : status) +
         " (HOLODET_PYTHON names a Python with matplotlib and pandas)";
}

}  // namespace holodet::tools
