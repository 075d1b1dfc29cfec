#include "holodet/io/output_paths.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "holodet/core/error.h"

namespace holodet::io {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// What follows "the folder X" when access(W_OK) refused it.
std::string not_writable_reason(int error_number) {
  return error_number == EROFS ? " is on a read-only file system" : " is not writable";
}

}  // namespace

void check_not_an_input(const std::filesystem::path& path, const std::string& option,
                        std::span<const std::filesystem::path> inputs) {
  std::error_code error;
  for (const std::filesystem::path& input : inputs) {
    if (std::filesystem::equivalent(path, input, error) && !error) {
      throw bad_input(option + " " + path.string() + " is the input " + input.string() +
                      "; holodet never overwrites what it reads: choose another path");
    }
  }
}

void check_output_file(const std::filesystem::path& path, const std::string& option,
                       std::initializer_list<std::string_view> extensions,
                       std::span<const std::filesystem::path> inputs) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw bad_input(option + " " + path.string() + " is a folder; give a file name");
  }
  if (extensions.size() != 0) {
    const std::string extension = lower(path.extension().string());
    if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end()) {
      std::string known;
      for (std::string_view e : extensions) {
        known += (known.empty() ? "" : ", ") + std::string(e);
      }
      throw bad_input(option + " " + path.string() + ": unknown format '" + extension +
                      "' (expected " + known + ")");
    }
  }
  const std::filesystem::path folder =
      path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  if (!std::filesystem::is_directory(folder, error)) {
    throw bad_input(option + " " + path.string() + ": no such folder " + folder.string());
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw bad_input(option + " " + path.string() + ": the folder " + folder.string() +
                    not_writable_reason(errno));
  }
  check_not_an_input(path, option, inputs);
}

void check_output_folder(const std::filesystem::path& path, const std::string& option) {
  std::error_code error;
  if (std::filesystem::exists(path, error) && !std::filesystem::is_directory(path, error)) {
    throw bad_input(option + " " + path.string() + " is a file; give a folder");
  }
  // The folder, or the nearest parent that exists: the one the run must write into.
  std::filesystem::path existing = path.empty() ? std::filesystem::path(".") : path;
  while (!std::filesystem::exists(existing, error) && existing != ".") {
    existing = existing.has_parent_path() && existing.parent_path() != existing
                   ? existing.parent_path()
                   : std::filesystem::path(".");
  }
  if (!std::filesystem::is_directory(existing, error)) {
    throw bad_input(option + " " + path.string() + ": " + existing.string() +
                    " is a file, so the folder cannot be made");
  }
  if (::access(existing.c_str(), W_OK | X_OK) != 0) {
    throw bad_input(option + " " + path.string() + ": the folder " + existing.string() +
                    not_writable_reason(errno));
  }
}

MadeFolders::MadeFolders(const std::filesystem::path& path, const std::string& option) {
  check_output_folder(path, option);
  std::vector<std::filesystem::path> missing;
  std::error_code error;
  for (std::filesystem::path folder = path;
       !folder.empty() && folder != folder.parent_path() && !std::filesystem::exists(folder, error);
       folder = folder.parent_path()) {
    missing.push_back(folder);
  }
  for (auto folder = missing.rbegin(); folder != missing.rend(); ++folder) {
    const bool created = std::filesystem::create_directory(*folder, error);
    if (!created && error) {
      throw runtime_failure(option + " " + path.string() + ": cannot make " + folder->string() +
                            ": " + system_reason(error.value()));
    }
    if (created) {  // not one another process (an MPI rank) made meanwhile
      made_.push_back(*folder);
    }
  }
}

MadeFolders::~MadeFolders() {
  for (auto folder = made_.rbegin(); folder != made_.rend(); ++folder) {
    std::error_code error;
    if (std::filesystem::is_empty(*folder, error) && !error) {
      std::filesystem::remove(*folder, error);
    }
  }
}

}  // namespace holodet::io
