// The microphysics products end to end: `holodet batch` writes flags, distributions and
// concentrations that xarray opens and plots (tests/netcdf_compat/check_products.py), window
// dust that stays put is flagged in every hologram and no true particle is, and `holodet
// stats` remakes the products per time interval and with other bins without detecting again.
#include <gtest/gtest.h>

#include "holodet/io/batch_results.h"
#include "support/test_files.h"

namespace holodet {
namespace {

using test::run_shell;
using test::TempDir;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

test::CommandResult holodet(const std::string& arguments) {
  return run_shell(std::string("SOURCE_DATE_EPOCH=1795737600 ") + HOLODET_CLI_PATH + " " +
                   arguments);
}

test::CommandResult check_products(const std::string& arguments) {
  return run_shell(std::string(HOLODET_NETCDF_PYTHON) + " " + HOLODET_SOURCE_DIR +
                   "/tests/netcdf_compat/check_products.py " + arguments);
}

// Six holograms 0.4 s apart with two specks of dust at the same place in each, inside the
// volume where the detector sees them.
std::filesystem::path make_dusty_flight(const TempDir& dir) {
  const auto path = dir / "dusty.nc";
  const auto made = holodet("synth --out " + path.string() +
                            " --holograms 6 --particles 20 --nx 512 --ny 512 --seed 77 --quiet"
                            " --set synth.fixed_window_dust=2 --set synth.fixed_dust_z_um=60000"
                            " --set synth.hologram_period_s=0.4");
  EXPECT_EQ(made.exit_code, 0) << made.output;
  return path;
}

TEST(ProductsCli, BatchWritesProductsThatXarrayOpensAndStatsRemakesThem) {
  if (std::string(HOLODET_NETCDF_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with netCDF4 and xarray (HOLODET_PYTHON)";
  }
  TempDir dir;
  const auto archive = make_dusty_flight(dir);
  const auto batch = holodet("batch " + archive.string() + " --out " + (dir / "out").string() +
                             " --method classic --planes 200");
  ASSERT_EQ(batch.exit_code, 0) << batch.output;
  EXPECT_TRUE(contains(batch.output, "as recurring artefacts at 2 places")) << batch.output;
  const auto results = dir / "out" / "dusty.particles.nc";
  const auto checked = check_products(results.string() + " --sites 2 --site-holograms 6 --truth " +
                                      archive.string() + " --plot-dir " + dir.path().string());
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "dNdD.png"));

  // Per second of the flight clock: 0, 0.4, 0.8 | 1.2, 1.6 | 2.0.
  const auto per_second = dir / "per-second.nc";
  const auto stats =
      holodet("stats " + results.string() + " --interval 1s --out " + per_second.string());
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  EXPECT_TRUE(contains(stats.output, "distributions per 1 s interval")) << stats.output;
  const auto intervals =
      check_products(per_second.string() + " --per interval --sites 2 --site-holograms 6 --truth " +
                     archive.string());
  EXPECT_EQ(intervals.exit_code, 0) << intervals.output;
  const io::BatchResultsFile remade = io::read_batch_results(per_second);
  EXPECT_EQ(remade.particles.size(), io::read_batch_results(results).particles.size());
  EXPECT_EQ(remade.attribute("products_interval_s"), "1");
  EXPECT_EQ(remade.attribute("method"), "classic");  // the run's own attributes are kept
  // The plots people read, from the shipped script.
  const auto plots = run_shell(std::string(HOLODET_NETCDF_PYTHON) + " " + HOLODET_SOURCE_DIR +
                               "/scripts/plot-products " + per_second.string() + " --out " +
                               (dir / "plots").string());
  EXPECT_EQ(plots.exit_code, 0) << plots.output;
  for (const char* name : {"psd.png", "psd.svg", "concentration.png", "concentration.svg"}) {
    EXPECT_GT(std::filesystem::file_size(dir / "plots" / name), 1000u) << name;
  }

  // Stats of stats: other bins; the interval stays as that file made it unless told.
  const auto rebinned = dir / "rebinned.nc";
  const auto again = holodet("stats " + per_second.string() + " --bins 10:50:10 --out " +
                             rebinned.string() + " --quiet");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  const io::BatchResultsFile rebinned_file = io::read_batch_results(rebinned);
  EXPECT_EQ(rebinned_file.attribute("products_size_bins_um"), "10,20,30,40,50");
  EXPECT_EQ(rebinned_file.attribute("products_interval_s"), "1");
}

TEST(ProductsCli, BadInputIsRefusedBeforeAnyWork) {
  TempDir dir;
  const auto plain = dir / "plain.nc";
  ASSERT_EQ(holodet("synth --out " + plain.string() +
                    " --holograms 2 --particles 3 --nx 128 --ny 128 --seed 3 --quiet")
                .exit_code,
            0);
  // An archive is no results file.
  const auto not_results = holodet("stats " + plain.string() + " --out " + (dir / "p.nc").string());
  EXPECT_EQ(not_results.exit_code, 2) << not_results.output;
  EXPECT_TRUE(contains(not_results.output, "no hologram table")) << not_results.output;
  // Intervals need times: refused before the first hologram, leaving nothing behind.
  const auto out = dir / "out";
  const auto no_times = holodet("batch " + plain.string() + " --out " + out.string() +
                                " --method classic --planes 20 --interval 1s");
  EXPECT_EQ(no_times.exit_code, 2) << no_times.output;
  EXPECT_TRUE(contains(no_times.output, "--interval needs hologram times")) << no_times.output;
  EXPECT_FALSE(std::filesystem::exists(out));
  const auto bad_interval =
      holodet("stats " + plain.string() + " --interval soon --out " + (dir / "p.nc").string());
  EXPECT_EQ(bad_interval.exit_code, 2) << bad_interval.output;
  EXPECT_TRUE(contains(bad_interval.output, "expected a duration")) << bad_interval.output;
  const auto bad_bins =
      holodet("stats " + plain.string() + " --bins 50,10 --out " + (dir / "p.nc").string());
  EXPECT_EQ(bad_bins.exit_code, 2) << bad_bins.output;
  EXPECT_TRUE(contains(bad_bins.output, "ascend")) << bad_bins.output;
  // A results file as its own output: never overwritten.
  ASSERT_EQ(holodet("batch " + plain.string() + " --out " + out.string() +
                    " --method classic --planes 20 --quiet")
                .exit_code,
            0);
  const auto results = out / "plain.particles.nc";
  const auto onto_itself = holodet("stats " + results.string() + " --out " + results.string());
  EXPECT_EQ(onto_itself.exit_code, 2) << onto_itself.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "p.nc"));
}

}  // namespace
}  // namespace holodet
