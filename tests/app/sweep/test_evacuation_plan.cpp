// Evacuation planning on scenarios/evacuation-20.json: the chosen plan is the fastest of the
// candidates that keep every blackout under the bound; a tight bound rules out high concurrency.
#include <doctest/doctest.h>

#include "app/scenario/loader.hpp"
#include "app/studies/evacuation_plan.hpp"

using namespace app::studies;

TEST_CASE("plan-evacuation picks the fastest plan under the blackout bound") {
  const auto spec = app::scenario::load_scenario_file("scenarios/evacuation-20.json");
  EvacuationOptions o;
  o.system = "evA";
  o.max_blackout = sim::Duration::from_ns(90'000'000);
  const auto plan = plan_evacuation(spec, "scenarios", o);
  CHECK(plan.candidates.size() == 5 * 4);
  REQUIRE(plan.best.feasible());
  CHECK(plan.best.migrations.size() == 20);
  for (const auto& c : plan.candidates) {
    if (c.feasible()) CHECK(plan.best.makespan_s <= c.makespan_s);
    if (c.concurrency == 8) CHECK_FALSE(c.feasible());  // 8 at once: blackouts above 90 ms
  }
  for (const auto& m : plan.best.migrations) {
    CHECK(m.completed);
    CHECK(m.blackout_s <= 0.090);
    CHECK(m.command == "migrlpar -o m -m evA -t evB -p " + m.lpar);
  }
  // Without a bound, more concurrency is never slower here.
  o.max_blackout.reset();
  CHECK(plan_evacuation(spec, "scenarios", o).best.makespan_s <= plan.best.makespan_s);
  o.system = "nope";
  CHECK_THROWS_WITH_AS(plan_evacuation(spec, "scenarios", o), "no managed system named nope",
                       std::invalid_argument);
}
