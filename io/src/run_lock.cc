#include "holodet/io/run_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "holodet/core/error.h"

namespace holodet::io {
namespace {

struct flock whole_file(short type) {
  struct flock region {};
  region.l_type = type;
  region.l_whence = SEEK_SET;
  region.l_start = 0;
  region.l_len = 0;  // to the end, however long
  return region;
}

}  // namespace

RunLock::RunLock(std::filesystem::path path, const std::string& what) : path_(std::move(path)) {
  // Only this class opens the lock file: closing any descriptor of a file drops the process's
  // POSIX locks on it.
  descriptor_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (descriptor_ < 0) {
    throw bad_input(path_.string() + ": cannot make the batch's lock file in " + what + ": " +
                    std::strerror(errno));
  }
  struct flock want = whole_file(F_WRLCK);
  if (::fcntl(descriptor_, F_SETLK, &want) != 0) {
    const int failure = errno;
    struct flock holder = whole_file(F_WRLCK);
    const bool known = ::fcntl(descriptor_, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK;
    ::close(descriptor_);
    descriptor_ = -1;
    if (failure == EACCES || failure == EAGAIN) {
      throw bad_input(what + " is in use by another holodet batch run" +
                      (known ? " (pid " + std::to_string(holder.l_pid) + ")" : std::string()) +
                      " on the same archive (lock " + path_.string() +
                      "); wait for it to finish, or stop it and --resume");
    }
    throw bad_input(path_.string() + ": cannot lock: " + std::strerror(failure));
  }
  // The pid is for people reading the file; the lock holds whether or not it is written.
  const std::string pid = std::to_string(::getpid()) + "\n";
  const bool emptied = ::ftruncate(descriptor_, 0) == 0;
  [[maybe_unused]] const ssize_t written =
      emptied ? ::pwrite(descriptor_, pid.data(), pid.size(), 0) : 0;
}

RunLock::~RunLock() {
  if (descriptor_ >= 0) {
    // Removed while still held, so no other run can be holding this very file when it goes.
    ::unlink(path_.c_str());
    ::close(descriptor_);
  }
}

}  // namespace holodet::io
