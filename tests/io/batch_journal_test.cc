#include "holodet/io/batch_journal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>

#include "holodet/core/error.h"
#include "holodet/io/batch_results.h"
#include "holodet/io/particle_files.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

using test::TempDir;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

HologramOutcome outcome_with(int hid, int particles) {
  HologramOutcome outcome;
  outcome.record.hid = hid;
  outcome.record.status = "ok";
  outcome.record.particles = particles;
  outcome.record.crowded = hid % 2 == 0 ? kCrowded : kSparse;
  outcome.record.seconds_read = 0.1 * hid;
  outcome.record.seconds_total = 1.0 / 3.0;
  outcome.particles.extra = {{"score", "1", {}}, {"planes", "1", {}}};
  for (int k = 0; k < particles; ++k) {
    // Values with no short decimal form: they must come back bit for bit.
    outcome.particles.append(hid, std::nextafter(100.1f * static_cast<float>(k), 1e9f),
                             -1.0f / 3.0f, 20000.123f + static_cast<float>(k),
                             std::sqrt(2.0f) * 10);
    outcome.particles.extra[0].values.push_back(0.9f + 0.01f * static_cast<float>(k));
    outcome.particles.extra[1].values.push_back(static_cast<float>(k + 3));
  }
  return outcome;
}

void expect_same(const HologramOutcome& a, const HologramOutcome& b) {
  EXPECT_EQ(a.record.hid, b.record.hid);
  EXPECT_EQ(a.record.status, b.record.status);
  EXPECT_EQ(a.record.error, b.record.error);
  EXPECT_EQ(a.record.crowded, b.record.crowded);
  EXPECT_EQ(a.record.seconds_read, b.record.seconds_read);
  EXPECT_EQ(a.record.seconds_total, b.record.seconds_total);
  EXPECT_EQ(a.particles.hid, b.particles.hid);
  EXPECT_EQ(a.particles.x_um, b.particles.x_um);
  EXPECT_EQ(a.particles.y_um, b.particles.y_um);
  EXPECT_EQ(a.particles.z_um, b.particles.z_um);
  EXPECT_EQ(a.particles.d_um, b.particles.d_um);
  ASSERT_EQ(a.particles.extra.size(), b.particles.extra.size());
  for (std::size_t k = 0; k < a.particles.extra.size(); ++k) {
    EXPECT_EQ(a.particles.extra[k].name, b.particles.extra[k].name);
    EXPECT_EQ(a.particles.extra[k].values, b.particles.extra[k].values);
  }
}

TEST(BatchJournal, RecordsReadBackBitForBit) {
  TempDir dir;
  const auto path = dir / "a.journal";
  HologramOutcome failed;
  failed.record.hid = 2;
  failed.record.status = "failed";
  failed.record.error = "a.nc: hologram 2:\tinflate failed\nline two \\ end";
  {
    BatchJournal journal(path, "run1", false);
    journal.commit(outcome_with(1, 3));
    journal.commit(failed);
    journal.commit(outcome_with(3, 0));
  }
  const std::vector<HologramOutcome> read = read_journal(path, "run1");
  ASSERT_EQ(read.size(), 3u);
  expect_same(read[0], outcome_with(1, 3));
  expect_same(read[1], failed);
  expect_same(read[2], outcome_with(3, 0));
}

TEST(BatchJournal, ResumeDropsATornTailAndAppendsAfterTheLastWholeRecord) {
  TempDir dir;
  const auto path = dir / "a.journal";
  {
    BatchJournal journal(path, "run1", false);
    journal.commit(outcome_with(1, 2));
    journal.commit(outcome_with(2, 4));
  }
  // A crash in the middle of writing hologram 3: its header and one particle, no end line.
  const auto whole = std::filesystem::file_size(path);
  {
    std::ofstream torn(path, std::ios::app | std::ios::binary);
    torn << "H\t3\tok\t2\t0.1\t0\t0\t0\t0.2\t\tscore=1,planes=1\nP\t1.5\t2\t3";
  }
  {
    BatchJournal journal(path, "run1", true);
    ASSERT_EQ(journal.committed().size(), 2u);
    EXPECT_EQ(std::filesystem::file_size(path), whole);  // the torn tail is cut off
    journal.commit(outcome_with(3, 1));
  }
  const std::vector<HologramOutcome> read = read_journal(path, "run1");
  ASSERT_EQ(read.size(), 3u);
  expect_same(read[2], outcome_with(3, 1));
}

// A journal written before the crowded flag has 11 fields in its hologram lines: a resumed run
// keeps those records, their scene not known.
TEST(BatchJournal, ReadsAJournalWrittenBeforeTheCrowdedFlag) {
  TempDir dir;
  const auto path = dir / "a.journal";
  {
    BatchJournal journal(path, "run1", false);
    journal.commit(outcome_with(1, 2));
    journal.commit(outcome_with(2, 1));
  }
  std::string text = read_text(path);
  for (const char* flag : {"\t0\nP", "\t1\nP"}) {
    const std::size_t at = text.find(flag);
    ASSERT_NE(at, std::string::npos) << text;
    text.erase(at, 2);
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  const std::vector<HologramOutcome> read = read_journal(path, "run1");
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].record.crowded, kCrowdedNotKnown);
  EXPECT_EQ(read[1].record.crowded, kCrowdedNotKnown);
  EXPECT_EQ(read[1].particles.z_um, outcome_with(2, 1).particles.z_um);
}

TEST(BatchJournal, RefusesAnotherRunsJournalAndAnExistingOneWithoutResume) {
  TempDir dir;
  const auto path = dir / "a.journal";
  { BatchJournal journal(path, "run1", false); }
  EXPECT_THROW(BatchJournal(path, "run1", false), Error);
  try {
    BatchJournal other(path, "run2", true);
    FAIL() << "another run's journal was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
  }
  test::write_text(dir / "b.journal", "not a journal\n");
  EXPECT_THROW(BatchJournal(dir / "b.journal", "run1", true), Error);
}

// A new journal of run1 holding these holograms' records, and its text.
std::string journal_of(const std::filesystem::path& path,
                       const std::vector<HologramOutcome>& outcomes) {
  {
    BatchJournal journal(path, "run1", false);
    for (const HologramOutcome& outcome : outcomes) {
      journal.commit(outcome);
    }
  }
  return read_text(path);
}

// A number that is not one (abc), or not finite (nan, inf, 1e999), in a record: that record is
// dropped and counted, the records after it still count, and a resume appends after them.
TEST(BatchJournal, DamagedNumbersDropTheirRecordAndKeepTheRest) {
  for (const std::string bad : {"abc", "nan", "inf", "1e999", "12x", ""}) {
    SCOPED_TRACE("bad number '" + bad + "'");
    TempDir dir;
    const auto path = dir / "a.journal";
    std::string text =
        journal_of(path, {outcome_with(1, 2), outcome_with(2, 2), outcome_with(3, 1)});
    // Hologram 2's first particle gets the bad x.
    const std::size_t record = text.find("H\t2\t");
    ASSERT_NE(record, std::string::npos);
    const std::size_t particle = text.find("\nP\t", record) + 3;
    const std::size_t x_end = text.find('\t', particle);
    text.replace(particle, x_end - particle, bad);
    test::write_text(path, text);

    std::size_t dropped = 0;
    const std::vector<HologramOutcome> read = read_journal(path, "run1", &dropped);
    EXPECT_EQ(dropped, 1u);
    ASSERT_EQ(read.size(), 2u);
    expect_same(read[0], outcome_with(1, 2));
    expect_same(read[1], outcome_with(3, 1));
    {
      BatchJournal resumed(path, "run1", true);
      EXPECT_EQ(resumed.dropped(), 1u);
      EXPECT_EQ(resumed.committed().size(), 2u);
      resumed.commit(outcome_with(2, 2));  // hologram 2 run again
    }
    const std::vector<HologramOutcome> again = read_journal(path, "run1");
    ASSERT_EQ(again.size(), 3u);
    expect_same(latest_by_hid(again)[1], outcome_with(2, 2));
  }
  // A damaged hologram line (hid) and a damaged timing count the same way.
  TempDir dir;
  const auto path = dir / "b.journal";
  std::string text = journal_of(path, {outcome_with(1, 1), outcome_with(2, 1), outcome_with(3, 1)});
  text.replace(text.find("H\t1\t"), 4, "H\tone\t");
  const std::size_t second = text.find("H\t2\tok\t1\t");
  text.replace(second + 9, 1, "x");  // seconds_read "x.2..."
  test::write_text(path, text);
  std::size_t dropped = 0;
  const std::vector<HologramOutcome> read = read_journal(path, "run1", &dropped);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].record.hid, 3);
  EXPECT_EQ(dropped, 2u);
}

TEST(BatchJournal, TheLastRecordOfAHologramCounts) {
  HologramOutcome failed;
  failed.record.hid = 2;
  failed.record.status = "failed";
  const std::vector<HologramOutcome> latest =
      latest_by_hid({outcome_with(3, 1), failed, outcome_with(1, 1), outcome_with(2, 2)});
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_EQ(latest[0].record.hid, 1);
  EXPECT_EQ(latest[1].record.status, "ok");
  EXPECT_EQ(latest[1].particles.size(), 2u);
  EXPECT_EQ(latest[2].record.hid, 3);
}

TEST(BatchResults, HologramTableAndParticlesRoundTrip) {
  TempDir dir;
  const auto path = dir / "a.particles.nc";
  io::ParticleTable particles = outcome_with(1, 3).particles;
  particles.append_rows(outcome_with(3, 2).particles);
  std::vector<io::HologramRecord> records(3);
  records[0] = {1, "ok", 3, kSparse, 0.5, 1.5, 2.5, 0.25, 5.0, ""};
  records[1] = {
      2, "failed", 0, kCrowdedNotKnown, 0.1, 0, 0, 0, 0.1, "a.nc: hologram 2: cannot read"};
  records[2] = {3, "ok", 2, kCrowded, 0.5, 1.5, 2.5, 0.25, 5.0, ""};
  io::write_batch_results(path, particles, records, {{"method", std::string("unet")}});
  const std::vector<io::HologramRecord> read = io::read_hologram_table(path);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[1].status, "failed");
  EXPECT_EQ(read[1].error, records[1].error);
  EXPECT_EQ(read[0].error, "");
  EXPECT_EQ(read[2].particles, 2);
  EXPECT_EQ(read[0].seconds_network, 2.5);
  EXPECT_EQ(read[0].crowded, kSparse);
  EXPECT_EQ(read[1].crowded, kCrowdedNotKnown);
  EXPECT_EQ(read[2].crowded, kCrowded);
  const io::ParticleTable back = io::read_particles(path);
  EXPECT_EQ(back.hid, particles.hid);
  EXPECT_EQ(back.z_um, particles.z_um);
  EXPECT_THROW(io::read_hologram_table(dir / "missing.nc"), Error);
}

}  // namespace
}  // namespace holodet::io
