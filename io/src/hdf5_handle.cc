#include "hdf5_handle.h"

#include <cstdlib>
#include <vector>

#include "holodet/core/error.h"

namespace holodet::io::hdf5 {
namespace {

// HDF5 closes whatever is still open when the program exits. A file whose close failed (a
// full disk) stays behind in a state that crashes that pass (SIGSEGV in H5F__close_cb), and
// every file holodet opens is closed by its owner, so the pass is switched off. It must come
// before the library's first call, hence at static initialisation.
const bool kNoCloseAtExit = [] {
  H5dont_atexit();
  return true;
}();

// The file driver reports a failed write as "file write failed: time = ..., errno = 28, error
// message = 'No space left on device', buf = ...": the system's reason, said plainly.
std::string system_reason(const std::string& message) {
  const std::size_t at = message.find("errno = ");
  if (at == std::string::npos) {
    return "";
  }
  const int code = std::atoi(message.c_str() + at + 8);
  if (code <= 0) {
    return "";
  }
  return holodet::system_reason(code);
}

herr_t collect_message(unsigned /*depth*/, const H5E_error2_t* entry, void* data) {
  auto* messages = static_cast<std::vector<std::string>*>(data);
  if (entry->desc != nullptr && entry->desc[0] != '\0') {
    messages->emplace_back(entry->desc);
  }
  return 0;
}

}  // namespace

void Handle::reset() {
  if (id_ < 0) {
    return;
  }
  // H5Oclose would not close property lists or dataspaces: dispatch on the id's type.
  switch (H5Iget_type(id_)) {
    case H5I_FILE:
      H5Fclose(id_);
      break;
    case H5I_GROUP:
      H5Gclose(id_);
      break;
    case H5I_DATASET:
      H5Dclose(id_);
      break;
    case H5I_DATASPACE:
      H5Sclose(id_);
      break;
    case H5I_DATATYPE:
      H5Tclose(id_);
      break;
    case H5I_ATTR:
      H5Aclose(id_);
      break;
    case H5I_GENPROP_LST:
      H5Pclose(id_);
      break;
    default:
      break;
  }
  id_ = H5I_INVALID_HID;
}

void silence_error_printing() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

std::string take_error_stack() {
  std::vector<std::string> messages;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_message, &messages);
  H5Eclear2(H5E_DEFAULT);
  if (messages.empty()) {
    return "HDF5 reported no detail";
  }
  if (const std::string reason = system_reason(messages.front()); !reason.empty()) {
    return reason;
  }
  // The innermost entry says what actually broke; the next one gives its context.
  std::string summary = messages.front();
  if (messages.size() > 1 && messages[1] != messages.front()) {
    summary += " (" + messages[1] + ")";
  }
  return summary;
}

Handle checked(hid_t id, const std::string& context, bool bad_input_on_failure) {
  if (id < 0) {
    const std::string message = context + ": " + take_error_stack();
    throw bad_input_on_failure ? bad_input(message) : runtime_failure(message);
  }
  return Handle(id);
}

void check(herr_t status, const std::string& context, bool bad_input_on_failure) {
  if (status < 0) {
    const std::string message = context + ": " + take_error_stack();
    throw bad_input_on_failure ? bad_input(message) : runtime_failure(message);
  }
}

std::vector<hsize_t> extent(hid_t dataset) {
  Handle space(H5Dget_space(dataset));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank > 0 ? rank : 0));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

std::string dims_text(const std::vector<hsize_t>& dims) {
  std::string text;
  for (std::size_t k = 0; k < dims.size(); ++k) {
    text += (k ? " x " : "") + std::to_string(dims[k]);
  }
  return text;
}

}  // namespace holodet::io::hdf5
