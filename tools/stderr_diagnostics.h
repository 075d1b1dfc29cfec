#pragma once
// The one place the library's messages (holodet/core/diagnostics.h) are printed: on stderr,
// progress lines rewritten in place when stderr is a terminal.

namespace holodet::tools {

void install_stderr_diagnostics();

}  // namespace holodet::tools
