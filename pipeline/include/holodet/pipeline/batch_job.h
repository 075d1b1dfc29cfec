#pragma once
// `holodet batch`: whole archives, one results file each (io/batch_results.h), safely.
//  - Each finished hologram is committed to the archive's journal (batch_journal.h) before it
//    is counted done; --resume continues from the journal after a crash, kill -9 or Ctrl-C,
//    and the results equal an uninterrupted run's.
//  - A bad hologram (unreadable, wrong size, all zeros) is recorded as failed with its error
//    and the run goes on; a bad archive is reported and the other archives go on.
//  - When every hologram of an archive has a record, the results file is written atomically
//    from the journal(s) and the journal removed.
//  - Planes are fanned out to the plane workers (plane_workers.h); the next hologram is read
//    while the current one's planes run.
//  - Under MPI, rank r of n takes the holograms whose (hid − 1) mod n = r of every archive and
//    keeps its own journal; once all ranks are done, rank 0 merges the journals into the same
//    results file a single process writes. CPU ranks plan their FFTs from rank 0's wisdom, so
//    they compute the bits rank 0 (and a single process with its wisdom) would.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "holodet/config/config.h"

namespace holodet::pipeline {

struct BatchRanks {
  int rank = 0;
  int size = 1;
  std::function<void()> barrier;           // waits for every rank; empty: one process
  std::function<int(int)> max_over_ranks;  // empty: the value itself
  // Every rank gets rank 0's `text` (the others' arguments are ignored); empty: one process.
  std::function<std::string(const std::string&)> broadcast_from_rank0;
};

struct BatchRequest {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path out_dir;
  std::string method = "auto";
  bool resume = false;
  bool quiet = false;
  std::string command_line;
  BatchRanks ranks;
  // Polled between holograms: true once the user asked to stop (Ctrl-C).
  std::function<bool()> stop_requested;
};

struct BatchSummary {
  std::size_t archives = 0;
  std::size_t archives_failed = 0;
  std::size_t archives_skipped = 0;  // already complete (--resume)
  // Processed to the end of this run's share without every hologram having a record (exit 2):
  // under MPI, a rank that did not finish; it should not happen otherwise.
  std::size_t archives_unfinished = 0;
  std::size_t holograms_done = 0;  // processed in this run, ok or failed
  std::size_t holograms_failed = 0;
  std::size_t holograms_resumed = 0;  // committed by an earlier run
  std::size_t particles = 0;          // found in this run
  std::size_t results_written = 0;
  double seconds = 0;
  bool interrupted = false;
  std::vector<std::string> failures;  // one line per failed archive or hologram
  std::string method;
  std::string device;
};

// The results file and journal of `input` in `out_dir` (journal per rank when ranks > 1).
std::filesystem::path batch_results_path(const std::filesystem::path& out_dir,
                                         const std::filesystem::path& input);
std::filesystem::path batch_journal_path(const std::filesystem::path& out_dir,
                                         const std::filesystem::path& input, int rank, int ranks);

// Throws bad_input before any work for bad usage: two inputs with the same results name,
// an output folder that cannot be made, results or journals present without --resume.
BatchSummary run_batch(const BatchRequest& request, const config::Config& config);

// 0 when everything finished; 2 when a hologram or archive failed; 130 when interrupted.
int batch_exit_code(const BatchSummary& summary);

}  // namespace holodet::pipeline
