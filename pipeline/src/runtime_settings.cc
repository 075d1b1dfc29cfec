#include "holodet/pipeline/runtime_settings.h"

#include "holodet/segment/torch_runtime.h"

namespace holodet::pipeline {

int apply_runtime_settings(const config::Config& config) {
  return segment::set_torch_threads(config.runtime.threads);
}

}  // namespace holodet::pipeline
