#pragma once
// The one exception type every holodet library throws. Only tools/ turns it into an exit code:
// kBadInput (the user's file, option or value is wrong) exits 2, kRuntime exits 1.

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace holodet {

enum class ErrorKind {
  kBadInput,  // a file, option or value the user gave is wrong: fixable by the user
  kRuntime,   // the input was fine but the work failed (out of memory, device error, disk full)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// Messages name the file or option, its value and the broken constraint, e.g.
// "run.nc: hologram 7 out of range (the archive holds 5)".
inline Error bad_input(const std::string& message) {
  return Error(ErrorKind::kBadInput, message);
}
inline Error runtime_failure(const std::string& message) {
  return Error(ErrorKind::kRuntime, message);
}

// The system's reason for a failed call, said plainly: "No space left on device: the disk is
// full", "Read-only file system".
inline std::string system_reason(int error_number) {
  std::string reason = std::strerror(error_number);
  if (error_number == ENOSPC) {
    reason += ": the disk is full";
  } else if (error_number == EDQUOT) {
    reason += ": the disk quota is used up";
  }
  return reason;
}

// A write that failed after its checks passed (the disk filled up meanwhile): runtime_failure
// "<path>: cannot write: <reason>", the reason taken from errno when the stream left one.
inline Error write_failure(const std::string& path, int error_number) {
  return runtime_failure(path + ": cannot write" +
                         (error_number != 0 ? ": " + system_reason(error_number) : std::string()));
}

}  // namespace holodet
