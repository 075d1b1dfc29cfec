// `holodet batch` end to end: results equal `holodet detect`'s, nothing lost or doubled after
// kill -9 or Ctrl-C and --resume, bad holograms and archives recorded while the rest goes on,
// the same particles whatever the worker count, and two MPI ranks equal to one process.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "holodet/io/batch_results.h"
#include "holodet/io/particle_files.h"
#include "support/test_files.h"

namespace holodet {
namespace {

using test::run_shell;
using test::TempDir;

// FFTW's measured plans decide the last bits of every plane, and a process that measures may
// choose another plan than the last one did. As a user's runs do, the runs a test compares
// plan from one wisdom file: the first run measures and saves it, the others plan from it.
// The file is the test's own, so tests running beside each other cannot change it under it.
std::string with_wisdom(const std::filesystem::path& folder) {
  return "HOLODET_FFTW_WISDOM=" + (folder / "fftw-wisdom").string() + " ";
}

const std::string kFixture = (test::samples_dir() / "holodec_fixture_512x384.nc").string();

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every hid 1..count exactly once, in order, with `status`, and sparse (the archives here are
// small frames, which are never crowded) or, failed, of a scene not known.
void expect_complete_table(const std::filesystem::path& results, int count,
                           const std::string& status = "ok") {
  const std::vector<io::HologramRecord> table = io::read_hologram_table(results);
  ASSERT_EQ(table.size(), static_cast<std::size_t>(count)) << results;
  for (int k = 0; k < count; ++k) {
    const io::HologramRecord& row = table[static_cast<std::size_t>(k)];
    EXPECT_EQ(row.hid, k + 1);
    EXPECT_EQ(row.status, status) << row.error;
    EXPECT_EQ(row.crowded, status == "ok" ? io::kSparse : io::kCrowdedNotKnown) << row.hid;
  }
}

test::CommandResult holodet(const TempDir& dir, const std::string& arguments) {
  return run_shell(with_wisdom(dir.path()) + HOLODET_CLI_PATH + " " + arguments);
}

// A synthetic archive long enough to interrupt: 6 holograms of 256 x 256.
std::filesystem::path make_long_archive(const TempDir& dir) {
  const auto path = dir / "flight.nc";
  const auto made =
      holodet(dir, "synth --out " + path.string() +
                       " --holograms 6 --particles 6 --nx 256 --ny 256 --seed 5 --quiet");
  EXPECT_EQ(made.exit_code, 0) << made.output;
  return path;
}

// Complete records ("E" lines) in a journal.
int committed_records(const std::filesystem::path& journal) {
  std::ifstream file(journal);
  std::string line;
  int count = 0;
  while (std::getline(file, line)) {
    count += line.rfind("E\t", 0) == 0 ? 1 : 0;
  }
  return count;
}

// Starts holodet in the background (output to `log`) and returns its pid.
int start_holodet(const TempDir& dir, const std::string& arguments,
                  const std::filesystem::path& log) {
  const auto started = run_shell(with_wisdom(dir.path()) + HOLODET_CLI_PATH + " " + arguments +
                                 " > " + log.string() + " 2>&1 & echo $!");
  return std::stoi(started.output);
}

bool wait_for_records(const std::filesystem::path& journal, int records) {
  for (int k = 0; k < 1200; ++k) {
    if (committed_records(journal) >= records) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void wait_for_exit(int pid) {
  for (int k = 0; k < 1200 && ::kill(pid, 0) == 0; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Starts `holodet arguments` in the background, kills it with SIGKILL once `journal` holds
// `records` complete records, and waits for it to be gone. False (the log in `failure`) when
// the records never came.
bool kill_after_records(const TempDir& dir, const std::string& arguments,
                        const std::filesystem::path& journal, int records, std::string& failure) {
  const auto log = dir / "killed.log";
  const int pid = start_holodet(dir, arguments, log);
  const bool reached = wait_for_records(journal, records);
  ::kill(pid, SIGKILL);
  wait_for_exit(pid);
  if (!reached) {
    failure = run_shell("cat " + log.string()).output;
  }
  return reached;
}

// Resumes the run of `archive` (6 holograms) into `out` and expects every hologram done.
void resume_to_the_end(const TempDir& dir, const std::filesystem::path& archive,
                       const std::filesystem::path& out, const std::string& common) {
  const auto resumed =
      holodet(dir, "batch " + archive.string() + " --out " + out.string() + common + " --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  expect_complete_table(out / "flight.particles.nc", 6);
}

TEST(Batch, ResultsEqualDetectForEveryHologram) {
  TempDir dir;
  for (const std::string method : {"classic", "unet"}) {
    const std::string common = " --method " + method + " --planes 150 --device cpu --quiet";
    const auto out = dir / method;
    const auto batch = holodet(dir, "batch " + kFixture + " --out " + out.string() + common);
    ASSERT_EQ(batch.exit_code, 0) << batch.output;
    const auto detected = dir / (method + "-detect.nc");
    const auto detect = holodet(dir, "detect " + kFixture + " --out " + detected.string() + common);
    ASSERT_EQ(detect.exit_code, 0) << detect.output;
    const auto results = out / "holodec_fixture_512x384.particles.nc";
    io::ParticleTable batch_particles = io::read_particles(results);
    // The products' flag is batch's alone (docs/PRODUCTS.md); every other column is detect's.
    EXPECT_EQ(std::erase_if(batch_particles.extra,
                            [](const io::ParticleColumn& c) { return c.name == "particle_flag"; }),
              1u);
    EXPECT_GE(batch_particles.size(), 12u) << method;  // a third of the 36, at 150 planes
    test::expect_same_particles(batch_particles, io::read_particles(detected));
    expect_complete_table(results, 3);
    EXPECT_FALSE(std::filesystem::exists(out / "holodec_fixture_512x384.journal"));
  }
}

TEST(Batch, KillNineThenResumeGivesTheUninterruptedResults) {
  TempDir dir;
  const auto archive = make_long_archive(dir);
  const std::string common = " --method classic --planes 300 --device cpu --quiet";
  const auto whole =
      holodet(dir, "batch " + archive.string() + " --out " + (dir / "whole").string() + common);
  ASSERT_EQ(whole.exit_code, 0) << whole.output;

  const auto out = dir / "killed";
  std::string failure;
  ASSERT_TRUE(kill_after_records(dir,
                                 "batch " + archive.string() + " --out " + out.string() + common,
                                 out / "flight.journal", 2, failure))
      << failure;
  const int before = committed_records(out / "flight.journal");
  ASSERT_LT(before, 6) << "the run finished before it was killed";
  EXPECT_FALSE(std::filesystem::exists(out / "flight.particles.nc"));

  const auto again = holodet(dir, "batch " + archive.string() + " --out " + out.string() + common);
  EXPECT_EQ(again.exit_code, 2) << again.output;  // a journal is there: --resume or remove it
  EXPECT_TRUE(contains(again.output, "--resume")) << again.output;

  const auto resumed =
      holodet(dir, "batch " + archive.string() + " --out " + out.string() + common + " --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  test::expect_same_particles(io::read_particles(out / "flight.particles.nc"),
                              io::read_particles(dir / "whole" / "flight.particles.nc"));
  expect_complete_table(out / "flight.particles.nc", 6);
  EXPECT_FALSE(std::filesystem::exists(out / "flight.journal"));

  // Resuming a finished run does nothing and says so.
  const auto done = holodet(dir, "batch " + archive.string() + " --out " + out.string() +
                                     " --method classic --planes 300 --device cpu --resume");
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_TRUE(contains(done.output, "1 already done")) << done.output;
  // Counts agree with their nouns.
  EXPECT_TRUE(contains(done.output, "batch: 1 archive (")) << done.output;
  EXPECT_TRUE(contains(done.output, "0 holograms processed")) << done.output;
  EXPECT_TRUE(contains(done.output, "0 results files written")) << done.output;
}

// Two runs into one folder: the second is refused while the first holds the archive (exit 2,
// naming the folder and the holder's pid), the first finishes complete and equal to an
// uninterrupted run, and a resume afterwards finds it done. A lock left by a killed run does
// not block the next one.
TEST(Batch, ASecondRunOnTheSameArchiveIsRefusedWhileTheFirstHoldsIt) {
  TempDir dir;
  const auto archive = make_long_archive(dir);
  const std::string common = " --method classic --planes 300 --device cpu --quiet";
  const auto whole =
      holodet(dir, "batch " + archive.string() + " --out " + (dir / "whole").string() + common);
  ASSERT_EQ(whole.exit_code, 0) << whole.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "whole" / "flight.journal.lock"));

  const auto out = dir / "shared";
  const int pid = start_holodet(
      dir, "batch " + archive.string() + " --out " + out.string() + common, dir / "log");
  ASSERT_TRUE(wait_for_records(out / "flight.journal", 1))
      << run_shell("cat " + (dir / "log").string()).output;
  const auto second =
      holodet(dir, "batch " + archive.string() + " --out " + out.string() + common + " --resume");
  const bool first_still_running =
      ::kill(pid, 0) == 0 && committed_records(out / "flight.journal") < 6;
  wait_for_exit(pid);
  ASSERT_TRUE(first_still_running) << "the first run finished before the second started";
  EXPECT_EQ(second.exit_code, 2) << second.output;
  EXPECT_TRUE(contains(second.output,
                       "in use by another holodet batch run (pid " + std::to_string(pid) + ")"))
      << second.output;
  EXPECT_TRUE(contains(second.output, out.string())) << second.output;
  test::expect_same_particles(io::read_particles(out / "flight.particles.nc"),
                              io::read_particles(dir / "whole" / "flight.particles.nc"));
  expect_complete_table(out / "flight.particles.nc", 6);
  EXPECT_FALSE(std::filesystem::exists(out / "flight.journal.lock"));
  const auto after =
      holodet(dir, "batch " + archive.string() + " --out " + out.string() + common + " --resume");
  EXPECT_EQ(after.exit_code, 0) << after.output;

  // kill -9 leaves the lock file, but no lock: the resume takes it and finishes.
  const auto killed = dir / "killed";
  std::string failure;
  ASSERT_TRUE(kill_after_records(dir,
                                 "batch " + archive.string() + " --out " + killed.string() + common,
                                 killed / "flight.journal", 1, failure))
      << failure;
  EXPECT_TRUE(std::filesystem::exists(killed / "flight.journal.lock"));
  resume_to_the_end(dir, archive, killed, common);
}

// What a kill can leave (a results file's temporary copy, a journal's temporary header, a
// journal beside whole results) is removed by the next run of that archive, and nothing else.
TEST(Batch, TheNextRunRemovesAKilledRunsLeftoversAndNothingElse) {
  TempDir dir;
  const std::string common = " --method classic --planes 40 --device cpu --quiet";
  const auto out = dir / "out";
  const auto first = holodet(dir, "batch " + kFixture + " --out " + out.string() + common);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto results = out / "holodec_fixture_512x384.particles.nc";
  const auto size = std::filesystem::file_size(results);
  const std::filesystem::path leftovers[] = {
      out / "holodec_fixture_512x384.particles.nc.tmp.99999.12",
      out / "holodec_fixture_512x384.journal.new", out / "holodec_fixture_512x384.journal"};
  for (const auto& leftover : leftovers) {
    test::write_text(leftover, "left by a killed run\n");
  }
  const auto keep = out / "holodec_fixture_512x384.notes.txt";  // not ours: never touched
  test::write_text(keep, "mine\n");
  const auto resumed = holodet(dir, "batch " + kFixture + " --out " + out.string() +
                                        " --method classic --planes 40 --device cpu --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  for (const auto& leftover : leftovers) {
    EXPECT_FALSE(std::filesystem::exists(leftover)) << leftover;
    EXPECT_TRUE(contains(resumed.output, leftover.string())) << resumed.output;
  }
  EXPECT_TRUE(std::filesystem::exists(keep));
  EXPECT_EQ(std::filesystem::file_size(results), size);
  expect_complete_table(results, 3);
}

// A journal is the archive's, by content: another file of the same name and size does not
// resume from it, nor does a journal that records a hologram the archive does not have.
TEST(Batch, AJournalResumesOnlyTheArchiveItWasMadeFrom) {
  TempDir dir;
  const auto archive = make_long_archive(dir);
  const std::string common = " --method classic --planes 300 --device cpu --quiet";
  const auto out = dir / "out";
  std::string failure;
  ASSERT_TRUE(kill_after_records(dir,
                                 "batch " + archive.string() + " --out " + out.string() + common,
                                 out / "flight.journal", 2, failure))
      << failure;
  ASSERT_LT(committed_records(out / "flight.journal"), 6);
  const std::string journal_text = [&] {
    std::ifstream file(out / "flight.journal");
    return std::string(std::istreambuf_iterator<char>(file), {});
  }();

  // Same name, same size, other content: another archive.
  const auto other = dir / "other";
  std::filesystem::create_directories(other);
  std::filesystem::copy_file(archive, other / "flight.nc");
  test::corrupt_image_chunk(other / "flight.nc", 0);
  ASSERT_EQ(std::filesystem::file_size(other / "flight.nc"), std::filesystem::file_size(archive));
  const auto mixed = holodet(dir, "batch " + (other / "flight.nc").string() + " --out " +
                                      out.string() + common + " --resume");
  EXPECT_EQ(mixed.exit_code, 2) << mixed.output;
  EXPECT_TRUE(contains(mixed.output, "belongs to a run with another")) << mixed.output;

  // A record of hologram 9 in a journal of a 6-hologram archive.
  std::string edited = journal_text;
  const std::size_t record = edited.find("H\t2\t");
  ASSERT_NE(record, std::string::npos);
  edited.replace(record, 4, "H\t9\t");
  edited.replace(edited.find("E\t2\n", record), 4, "E\t9\n");
  test::write_text(out / "flight.journal", edited);
  const auto foreign =
      holodet(dir, "batch " + archive.string() + " --out " + out.string() + common + " --resume");
  EXPECT_EQ(foreign.exit_code, 2) << foreign.output;
  EXPECT_TRUE(contains(foreign.output, "records hologram 9")) << foreign.output;

  // The journal as it was resumes and finishes.
  test::write_text(out / "flight.journal", journal_text);
  resume_to_the_end(dir, archive, out, common);
}

TEST(Batch, CtrlCFinishesTheHologramInFlightAndLeavesAResumableRun) {
  TempDir dir;
  const auto archive = make_long_archive(dir);
  const std::string common = " --method classic --planes 300 --device cpu";
  const auto out = dir / "out";
  const int pid = start_holodet(
      dir, "batch " + archive.string() + " --out " + out.string() + common, dir / "log");
  ASSERT_TRUE(wait_for_records(out / "flight.journal", 1));
  ::kill(pid, SIGINT);
  wait_for_exit(pid);
  const std::string log = run_shell("cat " + (dir / "log").string()).output;
  EXPECT_TRUE(contains(log, "interrupted")) << log;
  EXPECT_TRUE(contains(log, "--resume")) << log;
  const int committed = committed_records(out / "flight.journal");
  EXPECT_GE(committed, 1);
  ASSERT_LT(committed, 6) << "the run finished before it was interrupted";
  resume_to_the_end(dir, archive, out, common + " --quiet");
}

TEST(Batch, BadHologramsAndArchivesAreRecordedAndTheRestIsProcessed) {
  TempDir dir;
  const auto corrupt = dir / "corrupt.nc";
  const auto zeros = dir / "zeros.nc";
  const auto truncated = dir / "truncated.nc";
  std::filesystem::copy_file(kFixture, corrupt);
  std::filesystem::copy_file(kFixture, zeros);
  test::corrupt_image_chunk(corrupt, 1);  // hologram 2
  test::zero_hologram(zeros, 3);
  test::write_truncated_copy(kFixture, truncated, 100000);
  const auto out = dir / "out";
  const auto result = holodet(dir, "batch " + corrupt.string() + " " + truncated.string() + " " +
                                       kFixture + " " + zeros.string() + " --out " + out.string() +
                                       " --method classic --planes 100 --device cpu --quiet");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_TRUE(contains(result.output, truncated.string())) << result.output;
  EXPECT_TRUE(contains(result.output, "1 failed")) << result.output;
  // HDF5's own error stack never reaches the user: the record says what broke, once.
  EXPECT_FALSE(contains(result.output, "HDF5-DIAG")) << result.output;

  const std::vector<io::HologramRecord> corrupt_table =
      io::read_hologram_table(out / "corrupt.particles.nc");
  ASSERT_EQ(corrupt_table.size(), 3u);
  EXPECT_EQ(corrupt_table[0].status, "ok");
  EXPECT_EQ(corrupt_table[1].status, "failed");
  EXPECT_EQ(corrupt_table[1].crowded, io::kCrowdedNotKnown);
  EXPECT_TRUE(contains(corrupt_table[1].error, corrupt.string())) << corrupt_table[1].error;
  EXPECT_EQ(corrupt_table[2].status, "ok");
  const std::vector<io::HologramRecord> zeros_table =
      io::read_hologram_table(out / "zeros.particles.nc");
  ASSERT_EQ(zeros_table.size(), 3u);
  EXPECT_EQ(zeros_table[2].status, "failed");
  EXPECT_TRUE(contains(zeros_table[2].error, "every pixel is 0")) << zeros_table[2].error;
  expect_complete_table(out / "holodec_fixture_512x384.particles.nc", 3);
  EXPECT_FALSE(std::filesystem::exists(out / "truncated.particles.nc"));
  // The good holograms of a damaged archive hold what an undamaged one gives.
  const io::ParticleTable good = io::read_particles(out / "holodec_fixture_512x384.particles.nc");
  const io::ParticleTable damaged = io::read_particles(out / "corrupt.particles.nc");
  test::expect_same_particles(damaged.for_hologram(1), good.for_hologram(1));
  EXPECT_EQ(damaged.for_hologram(2).size(), 0u);
}

// A scientist filters or flags the crowded holograms' concentrations: the hologram table says
// which were. 180 particles in 1024² are crowded (about 2 500 in a full frame's area; this one
// by its projection's clutter, as its spots are too few for the count), 20 are not.
TEST(Batch, TheHologramTableSaysWhichHologramsWereCrowded) {
  TempDir dir;
  for (const auto& [name, particles] : {std::pair{"sparse", 20}, std::pair{"dense", 180}}) {
    const auto made = holodet(dir, std::string("synth --out ") + (dir / name).string() +
                                       ".nc --holograms 1 --nx 1024 --ny 1024 --seed 31 --quiet" +
                                       " --particles " + std::to_string(particles));
    ASSERT_EQ(made.exit_code, 0) << made.output;
  }
  const auto out = dir / "out";
  const auto batch = holodet(dir, "batch " + (dir / "sparse.nc").string() + " " +
                                      (dir / "dense.nc").string() + " --out " + out.string() +
                                      " --method classic --planes 60 --device cpu --quiet");
  ASSERT_EQ(batch.exit_code, 0) << batch.output;
  const std::vector<io::HologramRecord> sparse =
      io::read_hologram_table(out / "sparse.particles.nc");
  const std::vector<io::HologramRecord> dense = io::read_hologram_table(out / "dense.particles.nc");
  ASSERT_EQ(sparse.size(), 1u);
  ASSERT_EQ(dense.size(), 1u);
  EXPECT_EQ(sparse[0].crowded, io::kSparse);
  EXPECT_EQ(dense[0].crowded, io::kCrowded);
  // The products say so too: the row's and the run's crowded holograms (docs/PRODUCTS.md).
  const io::BatchResultsFile products = io::read_batch_results(out / "dense.particles.nc");
  EXPECT_EQ(products.number("run_holograms_crowded"), 1.0);
  EXPECT_EQ(io::read_batch_results(out / "sparse.particles.nc").number("run_holograms_crowded"),
            0.0);
}

TEST(Batch, ParticlesDoNotDependOnTheWorkerCount) {
  TempDir dir;
  const std::string common = " --method unet --planes 150 --devices cpu --threads 2 --quiet --out ";
  const auto one = holodet(
      dir, "batch " + kFixture + " --workers-per-device 1" + common + (dir / "one").string());
  ASSERT_EQ(one.exit_code, 0) << one.output;
  const auto three = holodet(
      dir, "batch " + kFixture + " --workers-per-device 3" + common + (dir / "three").string());
  ASSERT_EQ(three.exit_code, 0) << three.output;
  test::expect_same_particles(
      io::read_particles(dir / "one" / "holodec_fixture_512x384.particles.nc"),
      io::read_particles(dir / "three" / "holodec_fixture_512x384.particles.nc"));
}

TEST(Batch, BadUsageStopsBeforeAnyWork) {
  TempDir dir;
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  std::filesystem::copy_file(kFixture, dir / "a" / "x.nc");
  std::filesystem::copy_file(kFixture, dir / "b" / "x.nc");
  const auto same_name =
      holodet(dir, "batch " + (dir / "a" / "x.nc").string() + " " + (dir / "b" / "x.nc").string() +
                       " --out " + (dir / "out").string() + " --method classic");
  EXPECT_EQ(same_name.exit_code, 2) << same_name.output;
  EXPECT_TRUE(contains(same_name.output, "same name")) << same_name.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "x.journal"));
  test::write_text(dir / "file", "x");
  const auto not_folder =
      holodet(dir, "batch " + kFixture + " --out " + (dir / "file").string() + " --method classic");
  EXPECT_EQ(not_folder.exit_code, 2) << not_folder.output;
}

TEST(Batch, TwoMpiRanksEqualOneProcess) {
  const std::string mpiexec = HOLODET_MPIEXEC;
  if (mpiexec.empty()) {
    GTEST_SKIP() << "built without MPI";
  }
  TempDir dir;
  const std::string common = " --method classic --planes 120 --devices cpu --threads 1 --out ";
  const auto single =
      holodet(dir, "batch " + kFixture + " --quiet" + common + (dir / "single").string());
  ASSERT_EQ(single.exit_code, 0) << single.output;
  // Rank 0 plans from the single run's wisdom; rank 1 is given none of its own and must plan
  // from what rank 0 shares.
  const std::string arguments = " batch " + kFixture + common + (dir / "ranks").string();
  const auto ranks =
      run_shell(mpiexec + " --allow-run-as-root --oversubscribe -n 1 env HOLODET_FFTW_WISDOM=" +
                (dir / "fftw-wisdom").string() + " " + HOLODET_CLI_PATH + arguments +
                " : -n 1 env HOLODET_FFTW_WISDOM=" + (dir / "rank1-wisdom").string() + " " +
                HOLODET_CLI_PATH + arguments);
  ASSERT_EQ(ranks.exit_code, 0) << ranks.output;
  EXPECT_TRUE(contains(ranks.output, "batch rank 1")) << ranks.output;
  // Rank 1 planned from rank 0's wisdom: it measured nothing, so it saved no wisdom of its own.
  EXPECT_FALSE(std::filesystem::exists(dir / "rank1-wisdom"));
  const auto name = "holodec_fixture_512x384.particles.nc";
  test::expect_same_particles(io::read_particles(dir / "ranks" / name),
                              io::read_particles(dir / "single" / name));
  expect_complete_table(dir / "ranks" / name, 3);
  EXPECT_FALSE(
      std::filesystem::exists(dir / "ranks" / "holodec_fixture_512x384.rank0-of-2.journal"));
}

}  // namespace
}  // namespace holodet
