#pragma once
// Under MPI, the CPU ranks of a batch run plan their FFTs alike, so every rank computes the
// bits a single process would.

#include <vector>

#include "batch_plan.h"
#include "holodet/config/config.h"
#include "holodet/pipeline/batch_job.h"

namespace holodet::pipeline {

// FFTW's measured plan decides the last bits of a plane (BATCH.md). Rank 0 plans every frame
// size of the run (measuring where its wisdom has no plan) and the other ranks replace their
// wisdom with rank 0's, so every rank runs rank 0's plans. A collective call: every rank
// makes it, with the same plans (every rank plans every archive).
void share_fft_plans(const BatchRanks& ranks, const std::vector<ArchivePlan>& plans,
                     const config::Config& config);

}  // namespace holodet::pipeline
