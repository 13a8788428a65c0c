// `lpmsim compare-policies FILE --policies powervm,nova,kubevirt,auto_converge [--layer-decides]
// [--set …] [--csv OUT]`: runs the scenario once per management layer (issue 20,
// app/studies/policy_comparison.hpp) and prints, per LPAR, each layer's outcome, total time,
// blackout, post-copy stall, throttled CPU-seconds and what ended the pre-copy, side by side.
// Exit 0; 2 on bad input (scenario, --set, an unknown policy, an output that cannot be written).
#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/report/output_file.hpp"
#include "app/studies/policy_comparison.hpp"

namespace app::cli {

namespace {

struct ComparePoliciesArgs {
  std::string file;
  std::vector<std::string> policies{"powervm", "nova", "kubevirt", "auto_converge"};
  std::vector<std::string> set;
  std::string csv;
  bool layer_decides = false;
};

int compare_policies(const ComparePoliciesArgs& a) {
  const auto spec = load_scenario_or_report(a.file, a.set);
  if (!spec) return 2;
  const auto dir = std::filesystem::path(a.file).parent_path();
  const auto comparison = studies::compare_policies(*spec, dir, a.policies, {.layer_decides = a.layer_decides});
  fmt::print("{} under {} management layer(s){}:\n", a.file, a.policies.size(),
             a.layer_decides ? ", each owning the stop decision" : " above the scenario's stop policy");
  studies::write_policy_table(comparison, std::cout);
  if (!a.csv.empty()) {
    report::OutputFile out(a.csv);
    studies::write_policy_csv(comparison, out.stream());
    out.commit();
  }
  return 0;
}

}  // namespace

CommandAction register_compare_policies_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("compare-policies",
                                 "Run a scenario under several convergence policies (management layers) side by side");
  auto a = std::make_shared<ComparePoliciesArgs>();
  cmd->add_option("file", a->file, "scenario file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--policies", a->policies, "management layers: powervm, nova, kubevirt, auto_converge")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_flag("--layer-decides", a->layer_decides,
                "every layer owns the stop decision (the scenario's stop policy is overruled), as Nova, "
                "KubeVirt and libvirt do over QEMU; powervm keeps the stop policy");
  cmd->add_option("--set", a->set,
                  "what-if: /json/pointer=value patches the scenario first (\"*\" = every element); repeatable");
  cmd->add_option("--csv", a->csv, "write the rows as CSV (one line per LPAR and policy)");
  cmd->footer("Exit codes: 0 success; 2 bad input (scenario, --set, an unknown policy, an unwritable output); "
              "3 internal error (a bug).");
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    return exit_2_on<std::invalid_argument>("compare-policies", [&] { return compare_policies(*a); });
  };
}

}  // namespace app::cli
