#pragma once
// Ctrl-C (SIGINT) and SIGTERM for long commands: the first asks the work to stop at the next
// safe point (the batch: after the hologram in flight is committed), the second ends the
// process at once (the batch's journal holds only whole records, so it stays resumable).

namespace holodet::tools {

void install_interrupt_handler();
bool interrupt_requested();

}  // namespace holodet::tools
