// The same scenario under several management layers (issue 20, `lpmsim compare-policies`): each
// run replaces hmc.convergence (and any per-request layer) by one preset of
// models/precopy/convergence_policy.hpp and reports, per LPAR, what each layer made of the
// migration — outcome and what ended it, total time, blackout, post-copy stall, throttled
// CPU-seconds, the application's loss and the cost. Every run is its own Simulation.
//   auto c = app::studies::compare_policies(spec, "scenarios", {"powervm", "nova"}, {});
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"

namespace app::studies {

struct PolicyRunOptions {
  // Every layer owns the stop decision (ConvergenceConfig::owns_stop): the stacks Nova, KubeVirt
  // and libvirt run over QEMU. powervm keeps the scenario's stop policy either way.
  bool layer_decides = false;
};

struct PolicyOutcome {
  std::string policy;
  std::string lpar;
  std::string outcome;   // the verdict's label: "Converged", "Not converged", "Rolled back", …
  std::string ended_by;  // the stop rule, or why it rolled back, or "still migrating at …"
  double total_s = 0;
  std::optional<double> blackout_s;
  double postcopy_s = 0;  // post-copy window
  double stall_s = 0;     // post-copy stall
  double throttled_cpu_s = 0;
  double app_impact_cpu_s = 0;
  double bytes_sent = 0;
  double msp_cpu_s = 0;
  double energy_j = 0;
  int passes = 0;
};

struct PolicyComparison {
  std::vector<std::string> policies;
  std::vector<PolicyOutcome> rows;  // per migration in request order, then per policy as given
};

// Throws std::invalid_argument for an unknown policy name (the message lists the known ones).
PolicyComparison compare_policies(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir,
                                  const std::vector<std::string>& policies, PolicyRunOptions options);

// The side-by-side table, one block per LPAR; and the same rows as CSV (one header line).
void write_policy_table(const PolicyComparison& comparison, std::ostream& out);
void write_policy_csv(const PolicyComparison& comparison, std::ostream& out);

}  // namespace app::studies
