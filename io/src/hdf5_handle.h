#pragma once
// Private to io/: RAII ownership of HDF5 ids and conversion of HDF5's error stack into
// holodet::Error messages. HDF5's own printing to stderr is switched off; every failing call
// is checked here and reported with the innermost HDF5 message.

#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

namespace holodet::io::hdf5 {

// Owns one HDF5 id (file, group, dataset, dataspace, datatype, attribute, property list).
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void reset();
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// Turns off HDF5's automatic error printing for the calling thread (idempotent). HDF5's
// thread-safe build (Debian's) keeps this setting per thread, so every entry point that a
// worker or read-ahead thread may call turns it off again.
void silence_error_printing();

// The innermost messages of the current HDF5 error stack, e.g. "truncated file: eof = 1024,
// sblock->base_addr = 0, stored_eof = 20480"; clears the stack.
std::string take_error_stack();

// Returns `id` wrapped, or throws holodet::Error of `kind`-type with "<context>: <HDF5 message>".
Handle checked(hid_t id, const std::string& context, bool bad_input_on_failure = true);
void check(herr_t status, const std::string& context, bool bad_input_on_failure = true);

// A dataset's shape, slowest dimension first, and the same as text "3 x 512 x 384".
std::vector<hsize_t> extent(hid_t dataset);
std::string dims_text(const std::vector<hsize_t>& dims);

}  // namespace holodet::io::hdf5
