#pragma once
// An exclusive hold on one archive's share of a batch run (its journal and results), for the
// life of the object: a POSIX record lock on a lock file beside the journal, which the kernel
// releases when the process ends however it ends (kill -9 included), so a stale lock cannot
// outlive its run. A second run on the same archive and output folder is refused while the
// first holds it, instead of interleaving records with it.

#include <filesystem>
#include <string>

namespace holodet::io {

class RunLock {
 public:
  // Takes the lock or throws bad_input naming `what` (the output folder), the lock file and
  // the holder's pid. The file holds the holder's pid while held.
  RunLock(std::filesystem::path path, const std::string& what);
  // Releases the lock and removes the file.
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int descriptor_ = -1;
};

}  // namespace holodet::io
