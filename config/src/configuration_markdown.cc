#include "holodet/config/configuration_markdown.h"

#include "config_keys.h"

namespace holodet::config {
namespace {

constexpr std::string_view kIntroduction = R"(# Configuration

<!-- Generated from config/src/key_table.cc by configuration_markdown(); do not edit. After
changing a key, regenerate with HOLODET_UPDATE_DOCS=1 build/release/tests/config_tests. -->

Each value is resolved in this order, later steps winning:
1. the built-in defaults, which are HOLODEC's published instrument values;
2. the YAML file given by `--config FILE`;
3. each `--set key=value`, in the order given;
4. the dedicated flags (`--threads`, `--device`).

For optics, a value that the user did not set explicitly comes from the archive's attributes
when the archive has them (see ARCHITECTURE.md). `--print-config` prints the effective
configuration as YAML, and `--config` reads that output back to the same configuration.
Unknown keys, values that are not numbers, and impossible combinations are errors that name
the file or option and the key, with exit code 2.

| key | default | meaning |
| --- | --- | --- |
)";

constexpr std::string_view kExample = R"(
Example:

```yaml
optics:
  z_min_m: 0.02
reconstruction:
  planes: 200
runtime:
  device: cpu
```
)";

}  // namespace

std::string configuration_markdown() {
  const Config defaults;
  std::string text(kIntroduction);
  for (const Key& key : keys()) {
    text += "| `" + std::string(key.name) + "` | `" + value_text(key, defaults) + "` | " +
            std::string(key.doc) + " |\n";
  }
  text += kExample;
  return text;
}

}  // namespace holodet::config
