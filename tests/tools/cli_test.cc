// The holodet binary end to end: exit codes 0 / 1 / 2 and messages that name the file.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>

#include "holodet/io/image_file.h"
#include "holodet/io/netcdf_writer.h"
#include "holodet/io/particle_files.h"
#include "support/gpu_test.h"
#include "support/test_files.h"

namespace holodet {
namespace {

using test::run_holodet;
using test::TempDir;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Cli, InfoDescribesTheBundledSample) {
  const auto sample = test::samples_dir() / "holodec_fixture_512x384.nc";
  const auto result = run_holodet("info " + sample.string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "holograms      3")) << result.output;
  EXPECT_TRUE(contains(result.output, "512 x 384 px")) << result.output;
  EXPECT_TRUE(contains(result.output, "355.0 nm")) << result.output;
  EXPECT_TRUE(contains(result.output, "36 in the table")) << result.output;
  EXPECT_TRUE(contains(result.output, "devices:")) << result.output;
}

TEST(Cli, InfoDescribesAPng) {
  TempDir dir;
  std::vector<std::uint16_t> frame(40 * 30, 1000);
  io::write_png_gray16(dir / "frame.png", 40, 30, frame);
  const auto result = run_holodet("info " + (dir / "frame.png").string() + " --hologram 1");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "single hologram image")) << result.output;
  EXPECT_TRUE(contains(result.output, "40 x 30 px (Nx x Ny), 16-bit")) << result.output;
  EXPECT_TRUE(contains(result.output, "HOLODEC default")) << result.output;
  EXPECT_TRUE(contains(result.output, "counts 1000..1000")) << result.output;
}

TEST(Cli, InfoOnBrokenFilesExits2NamingTheFile) {
  TempDir dir;
  test::write_text(dir / "junk.nc", "junk");
  test::write_hdf5_with_dataset(dir / "noimage.nc", "other", {3});
  test::write_hdf5_with_dataset(dir / "rank2.nc", "image", {4, 4});
  test::write_hdf5_with_dataset(dir / "zero.nc", "image", {0, 4, 4});
  test::write_test_archive(dir / "good.nc", test::ArchiveSpec{2, 64, 48, 1, true});
  test::write_truncated_copy(dir / "good.nc", dir / "truncated.nc",
                             std::filesystem::file_size(dir / "good.nc") / 2);
  test::write_text(dir / "junk.png", "\x89PNG\r\n\x1a\n and then nothing useful");
  for (const char* name :
       {"junk.nc", "noimage.nc", "rank2.nc", "zero.nc", "truncated.nc", "junk.png", "absent.nc"}) {
    const auto path = dir / name;
    const auto result = run_holodet("info " + path.string());
    EXPECT_EQ(result.exit_code, 2) << name << ": " << result.output;
    EXPECT_TRUE(contains(result.output, path.string())) << name << ": " << result.output;
    EXPECT_FALSE(contains(result.output, "HDF5-DIAG"))
        << "HDF5's own dump leaked: " << result.output;
  }
  const auto out_of_range = run_holodet("info " + (dir / "good.nc").string() + " --hologram 3");
  EXPECT_EQ(out_of_range.exit_code, 2) << out_of_range.output;
  EXPECT_TRUE(contains(out_of_range.output, "hologram 3 out of range")) << out_of_range.output;
}

// Inputs that are not what they seem are named for what they are: a folder, a NetCDF3 file
// (with the command that converts it), a 1 x 1 PNG, an archive whose wavelength is text.
TEST(Cli, InputsAreRefusedForWhatTheyAreBeforeAnyWork) {
  TempDir dir;
  std::filesystem::create_directory(dir / "folder.nc");
  test::write_text(dir / "classic.nc", std::string("CDF\x01\0\0\0\0", 8) + "rest");
  const std::vector<std::uint8_t> pixel{128};
  io::write_png_gray8(dir / "dot.png", 1, 1, pixel);
  {
    io::NetcdfWriter writer(dir / "text_lambda.nc");
    writer.define_dimension("hologram_number", 1);
    writer.define_dimension("xsize", 32);
    writer.define_dimension("ysize", 32);
    writer.define_variable(
        {"image", io::ValueType::kUint8, {"hologram_number", "xsize", "ysize"}, {}, 0, {}});
    writer.write_slab("image", 0,
                      std::span<const std::uint8_t>(std::vector<std::uint8_t>(1024, 90)));
    writer.set_global_attribute("lambda", std::string("355e-9"));
    writer.commit();
  }
  const struct {
    const char* name;
    const char* message;
  } cases[] = {
      {"folder.nc", "is a folder"},
      {"classic.nc", "nccopy -k nc4"},
      {"dot.png", "1 x 1 px is too small for a hologram"},
      {"text_lambda.nc", "attribute lambda is '355e-9', not a number"},
  };
  for (const auto& c : cases) {
    for (const std::string& command : {"info " + (dir / c.name).string(),
                                       "detect " + (dir / c.name).string() + " --planes 5 -q"}) {
      const auto result = run_holodet(command);
      EXPECT_EQ(result.exit_code, 2) << command << ": " << result.output;
      EXPECT_TRUE(contains(result.output, c.message)) << command << ": " << result.output;
    }
  }
  const auto given = run_holodet("info " + (dir / "text_lambda.nc").string() +
                                 " --set optics.wavelength_m=355e-9");
  EXPECT_EQ(given.exit_code, 0) << given.output;
}

TEST(Cli, ConfigurationComesFromYamlAndOverrides) {
  TempDir dir;
  test::write_text(dir / "c.yaml", "optics:\n  z_min_m: 0.02\n");
  const auto sample = test::samples_dir() / "holodec_fixture_512x384.nc";
  const auto result =
      run_holodet("info " + sample.string() + " --config " + (dir / "c.yaml").string() +
                  " --set optics.z_max_m=0.1 --print-config");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "z_min_m: 0.02")) << result.output;
  EXPECT_TRUE(contains(result.output, "20.000 .. 100.000 mm (from the configuration)"))
      << result.output;
  const auto typo = run_holodet("info " + sample.string() + " --set optics.zmin=1");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_TRUE(contains(typo.output, "unknown configuration key 'optics.zmin'")) << typo.output;
}

TEST(Cli, UsageErrorsExit2AndHelpExits0) {
  EXPECT_EQ(run_holodet("").exit_code, 2);
  EXPECT_EQ(run_holodet("frobnicate").exit_code, 2);
  EXPECT_EQ(run_holodet("info").exit_code, 2);
  EXPECT_EQ(run_holodet("info x.nc --no-such-option").exit_code, 2);
  EXPECT_EQ(run_holodet("--help").exit_code, 0);
  EXPECT_EQ(run_holodet("info --help").exit_code, 0);
  EXPECT_EQ(run_holodet("--version").exit_code, 0);
  const auto help = run_holodet("reconstruct --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(contains(help.output, "rows = y")) << help.output;
}

TEST(Cli, ReconstructWritesPngPlanesAndRefusesBadRequests) {
  TempDir dir;
  const auto sample = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  const auto ok = run_holodet("reconstruct " + sample +
                              " --hologram 2 --z-um 30000,60000 --what both"
                              " --format png --out " +
                              (dir / "planes").string());
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(
      std::filesystem::exists(dir / "planes" / "holodec_fixture_512x384_h2_z030000um_phase.png"));
  EXPECT_TRUE(
      std::filesystem::exists(dir / "planes" / "holodec_fixture_512x384_h2_min_amplitude.png"));
  EXPECT_TRUE(std::filesystem::exists(dir / "planes" / "index.csv"));
  const io::Hologram png = io::read_hologram_image(
      dir / "planes" / "holodec_fixture_512x384_h2_z060000um_amplitude.png");
  EXPECT_EQ(png.size_x, 512u);
  EXPECT_EQ(png.size_y, 384u);

  const auto both = run_holodet("reconstruct " + sample + " --z-um 30000 --planes 3 --out " +
                                (dir / "x").string());
  EXPECT_EQ(both.exit_code, 2) << both.output;
  const auto range = run_holodet("reconstruct " + sample + " --hologram 9 --planes 3 --out " +
                                 (dir / "y").string());
  EXPECT_EQ(range.exit_code, 2) << range.output;
  EXPECT_TRUE(contains(range.output, "hologram 9 out of range")) << range.output;
  const auto cuda = run_holodet("reconstruct " + sample + " --planes 2 --device cuda:0 --out " +
                                (dir / "z").string());
  EXPECT_EQ(cuda.exit_code, test::gpu_available() ? 0 : 2) << cuda.output;
}

TEST(Cli, SynthWritesAnArchiveThatInfoReads) {
  TempDir dir;
  const auto made = run_holodet("synth --out " + (dir / "s.nc").string() +
                                " --holograms 2 --particles 3 --nx 128 --ny 96 --seed 4 -q");
  EXPECT_EQ(made.exit_code, 0) << made.output;
  const auto info = run_holodet("info " + (dir / "s.nc").string());
  EXPECT_TRUE(contains(info.output, "holograms      2")) << info.output;
  EXPECT_TRUE(contains(info.output, "128 x 96 px")) << info.output;
  EXPECT_TRUE(contains(info.output, "6 in the table")) << info.output;
  const auto wrong = run_holodet("synth --out " + (dir / "s.csv").string() + " --nx 64 --ny 64");
  EXPECT_EQ(wrong.exit_code, 2) << wrong.output;
  const auto crowded =
      run_holodet("synth --out " + (dir / "c.nc").string() +
                  " --nx 64 --ny 64 --particles 200 --set synth.min_separation_um=100");
  EXPECT_EQ(crowded.exit_code, 2) << crowded.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "c.nc"));
}

TEST(Cli, DetectWritesAParticleTableAndRefusesWhatItCannotDo) {
  TempDir dir;
  const auto sample = (test::samples_dir() / "synth_1024_b.nc").string();
  const auto ok =
      run_holodet("detect " + sample + " --method classic --hologram 1 --planes 40 -q --out " +
                  (dir / "p.nc").string() + " --preview " + (dir / "p.png").string());
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "p.png"));
  const io::ParticleTable table = io::read_particles(dir / "p.nc");
  EXPECT_GT(table.size(), 5u);
  for (int hid : table.hid) {
    EXPECT_EQ(hid, 1);
  }
  const auto missing = run_holodet("detect " + sample + " --method unet --planes 5 --model " +
                                   (dir / "none.h5").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(contains(missing.output, "none.h5")) << missing.output;
  const auto archive =
      run_holodet("detect " + sample + " --method unet --planes 5 --model " + sample);
  EXPECT_EQ(archive.exit_code, 2);
  EXPECT_TRUE(contains(archive.output, "not a holodet model")) << archive.output;
  const auto range = run_holodet("detect " + sample + " --hologram 4 --planes 5");
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_TRUE(contains(range.output, "hologram 4 out of range")) << range.output;
}

// Ranges are stated in words, and an absurd plane count is refused before anything grows.
TEST(Cli, OutOfRangeNumbersAreRefusedInWords) {
  const auto sample = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  for (const std::string& arguments :
       {"detect " + sample + " --planes 0", "reconstruct " + sample + " --planes 0 --out x",
        std::string("bench --synthetic 64x64 --repeat 0"),
        std::string("synth --out x.nc --holograms 0")}) {
    const auto refused = run_holodet(arguments);
    EXPECT_EQ(refused.exit_code, 2) << arguments << "\n" << refused.output;
    EXPECT_TRUE(contains(refused.output, "must be at least")) << arguments << "\n"
                                                              << refused.output;
    EXPECT_FALSE(contains(refused.output, "179769")) << refused.output;  // DBL_MAX in full
  }
  const auto huge = run_holodet("detect " + sample + " --planes 2147483647 --method classic -q");
  EXPECT_EQ(huge.exit_code, 2) << huge.output;
  EXPECT_TRUE(contains(huge.output, "at most 1000000")) << huge.output;
}

// Outputs are checked before the first plane, and the input is never one of them (whatever the
// spelling: another path, a symbolic link).
TEST(Cli, DetectRefusesOutputsItCannotWriteOrThatAreItsInputBeforeAnyWork) {
  TempDir dir;
  const auto archive = dir / "a.nc";
  std::filesystem::copy_file(test::samples_dir() / "holodec_fixture_512x384.nc", archive);
  const auto size_before = std::filesystem::file_size(archive);
  const auto written_before = std::filesystem::last_write_time(archive);
  std::filesystem::create_symlink(archive, dir / "link.nc");
  const std::string detect = "detect " + archive.string() + " --method classic --planes 20 -q";
  for (const std::string& out :
       {archive.string(), (dir / "." / "a.nc").string(), (dir / "link.nc").string()}) {
    const auto same = run_holodet(detect + " --out " + out);
    EXPECT_EQ(same.exit_code, 2) << same.output;
    EXPECT_TRUE(contains(same.output, "never overwrites")) << same.output;
  }
  EXPECT_EQ(std::filesystem::file_size(archive), size_before);
  EXPECT_EQ(std::filesystem::last_write_time(archive), written_before);
  const struct {
    std::string arguments, message;
  } cases[] = {
      {" --out " + (dir / "nodir" / "x.csv").string(), "no such folder"},
      {" --out " + (dir / "x.parquet").string(), "unknown format '.parquet'"},
      {" --out " + dir.path().string(), "is a folder"},
      {" --preview " + (dir / "nodir" / "p.png").string(), "no such folder"},
      {" --preview " + (dir / "p.jpg").string(), "unknown format '.jpg'"},
  };
  for (const auto& c : cases) {
    const auto refused = run_holodet(detect + c.arguments);
    EXPECT_EQ(refused.exit_code, 2) << c.arguments << "\n" << refused.output;
    EXPECT_TRUE(contains(refused.output, c.message)) << c.arguments << "\n" << refused.output;
  }
}

// The GPU pipeline with its kernels on the CPU, end to end with the shipped model: the same
// particles as the CPU path (count; x, y within 0.5 µm; z within one plane).
TEST(Cli, DetectOnCpuKernelsGivesTheCpuParticles) {
  TempDir dir;
  const auto sample = (test::samples_dir() / "synth_1024_b.nc").string();
  const std::string common = "detect " + sample + " --method unet --hologram 1 --planes 250 -q";
  const auto cpu = run_holodet(common + " --device cpu --out " + (dir / "cpu.nc").string());
  ASSERT_EQ(cpu.exit_code, 0) << cpu.output;
  const auto kernels =
      run_holodet(common + " --device cpu-kernels --out " + (dir / "kernels.nc").string());
  ASSERT_EQ(kernels.exit_code, 0) << kernels.output;
  const io::ParticleTable a = io::read_particles(dir / "cpu.nc");
  const io::ParticleTable b = io::read_particles(dir / "kernels.nc");
  ASSERT_GT(a.size(), 5u);
  ASSERT_EQ(a.size(), b.size());
  // x, y within 0.5 µm, z within one plane; the size to float rounding of its area.
  test::expect_nearly_same_particles(a, b, 0.5, 144000.0 / 249, 1.0);
  const auto info = run_holodet("info " + sample);
  EXPECT_TRUE(contains(info.output, "cpu-kernels")) << info.output;
  EXPECT_TRUE(contains(info.output, "LibTorch 2.")) << info.output;
}

TEST(Cli, BenchTimesTheStagesAndComparesWithLibTorch) {
  TempDir dir;
  const auto result = run_holodet(
      "bench --synthetic 128x96 --particles 3 --planes 12 --repeat 2 "
      "--compare-torch --device cpu --json " +
      (dir / "bench.json").string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "propagation")) << result.output;
  std::ifstream file(dir / "bench.json");
  const std::string json((std::istreambuf_iterator<char>(file)), {});
  for (const char* key : {"\"ratio\"", "\"spectrum\"", "\"analysis\"", "\"planes_per_s\"",
                          "\"device\"", "\"propagation_floor_fraction\""}) {
    EXPECT_TRUE(contains(json, key)) << key << " missing in " << json;
  }
  if (!std::string(HOLODET_NETCDF_PYTHON).empty()) {  // JSON that a JSON parser reads
    const auto parsed = test::run_shell(std::string(HOLODET_NETCDF_PYTHON) +
                                        " -c 'import json,sys; json.load(open(sys.argv[1]))' " +
                                        (dir / "bench.json").string());
    EXPECT_EQ(parsed.exit_code, 0) << parsed.output << json;
  }
  const auto both = run_holodet("bench " + (test::samples_dir() / "synth_1024_a.nc").string() +
                                " --synthetic 64x64");
  EXPECT_EQ(both.exit_code, 2) << both.output;
  const auto bad = run_holodet("bench --synthetic 64by64");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
}

TEST(Cli, TrainWritesAModelThatDetectUsesAndRefusesArchivesWithoutLabels) {
  TempDir dir;
  const auto fixture = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  const std::string small =
      " --set train.window_px=64 --set train.depth=2 --set train.base_width=2"
      " --set train.batch=4 --set train.checkpoint_every=2 --set train.validate_every=2";
  const auto model = (dir / "m.h5").string();
  const auto trained =
      run_holodet("train --data " + fixture + " --out " + model + " --steps 4" + small);
  EXPECT_EQ(trained.exit_code, 0) << trained.output;
  EXPECT_TRUE(contains(trained.output, "validation")) << trained.output;
  EXPECT_TRUE(std::filesystem::exists(model));
  EXPECT_FALSE(std::filesystem::exists(model + ".checkpoint.h5"));  // removed on success
  const auto used = run_holodet("detect " + fixture + " --hologram 1 --planes 6 --method unet " +
                                "--set unet.window_px=64 --model " + model);
  EXPECT_EQ(used.exit_code, 0) << used.output;
  EXPECT_TRUE(contains(used.output, "network passes")) << used.output;
  const auto bench = run_holodet("bench --synthetic 256x256 --particles 4 --planes 8 --repeat 1 " +
                                 std::string("--method unet --set unet.window_px=64 --model ") +
                                 model + " --json " + (dir / "b.json").string());
  EXPECT_EQ(bench.exit_code, 0) << bench.output;
  EXPECT_TRUE(contains(bench.output, "network")) << bench.output;
  std::ifstream bench_file(dir / "b.json");
  const std::string bench_json((std::istreambuf_iterator<char>(bench_file)), {});
  EXPECT_TRUE(contains(bench_json, "\"floor_fraction\"")) << bench_json;
  const auto odd_window = run_holodet("detect " + fixture + " --hologram 1 --planes 6 " +
                                      "--method unet --set unet.window_px=66 --model " + model);
  EXPECT_EQ(odd_window.exit_code, 2) << odd_window.output;
  const auto no_checkpoint =
      run_holodet("train --data " + fixture + " --out " + model + " --resume" + small);
  EXPECT_EQ(no_checkpoint.exit_code, 2) << no_checkpoint.output;
  const std::vector<std::uint8_t> grey(128 * 128, 128);
  io::write_png_gray8(dir / "frame.png", 128, 128, grey);
  const auto unlabelled = run_holodet("train --data " + (dir / "frame.png").string() + " --out " +
                                      (dir / "u.h5").string() + small);
  EXPECT_EQ(unlabelled.exit_code, 2) << unlabelled.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "u.h5"));
}

// The count printed on the overall line `label` of `holodet evaluate`'s table, or -1.
long printed_count(const std::string& output, const std::string& label) {
  const std::size_t at = output.find("\n  " + label + " ");
  return at == std::string::npos ? -1 : std::stol(output.substr(at + 3 + label.size()));
}

TEST(Cli, EvaluateScoresPredictionsAgainstTheArchivesTruth) {
  TempDir dir;
  const auto truth_file = (test::samples_dir() / "synth_1024_a.nc").string();
  const io::ParticleTable truth = io::read_particles(truth_file);
  ASSERT_EQ(truth.size(), 240u);
  // Every particle found a little off, but for two; three false alarms outside the frame.
  io::ParticleTable predictions;
  for (std::size_t row = 0; row < truth.size(); ++row) {
    if (row != 5 && row != 100) {
      predictions.append(truth.hid[row], truth.x_um[row] + 2, truth.y_um[row] - 3,
                         truth.z_um[row] + 40, truth.d_um[row] + 1.5f);
    }
  }
  for (int hid : {1, 2, 6}) {
    predictions.append(hid, 5000, 5000, 50000, 30);
  }
  io::write_particles_csv(dir / "pred.csv", predictions);
  const std::string pred = (dir / "pred.csv").string();

  const auto result = run_holodet("evaluate --truth " + truth_file + " --pred " + pred +
                                  " --json " + (dir / "s.json").string() + " --plots " +
                                  (dir / "plots").string() + " --hologram-image 2");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(printed_count(result.output, "TP"), 238) << result.output;
  EXPECT_EQ(printed_count(result.output, "FP"), 3) << result.output;
  EXPECT_EQ(printed_count(result.output, "FN"), 2) << result.output;
  EXPECT_TRUE(contains(result.output, "RMSE z (um)                40.00")) << result.output;
  std::ifstream json(dir / "s.json");
  const std::string json_text((std::istreambuf_iterator<char>(json)),
                              std::istreambuf_iterator<char>());
  EXPECT_TRUE(contains(json_text, "\"POD\"")) << json_text;
  // Drawn by scripts/plot-evaluation (matplotlib) from pairs.csv, which holodet writes.
  for (const char* plot :
       {"z_scatter.png", "z_scatter.svg", "d_scatter.png", "errors.png", "errors.svg",
        "dz_vs_z.png", "dz_vs_z.svg", "pairs.csv", "hologram_2.png"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / "plots" / plot)) << plot << "\n" << result.output;
  }

  // Two sets side by side; a CSV truth has no hologram to draw, which is said and skipped.
  const auto two =
      run_holodet("evaluate --truth " + pred + " --pred " + pred + " --pred " + truth_file +
                  " --plots " + (dir / "p2").string() + " --hologram-image 1");
  EXPECT_EQ(two.exit_code, 0) << two.output;
  EXPECT_TRUE(contains(two.output, "pred  synth_1024_a")) << two.output;
  EXPECT_TRUE(contains(two.output, "no hologram picture")) << two.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "p2" / "hologram_1.png"));

  // The detectable part: the archive's holograms propagated to each particle's depth. Every
  // one of hologram 1's 40 stands above the noise in focus at a ratio of 1; at 1000, none does,
  // and every match is dropped with it.
  const std::string one = "evaluate --truth " + truth_file + " --pred " + pred + " --hologram 1";
  const auto detectable =
      run_holodet(one + " --detectable --json " + (dir / "detectable.json").string());
  EXPECT_EQ(detectable.exit_code, 0) << detectable.output;
  EXPECT_TRUE(contains(detectable.output, "Detectable part: 40 of 40 true particles"))
      << detectable.output;
  std::ifstream part_json(dir / "detectable.json");
  const std::string part_text((std::istreambuf_iterator<char>(part_json)),
                              std::istreambuf_iterator<char>());
  EXPECT_TRUE(contains(part_text,
                       "\"detectable\": {\"min_snr\": 1, \"above_noise\": 40, "
                       "\"below_noise\": 0, \"overall\": [\n    {\"name\": \"pred\", "
                       "\"truth\": 40,"))
      << part_text;
  EXPECT_TRUE(contains(json_text, "\"detectable\": null")) << json_text;
  const auto none = run_holodet(one + " --detectable --detectable-snr 1000 -q");
  EXPECT_EQ(none.exit_code, 0) << none.output;
  EXPECT_TRUE(contains(none.output, "Detectable part: 0 of 40 true particles")) << none.output;
  const std::size_t part = none.output.find("Detectable part");
  ASSERT_NE(part, std::string::npos);
  EXPECT_EQ(printed_count(none.output.substr(part), "TP"), 0) << none.output;
  EXPECT_EQ(printed_count(none.output.substr(part), "FN"), 0) << none.output;
  EXPECT_EQ(printed_count(none.output.substr(part), "FP"), 1) << none.output;
  const auto no_holograms =
      run_holodet("evaluate --truth " + pred + " --pred " + pred + " --detectable");
  EXPECT_EQ(no_holograms.exit_code, 2) << no_holograms.output;
  EXPECT_TRUE(contains(no_holograms.output, "holds no holograms")) << no_holograms.output;
}

// What detect prints is the table --out x.csv writes, to the last digit, extra columns and the
// holograms covered included; --hologram takes lists, and evaluate scores only what the table
// covers (hologram 1 and 3 of 3 here: hologram 2's truth is left out, not missed).
TEST(Cli, DetectPrintsTheTableItWritesForTheHologramsAskedAndEvaluateScoresThose) {
  TempDir dir;
  const auto sample = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  const std::string detect = "detect " + sample + " --method classic --hologram 3,1 --planes 20 -q";
  const auto printed = run_holodet(detect);
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  const auto saved = run_holodet(detect + " --out " + (dir / "p.csv").string());
  ASSERT_EQ(saved.exit_code, 0) << saved.output;
  std::ifstream file(dir / "p.csv");
  const std::string saved_text((std::istreambuf_iterator<char>(file)),
                               std::istreambuf_iterator<char>());
  EXPECT_EQ(printed.output, saved_text);
  EXPECT_EQ(saved_text.rfind(
                "# holograms_covered: 1,3\nhid,x,y,z,d,contrast,area_px,aspect_ratio,z_err\n", 0),
            0u)
      << saved_text;
  const io::ParticleTable table = io::read_particles(dir / "p.csv");
  EXPECT_EQ(table.holograms, (std::vector<int>{1, 3}));
  for (int hid : table.hid) {
    EXPECT_NE(hid, 2);
  }
  const auto scored =
      run_holodet("evaluate --truth " + sample + " --pred " + (dir / "p.csv").string() +
                  " --json " + (dir / "s.json").string());
  EXPECT_EQ(scored.exit_code, 0) << scored.output;
  EXPECT_TRUE(contains(scored.output, "24 particles in 2 holograms")) << scored.output;
  EXPECT_TRUE(contains(scored.output, "truth holograms left out: 2")) << scored.output;
  const auto uncovered = run_holodet("evaluate --truth " + sample + " --pred " +
                                     (dir / "p.csv").string() + " --hologram 1-2");
  EXPECT_EQ(uncovered.exit_code, 2) << uncovered.output;
  EXPECT_TRUE(contains(uncovered.output, "not hologram 2")) << uncovered.output;
  for (const std::string& bad : {std::string("0"), std::string("3-1"), std::string("1,,2")}) {
    const auto refused = run_holodet("detect " + sample + " --hologram " + bad + " -q");
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_TRUE(contains(refused.output, "--hologram " + bad)) << refused.output;
  }
  const auto out_of_range = run_holodet("detect " + sample + " --hologram 2-4 -q");
  EXPECT_EQ(out_of_range.exit_code, 2) << out_of_range.output;
  EXPECT_TRUE(
      contains(out_of_range.output, "--hologram 4 out of range (the file holds 3 holograms)"))
      << out_of_range.output;
}

// Planes further apart than the model's depth band leave particles unseen between them:
// detect says so before the run, unless -q.
TEST(Cli, DetectSaysWhenThePlanesAreTooFarApartForTheModel) {
  const auto sample = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  const auto sparse = run_holodet("detect " + sample + " --method unet --hologram 1 --planes 40");
  EXPECT_EQ(sparse.exit_code, 0) << sparse.output;
  EXPECT_TRUE(contains(sparse.output,
                       "40 planes are 3600 um apart, but holodet-unet-v4.h5 marks "
                       "particles within 300 um of a plane"))
      << sparse.output;
  EXPECT_TRUE(contains(sparse.output, "use at least 240 planes")) << sparse.output;
  EXPECT_TRUE(contains(sparse.output, " in 1 hologram, 40 planes each")) << sparse.output;
  const auto quiet = run_holodet("detect " + sample + " --method unet --hologram 1 --planes 40 -q");
  EXPECT_FALSE(contains(quiet.output, "apart")) << quiet.output;
}

// bench and train check where they will write before the first timed run or step.
TEST(Cli, BenchAndTrainRefuseOutputsTheyCannotWriteBeforeTheWork) {
  TempDir dir;
  const auto sample = (test::samples_dir() / "synth_1024_a.nc").string();
  const struct {
    std::string arguments, message;
  } cases[] = {
      {"bench --synthetic 64x64 --planes 2 --json " + (dir / "nodir" / "b.json").string(),
       "no such folder"},
      {"bench --synthetic 64x64 --planes 2 --json " + (dir / "b.csv").string(),
       "unknown format '.csv'"},
      {"bench --synthetic 64x64 --hologram 1,2", "bench times one hologram"},
      {"train --data " + sample + " --steps 1 --out " + (dir / "nodir" / "m.h5").string(),
       "no such folder"},
      {"train --data " + sample + " --steps 1 --out " + (dir / "m.pt").string(),
       "unknown format '.pt'"},
  };
  for (const auto& c : cases) {
    const auto refused = run_holodet(c.arguments);
    EXPECT_EQ(refused.exit_code, 2) << c.arguments << "\n" << refused.output;
    EXPECT_TRUE(contains(refused.output, c.message)) << c.arguments << "\n" << refused.output;
  }
}

// Dust on the probe windows focuses outside the sample volume; within it, its defocused
// shadow can dip like a particle's focus. With the guard planes neither detector reports it
// (without them, both did: the case this test keeps from coming back).
TEST(Cli, WindowDustIsNeverReported) {
  TempDir dir;
  const auto dusty = (dir / "dust.nc").string();
  ASSERT_EQ(run_holodet("synth --out " + dusty +
                        " --holograms 2 --particles 0 --nx 512 --ny 512 --seed 9 -q"
                        " --set synth.window_dust=8")
                .exit_code,
            0);
  const std::string classic = "detect " + dusty + " --hologram 2 --method classic --planes 200";
  const auto guarded = run_holodet(classic);
  EXPECT_EQ(guarded.exit_code, 0) << guarded.output;
  EXPECT_TRUE(contains(guarded.output, "detect: 0 particles in 1 hologram")) << guarded.output;
  EXPECT_FALSE(contains(guarded.output, " 0 focused outside the sample volume")) << guarded.output;
  const auto unguarded = run_holodet(classic + " --set reconstruction.window_guard_step_um=0");
  EXPECT_FALSE(contains(unguarded.output, "detect: 0 particles")) << unguarded.output;
  const auto unet = run_holodet("detect " + dusty + " --hologram 2 --method unet --planes 300");
  EXPECT_EQ(unet.exit_code, 0) << unet.output;
  EXPECT_TRUE(contains(unet.output, "detect: 0 particles in 1 hologram")) << unet.output;
}

// evaluate's outputs are checked before anything is read or scored.
TEST(Cli, EvaluateRefusesOutputsItCannotWriteBeforeScoring) {
  TempDir dir;
  const auto truth_file = (test::samples_dir() / "synth_1024_a.nc").string();
  const std::string base = "evaluate --truth " + truth_file + " --pred " + truth_file;
  test::write_text(dir / "file", "x");
  const struct {
    std::string arguments, message;
  } cases[] = {
      {" --json " + (dir / "nodir" / "s.json").string(), "no such folder"},
      {" --json " + (dir / "s.txt").string(), "unknown format '.txt'"},
      {" --json " + truth_file, "unknown format '.nc'"},
      {" --plots " + (dir / "file").string(), "is a file"},
      {" --plots " + (dir / "file" / "sub").string(), "cannot be made"},
  };
  for (const auto& c : cases) {
    const auto refused = run_holodet(base + c.arguments);
    EXPECT_EQ(refused.exit_code, 2) << c.arguments << "\n" << refused.output;
    EXPECT_TRUE(contains(refused.output, c.message)) << c.arguments << "\n" << refused.output;
    EXPECT_FALSE(contains(refused.output, "overall")) << refused.output;  // nothing scored
  }
}

// Runs `script` in a private mount namespace with a small tmpfs at `mount_point` (`options`:
// tmpfs mount options); nullopt where this machine cannot mount one (no privileges).
std::optional<test::CommandResult> run_on_tmpfs(const std::filesystem::path& mount_point,
                                                const std::string& options,
                                                const std::string& script) {
  const auto probe = test::run_shell("unshare -m sh -c 'mount -t tmpfs -o size=16k tmpfs " +
                                     mount_point.string() + "'");
  if (probe.exit_code != 0) {
    return std::nullopt;
  }
  return test::run_shell("unshare -m sh -c 'mount -t tmpfs -o " + options + " tmpfs " +
                         mount_point.string() + " && " + script + "'");
}

// A disk that fills up mid-write: exit 1 saying so, no crash at exit (HDF5 once segfaulted
// closing a file whose close had failed), and no file, whole or partial, left behind.
TEST(Cli, AFullDiskEndsWithExit1SayingSoAndNothingLeft) {
  TempDir dir;
  const std::filesystem::path disk = dir / "disk";
  std::filesystem::create_directory(disk);
  const std::string holodet = HOLODET_CLI_PATH;
  const auto sample = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  const std::string d = disk.string();
  // `filler` bytes of 60 kB taken: the archive and the NetCDF table start and cannot finish
  // (HDF5's close fails), the CSV table finds no room at all.
  const std::pair<std::string, int> cases[] = {
      {"synth --out " + d + "/s.nc --holograms 2 --nx 256 --ny 256 -q", 49152},
      {"detect " + sample + " --method classic --planes 10 -q --out " + d + "/p.nc", 49152},
      {"detect " + sample + " --method classic --planes 10 -q --out " + d + "/p.csv", 61440}};
  for (const auto& [line, filler] : cases) {
    const auto result =
        run_on_tmpfs(disk, "size=60k",
                     "head -c " + std::to_string(filler) + " /dev/zero > " + d + "/filler; " +
                         holodet + " " + line + "; echo exit=$?; ls -A " + disk.string());
    if (!result) {
      GTEST_SKIP() << "cannot mount a tmpfs here (unshare -m, mount): the full-disk case is "
                      "not exercised";
    }
    EXPECT_TRUE(contains(result->output, "exit=1")) << line << "\n" << result->output;
    EXPECT_TRUE(contains(result->output, "the disk is full")) << line << "\n" << result->output;
    EXPECT_FALSE(contains(result->output, "egmentation")) << line << "\n" << result->output;
    const std::string listing = result->output.substr(result->output.find("exit="));
    EXPECT_EQ(listing.substr(listing.find('\n') + 1), "filler\n") << line << "\n" << result->output;
  }
  // Planes that cannot fit are refused before the first one, as a size the user can act on.
  const auto planes = run_on_tmpfs(disk, "size=60k",
                                   holodet + " reconstruct " + sample + " --planes 2 -q --out " +
                                       disk.string() + "/r; echo exit=$?; ls -A " + disk.string());
  ASSERT_TRUE(planes);
  EXPECT_TRUE(contains(planes->output, "the planes need about 3.1 MB, the disk has 61.4 kB free"))
      << planes->output;
  EXPECT_TRUE(contains(planes->output, "exit=2\n")) << planes->output;
  EXPECT_FALSE(contains(planes->output, "exit=2\nr")) << planes->output;  // no folder left
}

// A read-only output folder is the user's to fix: exit 2 from every command, before any
// work, saying it is read-only (not "disk full?").
TEST(Cli, AReadOnlyOutputFolderIsExit2FromEveryCommand) {
  TempDir dir;
  const std::filesystem::path disk = dir / "disk";
  std::filesystem::create_directory(disk);
  const auto sample = (test::samples_dir() / "holodec_fixture_512x384.nc").string();
  const std::string holodet = HOLODET_CLI_PATH;
  const std::string d = disk.string();
  for (const std::string& line :
       {"detect " + sample + " --method classic --planes 10 -q --out " + d + "/p.nc",
        "batch " + sample + " --method classic --planes 10 -q --out " + d + "/b",
        "batch " + sample + " --method classic --planes 10 -q --out " + d,
        "reconstruct " + sample + " --planes 2 -q --out " + d + "/r",
        "synth --out " + d + "/s.nc -q",
        "evaluate --truth " + sample + " --pred " + sample + " --json " + d + "/s.json"}) {
    const auto result = run_on_tmpfs(disk, "ro", holodet + " " + line + "; echo exit=$?");
    if (!result) {
      GTEST_SKIP() << "cannot mount a tmpfs here (unshare -m, mount)";
    }
    EXPECT_TRUE(contains(result->output, "exit=2")) << line << "\n" << result->output;
    EXPECT_TRUE(contains(result->output, "read-only file system")) << line << "\n"
                                                                   << result->output;
  }
}

TEST(Cli, EvaluateRefusesBadInputWithExit2) {
  TempDir dir;
  const auto truth_file = (test::samples_dir() / "synth_1024_a.nc").string();
  const std::string base = "evaluate --truth " + truth_file + " --pred " + truth_file;
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"evaluate --truth " + (dir / "absent.nc").string() + " --pred " + truth_file,
       "absent.nc: no such file"},
      {base + " --z-tol 0", "--z-tol"},
      {base + " --xy-tol -5", "--xy-tol"},
      {base + " --pred " + truth_file + " --pred " + truth_file, "at most two"},
      {base + " --plots " + (dir / "p").string() + " --hologram-image 7", "hologram 7"},
      {base + " --hologram-image 1", "--plots"}};
  for (const auto& [call, message] : calls) {
    const auto result = run_holodet(call);
    EXPECT_EQ(result.exit_code, 2) << call << ": " << result.output;
    EXPECT_TRUE(contains(result.output, message)) << call << ": " << result.output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "p"));
}

}  // namespace
}  // namespace holodet
