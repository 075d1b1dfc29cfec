#include "interrupt.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace holodet::tools {
namespace {

std::atomic<bool> requested{false};

extern "C" void on_interrupt(int signal_number) {
  if (requested.exchange(true)) {
    std::signal(signal_number, SIG_DFL);  // the second time: end now
    std::raise(signal_number);
    return;
  }
  constexpr char message[] =
      "\nholodet: stopping after the hologram in flight is saved (again to abandon it)\n";
  const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof(message) - 1);
  (void)ignored;
}

}  // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

bool interrupt_requested() {
  return requested.load();
}

}  // namespace holodet::tools
