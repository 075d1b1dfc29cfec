#include "batch_merge.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <system_error>
#include <vector>

#include "holodet/core/diagnostics.h"
#include "holodet/io/batch_journal.h"
#include "holodet/io/batch_results.h"
#include "holodet/io/hologram_input.h"
#include "holodet/io/results_metadata.h"
#include "holodet/pipeline/stats_job.h"
#include "holodet/products/products_netcdf.h"

namespace holodet::pipeline {

bool finish_archive(const BatchRequest& request, const ArchivePlan& plan,
                    const config::Config& config, const std::string& method,
                    const std::string& model) {
  std::vector<io::HologramOutcome> outcomes;
  std::vector<std::filesystem::path> journals;
  for (int rank = 0; rank < request.ranks.size; ++rank) {
    const std::filesystem::path journal =
        batch_journal_path(request.out_dir, plan.input, rank, request.ranks.size);
    std::error_code error;
    if (!std::filesystem::exists(journal, error)) {
      continue;
    }
    std::vector<io::HologramOutcome> read = io::read_journal(journal, plan.identity);
    outcomes.insert(outcomes.end(), std::make_move_iterator(read.begin()),
                    std::make_move_iterator(read.end()));
    journals.push_back(journal);
  }
  const std::vector<io::HologramOutcome> latest = io::latest_by_hid(outcomes);
  if (latest.size() != plan.holograms) {
    return false;
  }
  io::ParticleTable particles;
  std::vector<io::HologramRecord> records;
  std::vector<int> covered;
  std::size_t failed = 0;
  for (const io::HologramOutcome& outcome : latest) {
    if (outcome.particles.size() > 0 || particles.extra.empty()) {
      particles.append_rows(outcome.particles);
    }
    records.push_back(outcome.record);
    failed += outcome.record.status == "ok" ? 0 : 1;
    if (outcome.record.status == "ok") {
      covered.push_back(outcome.record.hid);  // a failed hologram's particles are not there
    }
  }
  std::sort(covered.begin(), covered.end());
  particles.holograms = covered;
  const io::HologramInput input(plan.input, config.requested_optics());
  io::Attributes attributes = io::results_attributes(
      {input.description().optics, method, model, request.command_line, plan.input.string()});
  attributes.emplace_back("config", config::to_yaml(config));
  attributes.emplace_back("holograms", static_cast<std::int64_t>(records.size()));
  attributes.emplace_back("holograms_failed", static_cast<std::int64_t>(failed));
  attributes.emplace_back("mpi_ranks", static_cast<std::int64_t>(request.ranks.size));
  const products::Products made =
      archive_products(particles, records, input.description().size_x, input.description().size_y,
                       input.description().optics, input.hologram_times(), config);
  for (auto& attribute : products::product_attributes(made)) {
    attributes.push_back(std::move(attribute));
  }
  io::write_batch_results(
      plan.results, particles, records, attributes,
      [&made](io::NetcdfWriter& writer) { products::put_products(writer, made); });
  if (!request.quiet) {
    say(Said::kInfo, plan.results.filename().string() + ": " + describe_products(made));
  }
  for (const std::filesystem::path& journal : journals) {
    std::error_code error;
    std::filesystem::remove(journal, error);
  }
  return true;
}

}  // namespace holodet::pipeline
