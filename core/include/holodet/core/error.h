#pragma once
// The one exception type every holodet library throws. Only tools/ turns it into an exit code:
// kBadInput (the user's file, option or value is wrong) exits 2, kRuntime exits 1.

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

}  // namespace holodet
