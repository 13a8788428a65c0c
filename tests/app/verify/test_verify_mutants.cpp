// The mutation self-test (issue 7): verify must catch every protocol mutant with a counterexample,
// while the unmutated protocol passes (test_verify.cpp). Each case pins the invariant that fires.
#include <doctest/doctest.h>

#include <sstream>

#include "app/scenario/loader.hpp"
#include "app/studies/verify.hpp"

namespace {
namespace st = app::studies;
namespace mm = models::migration;

const mm::Violation& caught(const app::scenario::ScenarioSpec& spec, mm::Mutant mutant, int depth = 1) {
  static thread_local st::VerifyResult r;
  r = st::verify_scenario(spec, "scenarios", {.depth = depth, .jobs = 2, .mutant = mutant});
  REQUIRE(r.counterexample() != nullptr);
  std::ostringstream out;
  st::write_verify_summary(r, out);
  CHECK(out.str().find("minimal counterexample") != std::string::npos);
  CHECK(out.str().find("0 violations") == std::string::npos);
  return *r.counterexample()->violation;
}
}  // namespace

TEST_CASE("verify catches every mutant") {
  const auto quick = app::scenario::load_scenario_file("scenarios/quickstart.json");
  SUBCASE("skip_source_cleanup: the fault-free run already shows it") {
    const auto& v = caught(quick, mm::Mutant::skip_source_cleanup, 0);
    CHECK(v.invariant == 3);
    CHECK(v.message.find("completed but the source still holds [sysA ") == 0);
  }
  SUBCASE("early_resume") {
    const auto& v = caught(quick, mm::Mutant::early_resume, 0);
    CHECK(v.invariant == 2);
    CHECK(v.message == "resumed on sysB before the blackout transfer ended: the destination runs on stale state");
    CHECK(!v.trace_tail.empty());
  }
  SUBCASE("early_source_free") {
    const auto& v = caught(quick, mm::Mutant::early_source_free, 0);
    CHECK(v.invariant == 3);
    CHECK(v.message.find("sysA freed db01 in state ") == 0);
  }
  SUBCASE("rollback_after_resume needs a fault after resume") {
    const auto r0 = st::verify_scenario(quick, "scenarios", {.depth = 0, .mutant = mm::Mutant::rollback_after_resume});
    CHECK(r0.violations() == 0);
    const auto& v = caught(quick, mm::Mutant::rollback_after_resume);
    CHECK(v.invariant == 1);
  }
  SUBCASE("ignore_msp_limit: one migration already shows the token imbalance") {
    const auto& v = caught(quick, mm::Mutant::ignore_msp_limit, 0);
    CHECK(v.invariant == 3);
    CHECK(v.message == "db01#1 was admitted but MSP sysA/sysA-vios1 holds no LPM operation for it "
                       "(cfg_msp_lpm_ops not accounted)");
  }
  SUBCASE("ignore_msp_limit with more migrations than cfg_msp_lpm_ops: caught at the first one") {
    auto legacy = app::scenario::load_scenario_file("scenarios/legacy-1gbe.json");
    for (auto& s : legacy.managed_systems) {
      for (auto& v : s.vios) {
        if (v.config.msp) v.config.msp_config.cfg_msp_lpm_ops = 2;
      }
    }
    const auto clean = st::verify_scenario(legacy, "scenarios", {.depth = 0});
    CHECK(clean.violations() == 0);
    const auto& v = caught(legacy, mm::Mutant::ignore_msp_limit, 0);
    CHECK(v.invariant == 3);
    CHECK(v.message.find("holds no LPM operation for it (cfg_msp_lpm_ops not accounted)") != std::string::npos);
  }
}
