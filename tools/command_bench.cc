#include <charconv>
#include <cstdio>
#include <memory>

#include "commands.h"
#include "holodet/core/error.h"
#include "holodet/core/hologram_ids.h"
#include "holodet/io/output_paths.h"
#include "holodet/pipeline/bench_job.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct BenchOptions {
  std::string file;
  std::string synthetic;
  int particles = 50;
  std::string hologram = "1";
  int planes = 0;
  std::string method = "classic";
  std::string model;
  std::string devices;
  int repeat = 3;
  std::string json;
  bool compare_torch = false;
};

// "4872x3248" → (4872, 3248).
std::pair<std::size_t, std::size_t> parse_size(const std::string& text) {
  const std::size_t cross = text.find('x');
  std::size_t nx = 0, ny = 0;
  const bool ok =
      cross != std::string::npos &&
      std::from_chars(text.data(), text.data() + cross, nx).ec == std::errc() &&
      std::from_chars(text.data() + cross + 1, text.data() + text.size(), ny).ec == std::errc() &&
      nx >= 16 && ny >= 16;
  if (!ok) {
    throw bad_input("--synthetic " + text +
                    ": expected NXxNY with both at least 16, e.g. 4872x3248");
  }
  return {nx, ny};
}

int run_bench(const BenchOptions& options, const GlobalOptions& global) {
  if (options.file.empty() == options.synthetic.empty()) {
    throw bad_input("bench: give either FILE or --synthetic NXxNY");
  }
  const config::Config config =
      build_config(global, {{"reconstruction.planes",
                             options.planes > 0 ? std::to_string(options.planes) : "", "--planes"},
                            {"runtime.device", options.devices, "--devices"},
                            {"unet.model", options.model, "--model"}});
  pipeline::BenchRequest request;
  request.input = options.file;
  const auto hids = parse_hologram_ids(options.hologram, "--hologram");
  if (!hids || hids->size() != 1) {
    throw bad_input("--hologram " + options.hologram +
                    ": bench times one hologram; give one id (e.g. --hologram 3)");
  }
  request.hid = hids->front();
  if (!options.json.empty()) {  // checked before the timed runs, never one of the inputs
    const std::vector<std::filesystem::path> inputs =
        options.file.empty() ? std::vector<std::filesystem::path>{}
                             : std::vector<std::filesystem::path>{options.file};
    io::check_output_file(options.json, "--json", {".json"}, inputs);
  }
  if (!options.synthetic.empty()) {
    std::tie(request.synthetic_x, request.synthetic_y) = parse_size(options.synthetic);
  }
  request.particles = options.particles;
  request.method = options.method;
  request.repeat = options.repeat;
  request.compare_torch = options.compare_torch;
  request.quiet = global.quiet;
  const pipeline::BenchReport report = pipeline::run_bench(request, config);
  std::printf("%s", pipeline::bench_table(report).c_str());
  if (!options.json.empty()) {
    pipeline::write_bench_json(options.json, report);
  }
  return 0;
}

}  // namespace

Command add_bench_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* command = app.add_subcommand(
      "bench",
      "Throughput of the real pipeline on one hologram: seconds per stage (median, "
      "min, max over --repeat runs after a warm-up), planes per second, the "
      "propagation against its memory floor, and with --compare-torch against a plain "
      "LibTorch propagation of the same padded size on the same device");
  command->add_option("FILE", options->file, "Archive or image (or use --synthetic)");
  command->add_option("--synthetic", options->synthetic, "NXxNY: a simulated hologram");
  command->add_option("--particles", options->particles, "Particles in the synthetic hologram")
      ->check(at_least(0));
  command->add_option("--hologram", options->hologram, "Hologram id in FILE (default 1)");
  command->add_option("--planes", options->planes, "Planes (default: reconstruction.planes)")
      ->check(at_least(1));
  command->add_option("--model", options->model,
                      "Model for --method unet (default: the shipped one)");
  command->add_option("--method", options->method, "classic | unet")
      ->check(CLI::IsMember({"unet", "classic"}));
  command->add_option("--devices", options->devices, "auto | cpu | cuda | cuda:N");
  command->add_option("--repeat", options->repeat, "Timed runs after the warm-up (default 3)")
      ->check(at_least(1));
  command->add_option("--json", options->json, "Write the figures as JSON");
  command->add_flag("--compare-torch", options->compare_torch,
                    "Also time a plain LibTorch propagation (key \"ratio\" in the JSON)");
  return {command, [options, &global] { return run_bench(*options, global); }};
}

}  // namespace holodet::tools
