// Subcommands whose stages later issues build. Their arguments are parsed and documented now,
// so scripts and --help are stable; running one says so and exits 2.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"

namespace holodet::tools {
namespace {

// Holds the parsed values so CLI11 can validate types and required options.
struct PendingValues {
  std::vector<std::string> files;
  std::string text_a, text_b, text_c;
  int int_a = 0;
  bool flag_a = false;
};

CommandRunner not_built(const std::string& name) {
  return [name] {
    std::fprintf(stderr, "holodet %s: not built yet in this version\n", name.c_str());
    return 2;
  };
}

}  // namespace

std::vector<Command> add_pending_commands(CLI::App& app) {
  auto v = std::make_shared<PendingValues>();
  std::vector<Command> commands;

  CLI::App* batch = app.add_subcommand("batch", "Process whole archives, resumably");
  batch->add_option("FILES", v->files, "Archives")->required();
  batch->add_option("--out", v->text_a, "Output folder")->required();
  batch->add_option("--method", v->text_b, "unet | classic")
      ->check(CLI::IsMember({"unet", "classic"}));
  batch->add_option("--devices", v->text_c, "auto | cpu | 0,1,...");
  batch->add_option("--workers-per-device", v->int_a, "Workers per device");
  batch->add_flag("--resume", v->flag_a, "Continue an interrupted run");
  commands.emplace_back(batch, not_built("batch"));

  return commands;
}

}  // namespace holodet::tools
