#include "holodet/pipeline/batch_job.h"

#include <future>
#include <optional>
#include <string>

#include "batch_fft_plans.h"
#include "batch_merge.h"
#include "batch_plan.h"
#include "holodet/core/diagnostics.h"
#include "holodet/core/error.h"
#include "holodet/core/progress.h"
#include "holodet/core/timing.h"
#include "holodet/detect/method.h"
#include "holodet/detect/model_files.h"
#include "holodet/detect/reconstruction.h"
#include "holodet/io/batch_journal.h"
#include "holodet/io/hologram_input.h"
#include "holodet/io/output_paths.h"
#include "hologram_processor.h"

namespace holodet::pipeline {
namespace {

void report(const BatchRequest& request, BatchSummary& summary, const std::string& line) {
  summary.failures.push_back(line);
  const std::string rank =
      request.ranks.size > 1 ? "rank " + std::to_string(request.ranks.rank) + ": " : "";
  say(Said::kFailure, rank + "batch: " + line);
}

}  // namespace

std::filesystem::path batch_results_path(const std::filesystem::path& out_dir,
                                         const std::filesystem::path& input) {
  return out_dir / (input.stem().string() + ".particles.nc");
}

std::filesystem::path batch_journal_path(const std::filesystem::path& out_dir,
                                         const std::filesystem::path& input, int rank, int ranks) {
  std::string name = input.stem().string() + ".journal";
  if (ranks > 1) {
    name = input.stem().string() + ".rank" + std::to_string(rank) + "-of-" + std::to_string(ranks) +
           ".journal";
  }
  return out_dir / name;
}

BatchSummary run_batch(const BatchRequest& request, const config::Config& config) {
  const auto start = Clock::now();
  if (request.inputs.empty()) {
    throw bad_input("batch: no input files");
  }
  // Refused (exit 2) when it cannot be written, as detect's outputs are; removed again if the
  // run fails and leaves it empty.
  io::MadeFolders made(request.out_dir, "--out");
  BatchSummary summary;
  const detect::Method method = detect::choose_method(request.method, config);
  summary.method = detect::method_name(method);
  const std::string model = detect::model_label(method, config);
  const std::vector<ArchivePlan> plans = plan_archives(request, config, summary.method, model);
  const DeviceChoice devices = detect::choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet && request.ranks.rank == 0) {
    say(Said::kInfo, devices.fallback_note);
  }
  if (request.ranks.size > 1 && request.ranks.broadcast_from_rank0 &&
      devices.backend != Backend::kCuda &&
      config.reconstruction.fft_planning == config::FftPlanning::kMeasure) {
    share_fft_plans(request.ranks, plans, config);
  }
  std::size_t total = 0;
  for (const ArchivePlan& plan : plans) {
    total += plan.pending.size();
    summary.holograms_resumed += plan.resumed;
  }
  summary.archives = plans.size();
  HologramProcessor processor(config, method, devices, request.quiet || request.ranks.rank != 0);
  const std::string label =
      request.ranks.size > 1 ? "batch rank " + std::to_string(request.ranks.rank) : "batch";
  Progress progress(label, total, "holograms", request.quiet);
  const auto stop = [&request] { return request.stop_requested && request.stop_requested(); };

  for (const ArchivePlan& plan : plans) {
    if (summary.interrupted) {
      break;
    }
    if (plan.complete_already) {
      ++summary.archives_skipped;
      continue;
    }
    if (!plan.open_error.empty()) {
      ++summary.archives_failed;
      report(request, summary, "archive skipped: " + plan.open_error);
      continue;
    }
    if (!plan.pending.empty()) {
      std::optional<io::HologramInput> input;
      try {
        input.emplace(plan.input, config.requested_optics());
        processor.prepare(input->description());
      } catch (const std::exception& failure) {
        ++summary.archives_failed;
        report(request, summary, "archive skipped: " + std::string(failure.what()));
        continue;
      }
      summary.device = processor.device();
      io::BatchJournal journal(
          batch_journal_path(request.out_dir, plan.input, request.ranks.rank, request.ranks.size),
          plan.identity, true);
      // The next hologram is read (HDF5, inflate) while this one's planes run. HDF5 is not
      // thread-safe: nothing else touches it until the read is collected.
      std::future<ReadHologram> next =
          std::async(std::launch::async, read_checked, std::cref(*input), plan.pending.front());
      for (std::size_t k = 0; k < plan.pending.size(); ++k) {
        ReadHologram read = next.get();
        if (k + 1 < plan.pending.size()) {
          next =
              std::async(std::launch::async, read_checked, std::cref(*input), plan.pending[k + 1]);
        }
        const auto hologram_start = Clock::now();
        io::HologramOutcome outcome;
        if (read.hologram) {
          try {
            std::size_t planes_done = 0;
            const std::size_t steps = processor.plane_steps();
            outcome = processor.process(
                *read.hologram, [&] { progress.set_partial(++planes_done, steps, "planes"); });
          } catch (const std::exception& failure) {
            outcome = {};
            read.error = plan.input.string() + ": hologram " + std::to_string(plan.pending[k]) +
                         ": " + failure.what();
          }
        }
        if (!read.error.empty()) {
          outcome.record.status = "failed";
          outcome.record.error = read.error;
          ++summary.holograms_failed;
          report(request, summary, read.error);
        }
        outcome.record.hid = plan.pending[k];
        outcome.record.seconds_read = read.seconds;
        outcome.record.seconds_total = read.seconds + seconds_since(hologram_start);
        journal.commit(outcome);
        ++summary.holograms_done;
        summary.particles += outcome.particles.size();
        progress.advance();
        if (stop()) {
          summary.interrupted = true;
          break;
        }
      }
    }
    // Also after a stop that came with the archive's last hologram: finish_archive writes
    // only complete archives. (`next`, if still reading, was waited for by its destructor.)
    if (request.ranks.size == 1) {
      if (finish_archive(request, plan, config, summary.method, model)) {
        ++summary.results_written;
      } else if (!summary.interrupted) {
        ++summary.archives_unfinished;
      }
    }
  }
  progress.finish();
  if (request.ranks.size > 1) {
    // Every rank has committed its share: rank 0 merges the journals of finished archives.
    if (request.ranks.barrier) {
      request.ranks.barrier();
    }
    if (request.ranks.rank == 0) {
      for (const ArchivePlan& plan : plans) {
        if (!plan.complete_already && plan.open_error.empty()) {
          if (finish_archive(request, plan, config, summary.method, model)) {
            ++summary.results_written;
          } else if (!summary.interrupted) {
            ++summary.archives_unfinished;
          }
        }
      }
    }
  }
  summary.seconds = seconds_since(start);
  made.keep();
  return summary;
}

int batch_exit_code(const BatchSummary& summary) {
  if (summary.interrupted) {
    return 130;
  }
  return summary.archives_failed + summary.holograms_failed + summary.archives_unfinished > 0 ? 2
                                                                                              : 0;
}

}  // namespace holodet::pipeline
