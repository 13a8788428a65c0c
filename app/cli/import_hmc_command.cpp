// `lpmsim import-hmc FILE… -o scenario.json`: reads HMC listings (lssyscfg, lshwres, lslparmigr;
// app/hmc_import/HMC_IMPORT.md), writes a scenario, prints every value it had to assume with the
// key to change, and checks the result with the scenario loader. Exit 0; 2 on bad input (file:line:
// command: attribute: what was expected), or when the listings make an invalid scenario.
#include <fmt/core.h>


#include "app/cli/command.hpp"
#include "app/hmc_import/estate_import.hpp"
#include "app/report/output_file.hpp"
#include "app/scenario/loader.hpp"

namespace app::cli {

namespace {

struct ImportArgs {
  std::vector<std::string> files;
  std::string output;
  std::string memory_in_use;
};

int import_hmc(const ImportArgs& a) {
  hmc_import::ImportProblems problems;
  std::vector<hmc_import::HmcListing> listings;
  report::OutputSet files;  // the scenario written may not replace a listing read
  for (const auto& file : a.files) files.add_input("the listing file", file);
  files.add_output("--output", a.output);
  files.check();
  for (const auto& file : a.files) {
    auto more = hmc_import::read_hmc_listings(file, problems);
    listings.insert(listings.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
  }
  const auto in_use = a.memory_in_use.empty()
                          ? hmc_import::MemoryInUse{}
                          : hmc_import::read_memory_in_use(a.memory_in_use, problems);
  const auto estate = hmc_import::import_estate(listings, problems, in_use);
  for (const auto& w : problems.warnings())
    fmt::print(stderr, "warning: {}\n", w);
  if (!problems.errors().empty()) {
    for (const auto& e : problems.errors())
      fmt::print(stderr, "{}\n", e);
    fmt::print(stderr, "lpmsim import-hmc: {} problem{} in the listings; no scenario written\n",
               problems.errors().size(), problems.errors().size() == 1 ? "" : "s");
    return 2;
  }
  const std::string text = estate.scenario.dump(2) + "\n";
  try {
    const auto parent = std::filesystem::path(a.output).parent_path();
    scenario::load_scenario_text(text, a.output, parent.empty() ? "." : parent);
  } catch (const scenario::ScenarioError& e) {
    for (const auto& d : e.diagnostics())
      fmt::print(stderr, "{}\n", d.format());
    fmt::print(stderr,
               "lpmsim import-hmc: the listings describe a scenario lpmsim cannot accept ({} "
               "problem{} above: lines are those of the scenario it would write, the pointer "
               "names the key, app/hmc_import/HMC_IMPORT.md the attribute behind it); no "
               "scenario written\n",
               e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
    return 2;
  }
  report::write_output_file(a.output, text);  // atomic and checked (issue 15)
  const auto& s = estate.scenario["managed_systems"];
  std::size_t lpars = 0, vios = 0;
  for (const auto& m : s)
    lpars += m["lpars"].size(), vios += m["vios"].size();
  fmt::print("{}: {} systems, {} LPARs, {} VIOS from {} listing(s) in {} file(s)\n", a.output,
             s.size(), lpars, vios, listings.size(), a.files.size());
  if (const auto& blocked = estate.not_migratable; !blocked.empty()) {
    fmt::print("{} partition{} with dedicated physical I/O (also in the scenario's description; "
               "left out of the assumed actions):\n",
               blocked.size(), blocked.size() == 1 ? "" : "s");
    for (const auto& line : blocked)
      fmt::print("  {}\n", line);
  }
  const auto lines = hmc_import::assumption_lines(estate);
  fmt::print("{} value{} assumed or missing (also in the scenario's description):\n", lines.size(),
             lines.size() == 1 ? "" : "s");
  for (const auto& line : lines)
    fmt::print("  {}\n", line);
  return 0;
}

} // namespace

CommandAction register_import_hmc_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "import-hmc", "Write a scenario from HMC listings (lssyscfg, lshwres, lslparmigr output)");
  auto a = std::make_shared<ImportArgs>();
  cmd->add_option("files", a->files,
                  "files holding HMC command output, each opened by '# <command>'")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", a->output, "the scenario file to write")->required();
  cmd->add_option("--memory-in-use", a->memory_in_use,
                  "CSV lpar,memory_in_use_mb: sets each partition's touched_fraction")
      ->check(CLI::ExistingFile);
  return [cmd, a]() { return cmd->parsed() ? import_hmc(*a) : -1; };
}

} // namespace app::cli
