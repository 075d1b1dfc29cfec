// holodet: finds particles in HOLODEC holograms. This file only wires the subcommands and
// turns errors into exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <new>

#include "commands.h"
#include "global_options.h"
#include "holodet/core/error.h"
#include "holodet/core/version.h"
#include "holodet/io/results_metadata.h"
#include "stderr_diagnostics.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitBadInput = 2;

}  // namespace

int main(int argc, char** argv) {
  using namespace holodet::tools;
  install_stderr_diagnostics();
  CLI::App app{"holodet " + holodet::version() +
               ": find particles in HOLODEC holograms.\n"
               "Holograms are addressed by their 1-based hid, as in the archives; positions and "
               "sizes are in um, x and y from the image centre, z from the sensor."};
  app.set_version_flag("--version", holodet::build_description());
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  GlobalOptions global;
  const std::string command_line = holodet::io::join_command_line(argc, argv);
  add_global_options(app, global);

  std::vector<Command> commands = {
      add_info_command(app, global), add_reconstruct_command(app, global, command_line),
      add_synth_command(app, global), add_detect_command(app, global, command_line)};
  commands.push_back(add_evaluate_command(app, global));
  commands.push_back(add_bench_command(app, global));
  commands.push_back(add_train_command(app, global, command_line));
  commands.push_back(add_batch_command(app, global, command_line));
  commands.push_back(add_stats_command(app, global, command_line));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitBadInput;
  }

  try {
    for (const auto& [command, run] : commands) {
      if (command->parsed()) {
        return run();
      }
    }
    return kExitBadInput;
  } catch (const holodet::Error& error) {
    std::fprintf(stderr, "holodet: error: %s\n", error.what());
    return error.kind() == holodet::ErrorKind::kBadInput ? kExitBadInput : kExitRuntime;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "holodet: error: out of memory\n");
    return kExitRuntime;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "holodet: error: %s\n", error.what());
    return kExitRuntime;
  }
}
