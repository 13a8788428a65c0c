// lpmsim verify on the quickstart: the unmutated protocol passes every depth-1 plan, the output
// is the same for any number of jobs, and the state graph shows the protocol's paths.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"
#include "app/studies/verify.hpp"
#include "sim/check.hpp"

namespace {
namespace st = app::studies;
using models::migration::MigrationState;

app::scenario::ScenarioSpec quickstart() { return app::scenario::load_scenario_file("scenarios/quickstart.json"); }
}  // namespace

TEST_CASE("verify: quickstart at depth 1 has no violation") {
  const auto spec = quickstart();
  const st::VerifyResult r = st::verify_scenario(spec, "scenarios", {.depth = 1, .jobs = 2});
  CHECK(r.migrations == 1);
  // 9 kinds + link down (permanent, 30 s) on both links of the MSP path + 2 reboots (issue 16)
  CHECK(r.fault_kinds == 15);
  // 1 fault-free plan + kinds × points, the points being 7 states + 2 per pre-copy pass + mid post-copy.
  CHECK(r.plans.size() == 1 + r.fault_kinds * r.points);
  CHECK(r.points >= 10);
  CHECK(r.violations() == 0);
  CHECK(r.counterexample() == nullptr);
  std::ostringstream out;
  st::write_verify_summary(r, out);
  CHECK(out.str().find("plans explored: " + std::to_string(r.plans.size()) + " (depth 1, 1 migration") == 0);
  CHECK(out.str().find("\n0 violations\n") != std::string::npos);
  CHECK(out.str().find("\n(no fault) ") != std::string::npos);
  CHECK(out.str().find("\nlink_down sysB-uplink for 30s @ mid pass 1 ") != std::string::npos);
  // Every legal outcome family is reached by some plan.
  CHECK(out.str().find("totals: Completed ") != std::string::npos);
  CHECK(out.str().find("Failed→Recovered") != std::string::npos);
  CHECK(out.str().find("RolledBack") != std::string::npos);
  // The reachable graph contains the happy path and the failure paths.
  CHECK(r.transitions.count({MigrationState::resumed, MigrationState::completing}) == 1);
  CHECK(r.transitions.count({MigrationState::precopy, MigrationState::stopping}) == 1);
  CHECK(r.transitions.count({MigrationState::resumed, MigrationState::failed}) == 1);
  CHECK(r.transitions.count({MigrationState::failed, MigrationState::recovering}) == 1);
  CHECK(r.transitions.count({MigrationState::resumed, MigrationState::rolled_back}) == 0);
}

TEST_CASE("verify: results do not depend on the number of jobs") {
  const auto spec = quickstart();
  std::ostringstream one, two, graph_one, graph_two;
  const auto r1 = st::verify_scenario(spec, "scenarios", {.depth = 1, .jobs = 1});
  const auto r2 = st::verify_scenario(spec, "scenarios", {.depth = 1, .jobs = 3});
  st::write_verify_summary(r1, one);
  st::write_verify_summary(r2, two);
  CHECK(one.str() == two.str());
  st::write_state_graph(r1, graph_one);
  st::write_state_graph(r2, graph_two);
  CHECK(graph_one.str() == graph_two.str());
  CHECK(graph_one.str().rfind("digraph G {", 0) == 0);
  CHECK(graph_one.str().find("[label=Completed]") != std::string::npos);
}

TEST_CASE("every lpmsim run checks the cheap invariants: a broken protocol fails the run") {
  const auto spec = quickstart();
  {
    st::Simulation clean(spec, "scenarios");
    CHECK_NOTHROW((void)clean.run());
  }
  st::Simulation broken(spec, "scenarios");
  broken.hmc().set_mutant(models::migration::Mutant::skip_source_cleanup);
  try {
    (void)broken.run();
    FAIL("the run did not notice the source left behind");
  } catch (const sim::CheckFailed& e) {
    CHECK(e.component() == "db01#1");
    CHECK(std::string(e.what()).find("invariant 3 (resources balance) violated: completed but the source still holds [sysA ") !=
          std::string::npos);
  }
  st::RunOptions unchecked;
  unchecked.check_invariants = false;
  st::Simulation silent(spec, "scenarios", unchecked);
  silent.hmc().set_mutant(models::migration::Mutant::skip_source_cleanup);
  CHECK_NOTHROW((void)silent.run());
}

TEST_CASE("the run goes on until every recovery the operator asked for has finished") {
  // Two partitions leave sysA and sysA fails under both: each ends Failed, and `migrlpar -o r` of
  // both must run to Recovered. The run once stopped as soon as the first recovery ended (its
  // end-state cursor had passed the second, Failed, which then left the end states).
  auto doc = nlohmann::json::parse(std::ifstream("scenarios/quickstart.json"));
  auto second = doc["managed_systems"][0]["lpars"][0];
  second["id"] = 11;
  second["name"] = "app02";
  second["memory"] = {{"min", "8GiB"}, {"desired", "16GiB"}, {"max", "32GiB"}};
  second["virtual_adapters"] = nlohmann::json::array({{{"type", "veth"}, {"client_slot", 4}, {"vlan", 100}}});
  doc["managed_systems"][0]["lpars"].push_back(second);
  doc["actions"].push_back(
      {{"at", "10s"}, {"migrlpar", "-o m -m sysA -t sysB -p app02 -i \"dest_msp_name=sysB-vios1,source_msp_name=sysA-vios1\""}});
  doc["faults"] = nlohmann::json::array({{{"kind", "system_failure"}, {"target", "sysA"}, {"at", "40s"}}});  // both preparing
  const auto spec = app::scenario::load_scenario_text(doc.dump(), "two-from-sysA.json", "scenarios");
  st::RunOptions options;
  options.time_series = false;
  st::Simulation sim(spec, "scenarios", options);
  (void)sim.run();
  std::vector<std::string> failed;
  for (const auto& m : sim.hmc().migrations()) {
    if (m->state() == MigrationState::failed) failed.push_back(m->request().lpar);
  }
  REQUIRE(failed.size() == 2);
  for (const auto& lpar : failed) {
    models::migration::MigrationRequest r;
    r.operation = models::migration::MigrlparOperation::recover;
    r.lpar = lpar;
    r.force = true;
    CHECK(sim.hmc().submit(r));
  }
  sim.engine().run();
  for (const auto& m : sim.hmc().migrations()) CHECK(m->state() == MigrationState::recovered);
}

TEST_CASE("issue 16: verify's repairable faults, per-LPAR/component digest and coverage line") {
  const auto spec = quickstart();
  const st::VerifyResult r = st::verify_scenario(spec, "scenarios", {.depth = 1, .jobs = 2});
  CHECK(r.violations() == 0);
  std::ostringstream table, digest;
  st::write_verify_summary(r, table);
  st::write_verify_digest(r, digest);
  CHECK(table.str().find("\nmsp_crash source, reboot 60s @ mid pass 1 ") != std::string::npos);
  CHECK(table.str().find("\nvios_crash destination, reboot 60s @ Suspended ") != std::string::npos);
  CHECK(digest.str().find("\nper LPAR ") != std::string::npos);
  CHECK(digest.str().find("\ndb01 ") != std::string::npos);
  CHECK(digest.str().find("\nsysA/sysA-vios1 ") != std::string::npos);
  CHECK(digest.str().find("\nhmc ") != std::string::npos);
  CHECK(digest.str().find("\n0 violations\n") != std::string::npos);
  // The quickstart's plans take every mutant's path.
  CHECK(table.str().find("coverage: plans reached Validating, Preparing, PreCopy, Suspending, Suspended, Resumed") !=
        std::string::npos);
  CHECK(table.str().find("cannot be caught") == std::string::npos);
}

TEST_CASE("issue 16: verify says when a scenario's plans cannot exercise a mutant's path") {
  const auto spec = app::scenario::load_scenario_file("scenarios/fault-link-down.json");
  const st::VerifyResult r =
      st::verify_scenario(spec, "scenarios", {.depth = 0, .jobs = 1, .mutant = models::migration::Mutant::early_resume});
  std::ostringstream out;
  st::write_verify_summary(r, out);
  CHECK(out.str().find("WARNING: mutant early_resume cannot be caught on this scenario: no plan takes Suspending -> Suspended") !=
        std::string::npos);
}
