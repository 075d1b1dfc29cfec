#pragma once
// docs/CONFIGURATION.md, generated from the table of configuration keys: the document is never
// edited by hand. A config test compares the committed file with this text and, run with
// HOLODET_UPDATE_DOCS=1, writes it.

#include <string>

namespace holodet::config {

// The whole document: how values are resolved, one table row per key (its default as the
// built-in Config has it, and its meaning), and an example file.
std::string configuration_markdown();

}  // namespace holodet::config
