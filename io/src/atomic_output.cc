#include "holodet/io/atomic_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <system_error>

#include "holodet/core/error.h"

namespace holodet::io {
namespace {

std::filesystem::path make_temp_path(const std::filesystem::path& final_path) {
  std::random_device entropy;
  return final_path.parent_path() /
         (final_path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
          std::to_string(entropy() % 1000000));
}

void fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    throw runtime_failure(path.string() + ": cannot open to flush: " + std::strerror(errno));
  }
  const int status = ::fsync(fd);
  const int saved_errno = errno;
  ::close(fd);
  if (status != 0) {
    throw runtime_failure(path.string() + ": cannot flush to disk: " + std::strerror(saved_errno));
  }
}

}  // namespace

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  if (final_path_.empty()) {
    throw bad_input("output path is empty");
  }
  std::filesystem::path folder = final_path_.parent_path();
  if (folder.empty()) {
    folder = ".";
    final_path_ = folder / final_path_;
  }
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw bad_input(final_path_.string() + ": cannot write: folder " + folder.string() +
                    " does not exist");
  }
  if (std::filesystem::is_directory(final_path_, error)) {
    throw bad_input(final_path_.string() + ": cannot write: it is a folder");
  }
  temp_path_ = make_temp_path(final_path_);
}

AtomicOutput::AtomicOutput(AtomicOutput&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temp_path_(std::move(other.temp_path_)),
      committed_(other.committed_) {
  other.committed_ = true;  // the moved-from object must not remove the file
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
  }
}

void AtomicOutput::commit() {
  fsync_path(temp_path_, O_RDONLY);
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    throw runtime_failure(final_path_.string() + ": cannot rename " + temp_path_.string() +
                          " into place: " + std::strerror(errno));
  }
  committed_ = true;
  fsync_path(final_path_.parent_path(), O_RDONLY | O_DIRECTORY);
}

}  // namespace holodet::io
