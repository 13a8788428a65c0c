// app::studies verify: fault-space exploration of one scenario (issue 7, ARCHITECTURE §4/§5).
// A fault-free baseline run finds each migration's pre-copy passes and timings; then every plan
// = fault kind × protocol point (states entered, pass ends, mid-pass, mid post-copy), and pairs
// of them up to `depth`, is one deterministic Simulation with an InvariantChecker attached.
// Failed migrations get `migrlpar -o r` after the run. Used by `lpmsim verify`, tests, bench.
//   auto result = app::studies::verify_scenario(spec, "scenarios", {.depth = 1});
//   app::studies::write_verify_summary(result, std::cout);  // "0 violations"
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "app/scenario/spec.hpp"
#include "models/migration/fault_injector.hpp"
#include "models/migration/invariant_checker.hpp"
#include "models/migration/mutant.hpp"

namespace app::studies {

// Each plan is a simulation whose result is kept until the summary: more plans than this are
// refused before the first one runs (a bad --depth for the scenario, not a bug).
inline constexpr double kMaxVerifyPlans = 200'000;

class VerifyBoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct VerifyOptions {
  int depth = 1;                 // faults per plan, at most
  unsigned jobs = 0;             // threads; 0 = all cores
  models::migration::Mutant mutant = models::migration::Mutant::none;
  std::size_t trace_tail = 30;   // trace records kept for a counterexample
  // Called after each plan (plans done, plans in all), from one thread at a time.
  std::function<void(std::size_t, std::size_t)> progress = nullptr;
};

// One injectable fault with a printable label ("msp_crash sysA/sysA-vios1 @ db01 pass 2 end").
struct PlannedFault {
  models::migration::FaultPlan plan;
  std::string kind;   // table row: fault kind label
  std::string point;  // table column: protocol point label
  std::string lpar;   // the migration whose protocol point it is (the --summary rows)
};

struct PlanResult {
  std::vector<PlannedFault> faults;  // empty: the fault-free baseline
  std::vector<std::string> outcomes;  // per migration: "Completed", "Failed→Recovered", …
  std::optional<models::migration::Violation> violation;
};

struct VerifyResult {
  std::string scenario;
  std::size_t migrations = 0;
  std::size_t fault_kinds = 0;
  std::size_t points = 0;
  int depth = 1;
  models::migration::Mutant mutant = models::migration::Mutant::none;
  std::vector<PlanResult> plans;  // in plan order (independent of the number of jobs)
  std::map<std::pair<models::migration::MigrationState, models::migration::MigrationState>, std::int64_t> transitions;
  std::size_t violations() const;
  // The first violating plan in plan order: fewest faults, then earliest point.
  const PlanResult* counterexample() const;
};

// Throws VerifyBoundError when the plans would exceed kMaxVerifyPlans.
VerifyResult verify_scenario(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir,
                             const VerifyOptions& options);

// Plans explored, the outcome table (kind × point), totals, the coverage line, then "0
// violations" or the minimal counterexample with its trace tail.
void write_verify_summary(const VerifyResult& result, std::ostream& out);
// The same verdict in a few lines: outcomes per LPAR and per component hit (system, VIOS, MSP,
// link, HMC), the coverage line and the verdict (`lpmsim verify --summary`, the default on a
// terminal).
void write_verify_digest(const VerifyResult& result, std::ostream& out);
// "coverage: …": which migration states the plans reached and which never; a warning per mutant
// whose path no plan takes (it cannot be caught on this scenario).
void write_coverage(const VerifyResult& result, std::ostream& out);
// The reachable migration-state graph seen during exploration (Graphviz, Boost.Graph).
void write_state_graph(const VerifyResult& result, std::ostream& out);

}  // namespace app::studies
