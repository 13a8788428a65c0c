#include <doctest/doctest.h>

#include <vector>

#include "sim/check.hpp"
#include "sim/engine.hpp"

using namespace sim::literals;

TEST_CASE("now() advances to each event, FIFO at equal times") {
  sim::Engine e;
  std::vector<std::pair<std::int64_t, int>> seen;
  e.schedule_in(1_s, [&] { seen.emplace_back(e.now().ns(), 1); });
  e.schedule_in(1_s, [&] {
    seen.emplace_back(e.now().ns(), 2);
    e.schedule_in(0_s, [&] { seen.emplace_back(e.now().ns(), 4); });  // after everything already at 1 s
  });
  e.schedule_in(1_s, [&] { seen.emplace_back(e.now().ns(), 3); });
  e.schedule_in(500_ms, [&] { seen.emplace_back(e.now().ns(), 0); });
  e.run();
  CHECK(seen == std::vector<std::pair<std::int64_t, int>>{
                    {500'000'000, 0}, {1'000'000'000, 1}, {1'000'000'000, 2}, {1'000'000'000, 3}, {1'000'000'000, 4}});
  CHECK(e.events_executed() == 5);
  CHECK(e.now() == sim::Time::zero() + 1_s);
}

TEST_CASE("cancel before firing, after firing, and twice") {
  sim::Engine e;
  int fired = 0;
  const auto a = e.schedule_in(1_s, [&] { ++fired; });
  const auto b = e.schedule_in(2_s, [&] { ++fired; });
  SUBCASE("before firing") {
    CHECK(e.cancel(b));
    e.run();
    CHECK(fired == 1);
  }
  SUBCASE("after firing") {
    e.run_until(sim::Time::zero() + 1_s);
    CHECK(fired == 1);
    CHECK_FALSE(e.cancel(a));
    e.run();
    CHECK(fired == 2);
  }
  SUBCASE("twice") {
    CHECK(e.cancel(a));
    CHECK_FALSE(e.cancel(a));
    e.run();
    CHECK(fired == 1);
  }
  SUBCASE("an event cancels a later one") {
    e.schedule_in(1500_ms, [&] { CHECK(e.cancel(b)); });
    e.run();
    CHECK(fired == 1);
  }
}

TEST_CASE("run_until fires events at the boundary and sets now to it") {
  sim::Engine e;
  std::vector<int> fired;
  e.schedule_in(1_s, [&] { fired.push_back(1); });
  e.schedule_in(2_s, [&] { fired.push_back(2); });
  e.schedule_in(2_s + 1_ns, [&] { fired.push_back(3); });
  e.run_until(sim::Time::zero() + 2_s);
  CHECK(fired == std::vector<int>{1, 2});
  CHECK(e.now() == sim::Time::zero() + 2_s);
  CHECK(e.pending_events() == 1);
  e.run_until(sim::Time::zero() + 10_s);
  CHECK(fired == std::vector<int>{1, 2, 3});
  CHECK(e.now() == sim::Time::zero() + 10_s);
  e.run_until(sim::Time::zero() + 10_s);  // idempotent at the same instant
  CHECK(e.now() == sim::Time::zero() + 10_s);
}

TEST_CASE("stop() ends run() after the current event") {
  sim::Engine e;
  int fired = 0;
  e.schedule_in(1_s, [&] { ++fired; e.stop(); });
  e.schedule_in(2_s, [&] { ++fired; });
  e.run();
  CHECK(fired == 1);
  CHECK(e.now() == sim::Time::zero() + 1_s);
  e.run();  // resumes
  CHECK(fired == 2);
}

TEST_CASE("scheduling in the past is refused with the simulated time") {
  sim::Engine e;
  e.schedule_in(5_s, [] {});
  e.run();
  try {
    e.schedule_at(sim::Time::zero() + 1_s, [] {});
    FAIL("accepted an event in the past");
  } catch (const sim::CheckFailed& err) {
    CHECK(err.at() == sim::Time::zero() + 5_s);
    CHECK(err.component() == "engine");
    CHECK(std::string(err.what()).find("internal check failed at t=5s in engine: event scheduled in the past (at 1s, now 5s)") == 0);
  }
  CHECK_THROWS_AS(e.schedule_in(-(1_ns), [] {}), sim::CheckFailed);
  CHECK_THROWS_AS(e.run_until(sim::Time::zero()), sim::CheckFailed);
}
