#include "holodet/pipeline/batch_job.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "holodet/core/error.h"
#include "holodet/io/batch_results.h"
#include "holodet/pipeline/batch_journal.h"
#include "holodet/pipeline/detect_job.h"
#include "holodet/pipeline/hologram_input.h"
#include "holodet/pipeline/model_files.h"
#include "holodet/pipeline/output_paths.h"
#include "holodet/pipeline/progress.h"
#include "holodet/pipeline/reconstruction.h"
#include "holodet/pipeline/results_metadata.h"
#include "holodet/pipeline/run_lock.h"
#include "holodet/pipeline/stats_job.h"
#include "holodet/products/products_netcdf.h"
#include "holodet/propagate/fft2d.h"
#include "holodet/propagate/plane_set.h"
#include "timing.h"

namespace holodet::pipeline {
namespace {

std::string text_checksum(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a, 64 bits
  for (unsigned char c : text) {
    hash = (hash ^ c) * 0x100000001b3ull;
  }
  char out[24];
  std::snprintf(out, sizeof(out), "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

// What a run's results depend on. Not the devices, threads or workers: the results do not
// depend on them, so a run may resume on other hardware.
// The archive's content, cheaply: its first and last MiB (the HDF5 superblock and metadata,
// and image chunks at either end), so that another file of the same name and size, a
// re-exported or different flight segment, is another input. Reading the whole of a 16 GB
// archive once more for this would cost more than the check is worth.
std::string archive_fingerprint(const std::filesystem::path& input) {
  std::ifstream file(input, std::ios::binary);
  if (!file) {
    return "unreadable";
  }
  constexpr std::streamoff kSpan = 1 << 20;
  std::string bytes(static_cast<std::size_t>(kSpan), '\0');
  file.read(bytes.data(), kSpan);
  bytes.resize(static_cast<std::size_t>(file.gcount()));
  file.clear();
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  if (size > kSpan) {
    std::string tail(static_cast<std::size_t>(kSpan), '\0');
    file.seekg(std::max<std::streamoff>(kSpan, size - kSpan));
    file.read(tail.data(), kSpan);
    tail.resize(static_cast<std::size_t>(file.gcount()));
    bytes += tail;
  }
  return text_checksum(bytes);
}

std::string run_identity(const std::string& method, const std::string& model_checksum,
                         const Config& config, const std::filesystem::path& input) {
  Config results_config = config;
  results_config.runtime = RuntimeConfig{};
  results_config.products = ProductsConfig{};  // products are remade without re-detecting
  std::error_code error;
  const auto bytes = std::filesystem::file_size(input, error);
  return text_checksum(method + '\n' + model_checksum + '\n' + to_yaml(results_config) + '\n' +
                       input.filename().string() + '\n' + std::to_string(error ? 0 : bytes) + '\n' +
                       archive_fingerprint(input));
}

struct ArchivePlan {
  std::shared_ptr<RunLock> lock;  // held from planning to the end of the run
  std::filesystem::path input;
  std::filesystem::path results;
  std::string identity;
  std::string open_error;  // the archive cannot be opened: reported, the others go on
  bool complete_already = false;
  std::size_t holograms = 0;
  std::size_t size_x = 0, size_y = 0;
  Optics optics;
  std::vector<int> pending;  // this rank's hids without a final record
  std::size_t resumed = 0;
};

struct ReadHologram {
  std::optional<io::Hologram> hologram;
  double seconds = 0;
  std::string error;
};

ReadHologram read_checked(const HologramInput& input, int hid) {
  const auto start = Clock::now();
  ReadHologram read;
  try {
    io::Hologram hologram = input.read(hid);
    if (std::all_of(hologram.counts.begin(), hologram.counts.end(),
                    [](std::uint16_t count) { return count == 0; })) {
      throw bad_input(input.description().path.string() + ": hologram " + std::to_string(hid) +
                      ": every pixel is 0 (no light recorded)");
    }
    read.hologram = std::move(hologram);
  } catch (const std::exception& failure) {
    read.error = failure.what();
  }
  read.seconds = seconds_since(start);
  return read;
}

// The run's state shared by the archives: method, model, workers (remade when the frame
// size or optics change).
class HologramProcessor {
 public:
  HologramProcessor(const Config& config, std::string method, const DeviceChoice& devices,
                    bool quiet)
      : config_(config), method_(std::move(method)), devices_(devices), quiet_(quiet) {}

  // Readies workers (and the model) for an archive; throws for an archive the model refuses.
  void prepare(const InputDescription& description) {
    const bool same = workers_ && size_x_ == description.size_x && size_y_ == description.size_y &&
                      optics_ == description.optics;
    if (same) {
      return;
    }
    workers_.reset();
    unet_.reset();
    z_m_ = propagate::holodec_planes(static_cast<std::size_t>(config_.reconstruction.planes),
                                     description.optics.z_min_m, description.optics.z_max_m);
    if (method_ == "unet") {
      unet_.emplace(prepare_unet(config_, description.optics, devices_));
      if (!unet_->depth_note.empty() && !quiet_) {
        std::fprintf(stderr, "%s\n", unet_->depth_note.c_str());
      }
    }
    workers_.emplace(make_run_workers(description.size_x, description.size_y, config_,
                                      description.optics, devices_, unet_ ? &*unet_ : nullptr));
    size_x_ = description.size_x;
    size_y_ = description.size_y;
    optics_ = description.optics;
  }

  // Plane steps of one hologram, as `process` reports them (pass 1 with its guard planes).
  std::size_t plane_steps() const {
    return plane_steps_per_hologram(z_m_.size(), optics_, config_, unet_ && unet_->settings.dense);
  }

  HologramOutcome process(const io::Hologram& hologram, const std::function<void()>& on_plane) {
    HologramOutcome outcome;
    outcome.record.hid = hologram.hid;
    outcome.record.status = "ok";
    if (unet_) {
      const UnetResult result =
          detect_unet(hologram, optics_, z_m_, *workers_, unet_->settings, on_plane);
      outcome.particles = result.particles;
      outcome.record.seconds_propagation = result.spectrum_seconds + result.propagation_seconds;
      outcome.record.seconds_network = result.network_seconds;
      outcome.record.seconds_analysis = result.analysis_seconds;
    } else {
      const ClassicResult result =
          detect_classic(hologram, optics_, z_m_, *workers_, classic_settings(config_), on_plane);
      outcome.particles = result.particles;
      outcome.record.seconds_propagation = result.spectrum_seconds + result.propagation_seconds;
      outcome.record.seconds_analysis = result.analysis_seconds;
    }
    outcome.record.particles = static_cast<std::int32_t>(outcome.particles.size());
    return outcome;
  }

  std::string device() const {
    if (!workers_) {
      return "";
    }
    std::string text = workers_->propagator(0).description();
    if (workers_->size() > 1) {
      text += ", " + std::to_string(workers_->size()) + " plane workers";
    }
    return text;
  }

 private:
  const Config& config_;
  std::string method_;
  DeviceChoice devices_;
  bool quiet_ = false;
  std::optional<UnetRun> unet_;
  std::optional<PlaneWorkers> workers_;
  std::vector<double> z_m_;
  std::size_t size_x_ = 0, size_y_ = 0;
  Optics optics_;
};

// The model file's name and checksum ("" for classic): part of the run's identity, and the
// results' `model` attribute.
std::string model_label(const std::string& method, const Config& config) {
  if (method != "unet") {
    return "";
  }
  const std::filesystem::path path =
      config.unet.model.empty() ? default_model_path() : std::filesystem::path(config.unet.model);
  return path.filename().string() + " (" + file_checksum(path) + ")";
}

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
      std::fprintf(stderr, "%s: removed, left by an interrupted run\n", leftover.string().c_str());
    }
  }
}

// Plans every archive before any work, so bad usage stops the run before it starts.
std::vector<ArchivePlan> plan_archives(const BatchRequest& request, const Config& config,
                                       const std::string& method, const std::string& model) {
  std::set<std::filesystem::path> results_seen;
  std::vector<ArchivePlan> plans;
  for (const std::filesystem::path& input : request.inputs) {
    ArchivePlan plan;
    plan.input = input;
    plan.results = batch_results_path(request.out_dir, input);
    check_not_an_input(plan.results, "batch --out", request.inputs);
    if (!results_seen.insert(plan.results).second) {
      throw bad_input(input.string() + ": another input has the same name, and results go to " +
                      plan.results.string() + "; rename one or run them separately");
    }
    const std::filesystem::path journal =
        batch_journal_path(request.out_dir, input, request.ranks.rank, request.ranks.size);
    // Before anything of this archive's is read: a second run on it waits for nothing and
    // is refused, naming the holder, rather than interleaving its records with the first's.
    plan.lock = std::make_shared<RunLock>(journal.string() + ".lock", request.out_dir.string());
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
      const std::vector<HologramOutcome> read = read_journal(journal, plan.identity, &dropped);
      if (dropped > 0 && !request.quiet) {
        std::fprintf(stderr, "%s: %zu damaged record%s dropped; %s run again\n",
                     journal.string().c_str(), dropped, dropped == 1 ? "" : "s",
                     dropped == 1 ? "its hologram is" : "their holograms are");
      }
      for (const HologramOutcome& outcome : read) {
        journal_max_hid = std::max(journal_max_hid, outcome.record.hid);
      }
      for (const HologramOutcome& outcome : latest_by_hid(read)) {
        if (outcome.record.status == "ok") {
          final_hids.insert(outcome.record.hid);  // failed ones are tried again
        }
      }
    }
    std::optional<io::ArchiveTimes> times;
    try {
      const HologramInput opened(input, config);
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

// Writes the results of an archive whose holograms all have a record, from every rank's
// journal, and removes the journals. Returns false (and leaves everything) when some are
// missing.
bool finish_archive(const BatchRequest& request, const ArchivePlan& plan, const Config& config,
                    const std::string& method, const std::string& model) {
  std::vector<HologramOutcome> outcomes;
  std::vector<std::filesystem::path> journals;
  for (int rank = 0; rank < request.ranks.size; ++rank) {
    const std::filesystem::path journal =
        batch_journal_path(request.out_dir, plan.input, rank, request.ranks.size);
    std::error_code error;
    if (!std::filesystem::exists(journal, error)) {
      continue;
    }
    std::vector<HologramOutcome> read = read_journal(journal, plan.identity);
    outcomes.insert(outcomes.end(), std::make_move_iterator(read.begin()),
                    std::make_move_iterator(read.end()));
    journals.push_back(journal);
  }
  const std::vector<HologramOutcome> latest = latest_by_hid(outcomes);
  if (latest.size() != plan.holograms) {
    return false;
  }
  io::ParticleTable particles;
  std::vector<io::HologramRecord> records;
  std::vector<int> covered;
  std::size_t failed = 0;
  for (const HologramOutcome& outcome : latest) {
    if (outcome.particles.size() > 0 || particles.extra.empty()) {
      particles.append_rows(outcome.particles);
    }
    records.push_back(outcome.record);
    failed += outcome.record.status == "ok" ? 0 : 1;
    if (outcome.record.status == "ok") {
      covered.push_back(outcome.record.hid);  // a failed hologram's particles are not there
    }
  }
  std::sort(covered.begin(), covered.end());
  particles.holograms = covered;
  const HologramInput input(plan.input, config);
  io::Attributes attributes = results_attributes(
      {input.description().optics, method, model, request.command_line, plan.input.string()});
  attributes.emplace_back("config", to_yaml(config));
  attributes.emplace_back("holograms", static_cast<std::int64_t>(records.size()));
  attributes.emplace_back("holograms_failed", static_cast<std::int64_t>(failed));
  attributes.emplace_back("mpi_ranks", static_cast<std::int64_t>(request.ranks.size));
  const products::Products made =
      archive_products(particles, records, input.description().size_x, input.description().size_y,
                       input.description().optics, input.hologram_times(), config);
  for (auto& attribute : products::product_attributes(made)) {
    attributes.push_back(std::move(attribute));
  }
  io::write_batch_results(
      plan.results, particles, records, attributes,
      [&made](io::NetcdfWriter& writer) { products::put_products(writer, made); });
  if (!request.quiet) {
    std::fprintf(stderr, "%s: %s\n", plan.results.filename().string().c_str(),
                 describe_products(made).c_str());
  }
  for (const std::filesystem::path& journal : journals) {
    std::error_code error;
    std::filesystem::remove(journal, error);
  }
  return true;
}

// FFTW's measured plan decides the last bits of a plane (BATCH.md). Rank 0 plans every frame
// size of the run (measuring where its wisdom has no plan) and the other ranks replace their
// wisdom with rank 0's, so every rank runs rank 0's plans. A collective call: every rank
// makes it, with the same plans (every rank plans every archive).
void share_fft_plans(const BatchRanks& ranks, const std::vector<ArchivePlan>& plans,
                     const Config& config) {
  std::string wisdom;
  if (ranks.rank == 0) {
    std::set<std::pair<std::size_t, std::size_t>> planned;
    for (const ArchivePlan& plan : plans) {
      if (plan.holograms > 0 && planned.insert({plan.size_x, plan.size_y}).second) {
        make_run_propagator(plan.size_x, plan.size_y, config, plan.optics, DeviceChoice{});
      }
    }
    wisdom = propagate::export_fft_wisdom();
  }
  wisdom = ranks.broadcast_from_rank0(wisdom);
  if (ranks.rank != 0) {
    propagate::replace_fft_wisdom(wisdom);
  }
}

void report(const BatchRequest& request, BatchSummary& summary, const std::string& line) {
  summary.failures.push_back(line);
  std::fprintf(
      stderr, "%sbatch: %s\n",
      request.ranks.size > 1 ? ("rank " + std::to_string(request.ranks.rank) + ": ").c_str() : "",
      line.c_str());
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

BatchSummary run_batch(const BatchRequest& request, const Config& config) {
  const auto start = Clock::now();
  if (request.inputs.empty()) {
    throw bad_input("batch: no input files");
  }
  // Refused (exit 2) when it cannot be written, as detect's outputs are; removed again if the
  // run fails and leaves it empty.
  MadeFolders made(request.out_dir, "--out");
  BatchSummary summary;
  summary.method = resolve_method(request.method, config);
  if (summary.method != "classic" && summary.method != "unet") {
    throw bad_input("--method " + summary.method + ": expected unet, classic or auto");
  }
  const std::string model = model_label(summary.method, config);
  const std::vector<ArchivePlan> plans = plan_archives(request, config, summary.method, model);
  const DeviceChoice devices = choose_run_devices(config);
  if (!devices.fallback_note.empty() && !request.quiet && request.ranks.rank == 0) {
    std::fprintf(stderr, "%s\n", devices.fallback_note.c_str());
  }
  if (request.ranks.size > 1 && request.ranks.broadcast_from_rank0 &&
      devices.backend != Backend::kCuda && config.reconstruction.fft_planning == "measure") {
    share_fft_plans(request.ranks, plans, config);
  }
  std::size_t total = 0;
  for (const ArchivePlan& plan : plans) {
    total += plan.pending.size();
    summary.holograms_resumed += plan.resumed;
  }
  summary.archives = plans.size();
  HologramProcessor processor(config, summary.method, devices,
                              request.quiet || request.ranks.rank != 0);
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
      std::optional<HologramInput> input;
      try {
        input.emplace(plan.input, config);
        processor.prepare(input->description());
      } catch (const std::exception& failure) {
        ++summary.archives_failed;
        report(request, summary, "archive skipped: " + std::string(failure.what()));
        continue;
      }
      summary.device = processor.device();
      BatchJournal journal(
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
        HologramOutcome outcome;
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
