#include "batch_plan.h"

#include <algorithm>
#include <optional>
#include <set>
#include <system_error>

#include "batch_identity.h"
#include "holodet/core/counted.h"
#include "holodet/core/diagnostics.h"
#include "holodet/core/error.h"
#include "holodet/io/batch_journal.h"
#include "holodet/io/hologram_input.h"
#include "holodet/io/output_paths.h"
#include "holodet/pipeline/stats_job.h"

namespace holodet::pipeline {
namespace {

// What a killed run can leave of an archive whose lock this run now holds: the results'
// temporary files (rank 0 writes results, so only it removes them), the journal's
// temporary header, and a journal beside whole results (results are written atomically and
// the journal removed after, so a kill between the two leaves a stale one). Only these names,
// never anything else in the folder.
void remove_leftovers(const std::filesystem::path& results, const std::filesystem::path& journal,
                      int rank, bool quiet) {
  std::vector<std::filesystem::path> leftovers;
  std::error_code error;
  if (rank == 0) {
    const std::string prefix = results.filename().string() + ".tmp.";
    for (const auto& entry : std::filesystem::directory_iterator(results.parent_path(), error)) {
      if (entry.path().filename().string().rfind(prefix, 0) == 0) {
        leftovers.push_back(entry.path());
      }
    }
  }
  const std::filesystem::path header = journal.string() + ".new";
  if (std::filesystem::exists(header, error)) {
    leftovers.push_back(header);
  }
  if (std::filesystem::exists(results, error) && std::filesystem::exists(journal, error)) {
    leftovers.push_back(journal);
  }
  for (const std::filesystem::path& leftover : leftovers) {
    std::filesystem::remove(leftover, error);
    if (!quiet) {
      say(Said::kInfo, leftover.string() + ": removed, left by an interrupted run");
    }
  }
}

}  // namespace

std::vector<ArchivePlan> plan_archives(const BatchRequest& request, const config::Config& config,
                                       const std::string& method, const std::string& model) {
  std::set<std::filesystem::path> results_seen;
  std::vector<ArchivePlan> plans;
  for (const std::filesystem::path& input : request.inputs) {
    ArchivePlan plan;
    plan.input = input;
    plan.results = batch_results_path(request.out_dir, input);
    io::check_not_an_input(plan.results, "batch --out", request.inputs);
    if (!results_seen.insert(plan.results).second) {
      throw bad_input(input.string() + ": another input has the same name, and results go to " +
                      plan.results.string() + "; rename one or run them separately");
    }
    const std::filesystem::path journal =
        batch_journal_path(request.out_dir, input, request.ranks.rank, request.ranks.size);
    // Before anything of this archive's is read: a second run on it waits for nothing and
    // is refused, naming the holder, rather than interleaving its records with the first's.
    plan.lock = std::make_shared<io::RunLock>(journal.string() + ".lock", request.out_dir.string());
    remove_leftovers(plan.results, journal, request.ranks.rank, request.quiet);
    plan.identity = run_identity(method, model, config, input);
    std::error_code error;
    if (std::filesystem::exists(plan.results, error)) {
      if (!request.resume) {
        throw bad_input(plan.results.string() +
                        ": results are already here; add --resume to finish an earlier run, "
                        "or choose another --out");
      }
      plan.complete_already = true;
      plans.push_back(std::move(plan));
      continue;
    }
    const bool has_journal = std::filesystem::exists(journal, error);
    if (has_journal && !request.resume) {
      throw bad_input(journal.string() +
                      ": an interrupted run's journal is here; add --resume to continue it, or "
                      "remove it to start over");
    }
    std::set<int> final_hids;
    int journal_max_hid = 0;
    if (has_journal) {
      std::size_t dropped = 0;
      const std::vector<io::HologramOutcome> read =
          io::read_journal(journal, plan.identity, &dropped);
      if (dropped > 0 && !request.quiet) {
        say(Said::kInfo,
            journal.string() + ": " + counted(dropped, "damaged record") + " dropped; " +
                (dropped == 1 ? "its hologram is" : "their holograms are") + " run again");
      }
      for (const io::HologramOutcome& outcome : read) {
        journal_max_hid = std::max(journal_max_hid, outcome.record.hid);
      }
      for (const io::HologramOutcome& outcome : io::latest_by_hid(read)) {
        if (outcome.record.status == "ok") {
          final_hids.insert(outcome.record.hid);  // failed ones are tried again
        }
      }
    }
    std::optional<io::ArchiveTimes> times;
    try {
      const io::HologramInput opened(input, config.requested_optics());
      plan.holograms = opened.description().hologram_count;
      plan.size_x = opened.description().size_x;
      plan.size_y = opened.description().size_y;
      plan.optics = opened.description().optics;
      if (config.products.interval_s > 0) {
        times = opened.hologram_times();
      }
    } catch (const std::exception& failure) {
      plan.open_error = failure.what();
      plans.push_back(std::move(plan));
      continue;
    }
    if (config.products.interval_s > 0) {
      check_interval_possible(times, input);  // usage: the whole run stops before it starts
    }
    if (static_cast<std::size_t>(journal_max_hid) > plan.holograms) {
      throw bad_input(journal.string() + ": the journal records hologram " +
                      std::to_string(journal_max_hid) + ", but " + input.string() + " has " +
                      std::to_string(plan.holograms) +
                      ": it belongs to another archive; remove it to start over");
    }
    for (std::size_t k = 1; k <= plan.holograms; ++k) {
      const int hid = static_cast<int>(k);
      if ((hid - 1) % request.ranks.size != request.ranks.rank) {
        continue;
      }
      if (final_hids.count(hid) != 0) {
        ++plan.resumed;
      } else {
        plan.pending.push_back(hid);
      }
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace holodet::pipeline
