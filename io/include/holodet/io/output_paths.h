#pragma once
// Output paths checked before the first plane: a run that cannot write its result fails in
// a second, naming the option and the path, rather than after an hour of work; and no output
// may be one of the run's inputs (holodet never overwrites what it reads).

#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace holodet::io {

// A file the run will write. Throws bad_input, naming `option` and the path, when its folder
// does not exist or is not writable, when the path is a folder, when its extension (compared
// without case) is none of `extensions` (with the dot; an empty list takes any), or when it is
// the same file as one of `inputs` (same device and inode, whatever the spelling).
void check_output_file(const std::filesystem::path& path, const std::string& option,
                       std::initializer_list<std::string_view> extensions,
                       std::span<const std::filesystem::path> inputs);

// A folder the run will write into, made if missing. Throws bad_input, naming `option`, when
// the path is a file, or when neither it nor (missing) its nearest existing parent is a
// writable folder.
void check_output_folder(const std::filesystem::path& path, const std::string& option);

// Makes a run's output folder (and missing parents) after check_output_folder; unless kept,
// removes at destruction the folders it made that are still empty, so a run that fails
// leaves no empty folder behind.
class MadeFolders {
 public:
  MadeFolders(const std::filesystem::path& path, const std::string& option);
  ~MadeFolders();
  MadeFolders(const MadeFolders&) = delete;
  MadeFolders& operator=(const MadeFolders&) = delete;
  void keep() { made_.clear(); }

 private:
  std::vector<std::filesystem::path> made_;  // deepest last
};

// Throws bad_input when `path` names the same existing file as one of `inputs`.
void check_not_an_input(const std::filesystem::path& path, const std::string& option,
                        std::span<const std::filesystem::path> inputs);

}  // namespace holodet::io
