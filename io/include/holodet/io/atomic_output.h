#pragma once
// Writes that never leave a half-written file under the final name: the content goes to a
// temporary file in the same folder (so the rename cannot cross file systems), which
// commit() flushes to disk and renames over the final name. Destroyed uncommitted (an
// exception, Ctrl-C unwinding), it removes the temporary file and the final name is untouched.

#include <filesystem>

namespace holodet::io {

class AtomicOutput {
 public:
  // Throws bad_input when the destination folder does not exist or the path is a folder.
  explicit AtomicOutput(std::filesystem::path final_path);
  ~AtomicOutput();
  AtomicOutput(AtomicOutput&& other) noexcept;
  AtomicOutput& operator=(AtomicOutput&&) = delete;
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temp_path() const { return temp_path_; }
  const std::filesystem::path& final_path() const { return final_path_; }

  // fsyncs the temporary file, renames it to the final name and fsyncs the folder.
  // Throws runtime_failure (disk full, permissions) and leaves the final name untouched.
  void commit();

 private:
  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  bool committed_ = false;
};

}  // namespace holodet::io
