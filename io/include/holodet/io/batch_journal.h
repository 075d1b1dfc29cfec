#pragma once
// The batch's durable record of finished holograms, beside the results: one text file per
// archive (and per MPI rank), appended one hologram at a time. Each hologram's record (its
// table row, then its particles, then an end line) goes out in one write and is flushed to
// disk (fsync) before the hologram is reported done. A crash or kill -9 can only tear the
// record being written: reopening drops a torn tail, so --resume continues from the last
// committed hologram. Numbers are written with enough digits to read back bit for bit, so a
// resumed run's results equal an uninterrupted run's, and read back strictly: a record with a
// damaged number or line is dropped (and counted), its hologram runs again, and the records
// after it still count.
//
// The first line names the run (its identity: method, model, effective configuration and
// input); resuming with other settings is refused rather than mixing two runs' results.

#include <filesystem>
#include <string>
#include <vector>

#include "holodet/io/batch_results.h"
#include "holodet/io/particle_table.h"

namespace holodet::io {

struct HologramOutcome {
  io::HologramRecord record;
  io::ParticleTable particles;  // the hologram's rows, extra columns included
};

class BatchJournal {
 public:
  // Creates the journal, or (resume) reopens it: reads its committed records, cuts a torn
  // tail off the file and checks the identity. Throws bad_input naming the file when it
  // exists without resume, or belongs to another run.
  BatchJournal(std::filesystem::path path, const std::string& identity, bool resume);
  ~BatchJournal();
  BatchJournal(const BatchJournal&) = delete;
  BatchJournal& operator=(const BatchJournal&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The records read at opening, in file order (a hid may appear twice: a failed hologram
  // retried; the last record counts).
  const std::vector<HologramOutcome>& committed() const { return committed_; }

  // Damaged records dropped at opening (not counting a torn tail).
  std::size_t dropped() const { return dropped_; }

  // Appends one hologram's record and flushes it to disk. Throws runtime_failure (disk full).
  void commit(const HologramOutcome& outcome);

 private:
  std::filesystem::path path_;
  int descriptor_ = -1;
  std::vector<HologramOutcome> committed_;
  std::size_t dropped_ = 0;
};

// Reads a journal's complete records without opening it for writing (the merge of ranks'
// journals). Throws bad_input when the identity differs or the file is not a journal. The
// damaged records dropped are counted in *dropped when given.
std::vector<HologramOutcome> read_journal(const std::filesystem::path& path,
                                          const std::string& identity,
                                          std::size_t* dropped = nullptr);

// The last record of each hid, by ascending hid.
std::vector<HologramOutcome> latest_by_hid(const std::vector<HologramOutcome>& outcomes);

}  // namespace holodet::io
