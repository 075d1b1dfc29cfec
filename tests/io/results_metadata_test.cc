#include "holodet/io/results_metadata.h"

#include <gtest/gtest.h>

#include "holodet/io/particle_files.h"
#include "support/test_files.h"

namespace holodet::io {
namespace {

TEST(ResultsMetadata, CommandLinesAreQuotedForTheShell) {
  const char* argv[] = {"holodet", "detect", "my file.nc", "--set", "a=it's"};
  EXPECT_EQ(join_command_line(5, argv), "holodet detect 'my file.nc' --set 'a=it'\\''s'");
}

TEST(ResultsMetadata, AResultsFileRecordsHowItWasMade) {
  if (std::string(HOLODET_NETCDF_PYTHON).empty()) {
    GTEST_SKIP() << "no Python with netCDF4 and xarray (HOLODET_PYTHON)";
  }
  test::TempDir dir;
  RunDescription run;
  run.method = "classic";
  run.command_line = "holodet detect a.nc --out p.nc";
  run.source = "a.nc";
  io::ParticleTable table;
  table.append(1, 1, 2, 30000, 40);
  io::write_particles(dir / "p.nc", table, results_attributes(run));
  const auto result = test::run_shell(
      std::string(HOLODET_NETCDF_PYTHON) + " " + HOLODET_SOURCE_DIR +
      "/tests/netcdf_compat/check_netcdf.py particles " + (dir / "p.nc").string() +
      " --count 1 --expect-global method=classic --expect-global lambda=3.55e-07"
      " --expect-global zMin=0.014 --expect-global 'command_line=holodet detect a.nc --out p.nc'");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace holodet::io
