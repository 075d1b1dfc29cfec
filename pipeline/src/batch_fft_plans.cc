#include "batch_fft_plans.h"

#include <set>
#include <string>
#include <utility>

#include "holodet/core/devices.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/propagate/fft2d.h"

namespace holodet::pipeline {

void share_fft_plans(const BatchRanks& ranks, const std::vector<ArchivePlan>& plans,
                     const config::Config& config) {
  std::string wisdom;
  if (ranks.rank == 0) {
    std::set<std::pair<std::size_t, std::size_t>> planned;
    for (const ArchivePlan& plan : plans) {
      if (plan.holograms > 0 && planned.insert({plan.size_x, plan.size_y}).second) {
        detect::make_run_propagator(plan.size_x, plan.size_y, config, plan.optics, DeviceChoice{});
      }
    }
    wisdom = propagate::export_fft_wisdom();
  }
  wisdom = ranks.broadcast_from_rank0(wisdom);
  if (ranks.rank != 0) {
    propagate::replace_fft_wisdom(wisdom);
  }
}

}  // namespace holodet::pipeline
