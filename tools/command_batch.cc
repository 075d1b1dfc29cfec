#include <cstdio>
#include <memory>

#include "commands.h"
#include "holodet/core/counted.h"
#include "holodet/core/error.h"
#include "holodet/core/progress.h"
#include "holodet/pipeline/batch_job.h"
#include "holodet/products/hologram_times.h"
#include "interrupt.h"
#include "mpi_ranks.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct BatchOptions {
  std::vector<std::string> files;
  std::string out;
  std::string method = "auto";
  std::string devices;
  int workers_per_device = 0;
  int planes = 0;
  std::string model;
  bool resume = false;
  std::string interval;
};

void print_summary(const pipeline::BatchSummary& s, const pipeline::BatchRequest& request) {
  const double rate = s.seconds > 0 ? static_cast<double>(s.holograms_done) / s.seconds : 0;
  std::string archives = counted(s.archives, "archive");
  if (s.archives_failed > 0 || s.archives_skipped > 0 || s.archives_unfinished > 0) {
    archives +=
        " (" + std::to_string(s.archives_failed) + " failed, " +
        std::to_string(s.archives_skipped) + " already done" +
        (s.archives_unfinished > 0 ? ", " + std::to_string(s.archives_unfinished) + " unfinished"
                                   : std::string()) +
        ")";
  }
  std::string prefix = "batch";
  if (request.ranks.size > 1) {
    prefix += " rank " + std::to_string(request.ranks.rank);
  }
  std::fprintf(stderr,
               "%s: %s; %s processed (%zu failed), %zu from earlier runs; %s; %s written to "
               "%s; %.1f s, %s; %s on %s\n",
               prefix.c_str(), archives.c_str(), counted(s.holograms_done, "hologram").c_str(),
               s.holograms_failed, s.holograms_resumed, counted(s.particles, "particle").c_str(),
               counted(s.results_written, "results file").c_str(), request.out_dir.string().c_str(),
               s.seconds, rate_text(rate, "holograms").c_str(), s.method.c_str(),
               s.device.empty() ? "-" : s.device.c_str());
  if (s.interrupted) {
    std::fprintf(stderr,
                 "%s: interrupted; the committed holograms are kept: run again with "
                 "--resume to continue\n",
                 prefix.c_str());
  }
}

int run_batch(const BatchOptions& options, const GlobalOptions& global,
              const std::string& command_line) {
  const MpiWorld world;
  const config::Config config = build_config(
      global, {{"runtime.device", options.devices, "--devices"},
               {"runtime.workers_per_device",
                options.workers_per_device > 0 ? std::to_string(options.workers_per_device) : "",
                "--workers-per-device"},
               {"reconstruction.planes", options.planes > 0 ? std::to_string(options.planes) : "",
                "--planes"},
               {"unet.model", options.model, "--model"},
               {"products.interval_s",
                options.interval.empty() ? ""
                                         : std::to_string(products::parse_duration_seconds(
                                               options.interval, "--interval")),
                "--interval"}});
  install_interrupt_handler();
  pipeline::BatchRequest request;
  request.inputs.assign(options.files.begin(), options.files.end());
  request.out_dir = options.out;
  request.method = options.method;
  request.resume = options.resume;
  request.quiet = global.quiet;
  request.command_line = command_line;
  request.ranks = world.ranks();
  request.stop_requested = interrupt_requested;
  pipeline::BatchSummary summary;
  try {
    summary = pipeline::run_batch(request, config);
  } catch (const Error& error) {
    if (request.ranks.size == 1) {
      throw;
    }
    std::fprintf(stderr, "holodet: rank %d: error: %s\n", request.ranks.rank, error.what());
    world.abort(error.kind() == ErrorKind::kBadInput ? 2 : 1);
  }
  int code = pipeline::batch_exit_code(summary);
  if (request.ranks.max_over_ranks) {
    code = request.ranks.max_over_ranks(code);
  }
  if (!global.quiet || code != 0) {
    print_summary(summary, request);
  }
  return code;
}

}  // namespace

Command add_batch_command(CLI::App& app, const GlobalOptions& global,
                          const std::string& command_line) {
  auto options = std::make_shared<BatchOptions>();
  CLI::App* command = app.add_subcommand(
      "batch",
      "Process whole archives: one results file per archive (<name>.particles.nc: particles, "
      "a per-hologram table, the run's settings), each hologram committed as it finishes, "
      "--resume after an interruption. Exit code 0: all done; 2: a hologram or archive "
      "failed (recorded, the rest processed); 130: interrupted");
  command->add_option("FILES", options->files, "Archives (.nc) or hologram images")->required();
  command->add_option("--out", options->out, "Output folder (made if missing)")->required();
  command
      ->add_option("--method", options->method,
                   "unet | classic | auto (default: unet when a model is there)")
      ->check(CLI::IsMember({"unet", "classic", "auto"}));
  command->add_option("--devices", options->devices,
                      "auto | cpu | cuda | 0,1,... (default: runtime.device)");
  command
      ->add_option("--workers-per-device", options->workers_per_device,
                   "Plane workers on each device, or on the CPU (default: "
                   "runtime.workers_per_device, 1)")
      ->check(CLI::Range(1, 64));
  command
      ->add_option("--planes", options->planes,
                   "Planes over the depth range (default: reconstruction.planes, 1000)")
      ->check(at_least(1));
  command->add_option("--model", options->model,
                      "Model for --method unet (default: the shipped model)");
  command->add_option("--interval", options->interval,
                      "Size distributions per time interval of this length (1s, 10s, 1min) "
                      "from the archive's hologram times; default: per hologram "
                      "(docs/PRODUCTS.md)");
  command->add_flag("--resume", options->resume,
                    "Continue an interrupted run from its journals; archives with results "
                    "are skipped");
  return {command,
          [options, &global, command_line] { return run_batch(*options, global, command_line); }};
}

}  // namespace holodet::tools
