#include "plot_script.h"

#include <sys/wait.h>

#include <cstdlib>

namespace holodet::tools {
namespace {

// A word for a POSIX shell: in single quotes, its own quotes escaped.
std::string shell_word(const std::string& text) {
  std::string quoted(1, '\'');
  for (char c : text) {
    if (c == '\'') {
      quoted.append("'\\''");
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}

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
  std::string command = shell_word(python);
  command.push_back(' ');
  command.append(shell_word(path.string()));
  for (const std::string& argument : arguments) {
    command.push_back(' ');
    command.append(shell_word(argument));
  }
  const int status = std::system(command.c_str());
  if (status == 0) {
    return "";
  }
  return python + " " + path.filename().string() + " exited with status " +
         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : status) +
         " (HOLODET_PYTHON names a Python with matplotlib and pandas)";
}

}  // namespace holodet::tools
