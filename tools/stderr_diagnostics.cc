#include "stderr_diagnostics.h"

#include <unistd.h>

#include <cstdio>

#include "holodet/core/diagnostics.h"

namespace holodet::tools {

void install_stderr_diagnostics() {
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  // A progress line left open on a terminal is cleared before any other message, so the
  // message starts at the line's beginning and the next progress line redraws below it.
  set_diagnostic_sink([terminal, line_open = false](Said kind, const std::string& text) mutable {
    const bool progress = kind == Said::kProgress || kind == Said::kProgressFinal;
    if (terminal && (progress || line_open)) {
      std::fputs("\r\033[K", stderr);
    }
    line_open = false;
    if (kind == Said::kNote) {
      std::fprintf(stderr, "holodet: note: %s\n", text.c_str());
    } else if (kind == Said::kProgress && terminal) {
      std::fputs(text.c_str(), stderr);
      line_open = true;
    } else {
      std::fprintf(stderr, "%s\n", text.c_str());
    }
    std::fflush(stderr);
  });
}

}  // namespace holodet::tools
