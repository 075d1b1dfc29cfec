#include <cstdio>
#include <memory>

#include "commands.h"
#include "holodet/train/train_job.h"
#include "option_checks.h"

namespace holodet::tools {
namespace {

struct TrainOptions {
  std::vector<std::string> data;
  std::string out;
  int steps = 0;
  bool resume = false;
};

int run_train_command(const TrainOptions& options, const GlobalOptions& global,
                      const std::string& command_line) {
  const config::Config config = build_config(
      global, {{"train.steps", options.steps > 0 ? std::to_string(options.steps) : "", "--steps"}});
  train::TrainRequest request;
  request.data.assign(options.data.begin(), options.data.end());
  request.out = options.out;
  request.resume = options.resume;
  request.command_line = command_line;
  request.quiet = global.quiet;
  const train::TrainSummary summary = train::run_train(request, config);
  if (!global.quiet) {
    std::fprintf(stderr,
                 "train: wrote %s: %lld parameters, %.2f GMAC per 512 x 512 tile; loss %.4f -> "
                 "%.4f over steps %d-%d in %.0f s on %s (data %.0f s)\n",
                 options.out.c_str(), static_cast<long long>(summary.parameters),
                 static_cast<double>(summary.multiply_adds_per_512_tile) * 1e-9, summary.first_loss,
                 summary.last_loss, summary.first_step + 1, config.train.steps,
                 summary.train_seconds, summary.device.c_str(), summary.data_seconds);
    if (!summary.validations.empty()) {
      const auto& last = summary.validations.back();
      std::fprintf(stderr,
                   "validation: Dice %.3f, positives found %.1f %%, negatives clean %.1f %% "
                   "(%zu tiles)\n",
                   last.dice, 100 * last.positive_found, 100 * last.negative_clean,
                   summary.validation_tiles);
    }
  }
  return 0;
}

}  // namespace

Command add_train_command(CLI::App& app, const GlobalOptions& global,
                          const std::string& command_line) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* command = app.add_subcommand(
      "train",
      "Train the U-Net on synthetic archives (holodet synth) and write its weight file; "
      "the train.* configuration keys set the data sampling, network and optimiser");
  command->add_option("--data", options->data, "Training archives with particle tables")
      ->required();
  command->add_option("--out", options->out, "Model file to write (.h5)")->required();
  command->add_option("--steps", options->steps, "Optimiser steps (default: train.steps)")
      ->check(at_least(1));
  command->add_flag("--resume", options->resume,
                    "Continue from <out>.checkpoint.h5 (and <out>.optimizer.pt)");
  return {command, [options, &global, command_line] {
            return run_train_command(*options, global, command_line);
          }};
}

}  // namespace holodet::tools
