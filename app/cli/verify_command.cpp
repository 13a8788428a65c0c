// `lpmsim verify FILE`: explores the scenario's fault space (app/studies/verify) and checks the
// protocol invariants in every plan. Exit 0 with "0 violations"; 1 with the minimal
// counterexample; 2 on bad input. --mutant (hidden) runs the mutation self-test.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/cli/terminal_progress.hpp"
#include "app/report/output_file.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/verify.hpp"

namespace app::cli {

namespace {

struct VerifyArgs {
  std::string file;
  int depth = 1;
  unsigned jobs = 0;
  std::string graph;
  std::string mutant = "none";
  bool summary = false;
  bool table = false;
};

int verify(const VerifyArgs& a) {
  const auto loaded = load_scenario_or_report(a.file, ScenarioUse{.verify_versions = true});
  if (!loaded) return 2;
  const scenario::ScenarioSpec& spec = *loaded;
  const auto mutant = models::migration::mutant_from_name(a.mutant);
  if (!mutant) {
    fmt::print(stderr, "lpmsim verify: unknown mutant {}\n", a.mutant);
    return 2;
  }
  report::OutputSet files;
  files.add_input("the scenario file", a.file);
  files.add_output("--graph", a.graph);
  files.check();
  std::optional<report::OutputFile> graph;
  if (!a.graph.empty()) graph.emplace(a.graph);
  studies::VerifyOptions options;
  options.depth = a.depth;
  options.jobs = a.jobs;
  options.mutant = *mutant;
  TerminalProgress progress("verify " + a.file, "fault plans");
  options.progress = progress.callback();
  studies::VerifyResult result;
  try {
    result = studies::verify_scenario(spec, std::filesystem::path(a.file).parent_path(), options);
  } catch (const scenario::ScenarioError& e) {
    // What only building the world finds is bad input (exit 2), never an internal error.
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.format());
    return 2;
  }
  progress.clear();
  fmt::print("lpmsim verify {}\n", a.file);
  // The per-LPAR/per-component digest on a terminal, the full table otherwise (or as asked).
  const bool digest = a.summary || (!a.table && isatty(fileno(stdout)) != 0);
  if (digest) studies::write_verify_digest(result, std::cout);
  else studies::write_verify_summary(result, std::cout);
  if (graph) {
    studies::write_state_graph(result, graph->stream());
    graph->commit();
  }
  return result.violations() == 0 ? 0 : 1;
}

}  // namespace

CommandAction register_verify_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("verify", "Inject every fault at every protocol point and check the invariants");
  auto a = std::make_shared<VerifyArgs>();
  cmd->add_option("file", a->file, "scenario file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--depth", a->depth, "faults per plan, at most")->capture_default_str()->check(CLI::Range(0, 3));
  cmd->add_option("--jobs,-j", a->jobs, "threads (0: all cores)")->capture_default_str();
  cmd->add_option("--graph", a->graph, "write the reachable migration-state graph (Graphviz .dot)");
  auto* summary = cmd->add_flag("--summary", a->summary, "outcomes per LPAR and per component (default on a terminal)");
  cmd->add_flag("--table", a->table, "the full fault x point outcome table (default when not a terminal)")->excludes(summary);
  // Hidden (empty group): the mutation self-test of the checker.
  cmd->add_option("--mutant", a->mutant, "protocol mutant")->group("");
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    return exit_2_on<studies::VerifyBoundError>("verify", [&] { return verify(*a); });
  };
}

}  // namespace app::cli
