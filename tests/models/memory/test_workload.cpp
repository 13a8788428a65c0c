// Workloads: class layout and rates (precopy-models.md §3), and the exposure integral over
// phases, traces and throttling.
#include <doctest/doctest.h>

#include <cmath>

#include "models/memory/workload.hpp"

using namespace models::memory;
using namespace sim::literals;

namespace {
WorkloadConfig make(WorkloadKind kind, double rate) {
  WorkloadConfig c;
  c.kind = kind;
  c.rate = rate;
  return c;
}
const sim::Time t0 = sim::Time::zero();
}  // namespace

TEST_CASE("hot_cold: the hot set gets its share of the writes, the rest the remainder") {
  WorkloadConfig c = make(WorkloadKind::hot_cold, 1000);
  c.hot_fraction = 0.1;
  c.hot_write_share = 0.9;
  const Workload w(c, 10'000, 10'000);
  REQUIRE(w.classes().size() == 2);
  CHECK(w.classes()[0].pages == 1000);
  CHECK(w.classes()[0].rate_per_page == doctest::Approx(0.9));
  CHECK(w.classes()[1].first_rank == 1000);
  CHECK(w.classes()[1].rate_per_page == doctest::Approx(100.0 / 9000));
  CHECK(w.total_rate() == doctest::Approx(1000));
  CHECK_FALSE(w.sequential());
}

TEST_CASE("uniform: the working set shares the rate, the rest is never written") {
  WorkloadConfig c = make(WorkloadKind::uniform, 500);
  c.working_set_fraction = 0.25;
  const Workload w(c, 4000, 4000);
  REQUIRE(w.classes().size() == 2);
  CHECK(w.classes()[0].rate_per_page == doctest::Approx(0.5));
  CHECK(w.classes()[1].rate_per_page == 0);
}

TEST_CASE("zipf: rank k gets rate · k^−s / H, binned contiguously over the working set") {
  WorkloadConfig c = make(WorkloadKind::zipf, 1e4);
  c.zipf_exponent = 1.2;
  c.working_set_fraction = 0.5;
  const Workload w(c, 100'000, 100'000);
  std::int64_t next = 0;
  double sum = 0;
  for (const PageClass& k : w.classes()) {
    CHECK(k.first_rank == next);
    next += k.pages;
    sum += k.rate_per_page * static_cast<double>(k.pages);
  }
  CHECK(next == 100'000);
  CHECK(sum == doctest::Approx(1e4).epsilon(1e-12));
  CHECK(w.classes().back().rate_per_page == 0);  // beyond the working set
  double h = 0;
  for (int k = 1; k <= 50'000; ++k) h += std::pow(k, -1.2);
  CHECK(w.classes()[0].rate_per_page == doctest::Approx(1e4 / h).epsilon(1e-4));
  CHECK(w.classes()[0].rate_per_page / w.classes()[1].rate_per_page == doctest::Approx(std::pow(2.0, 1.2)));
  CHECK(w.classes().size() < 700);  // bins of ratio ≤ 1.02 keep the expected mode small
}

TEST_CASE("issue 18: alike Zipf workloads share one class list; any difference gets its own") {
  WorkloadConfig c = make(WorkloadKind::zipf, 1e4);
  c.zipf_exponent = 1.1;
  c.working_set_fraction = 0.5;
  const Workload a(c, 100'000, 100'000);
  const Workload b(c, 100'000, 80'000);  // touched pages do not enter the classes
  CHECK(&a.classes() == &b.classes());
  WorkloadConfig faster = c;
  faster.rate = 2e4;
  WorkloadConfig steeper = c;
  steeper.zipf_exponent = 1.2;
  const Workload d(faster, 100'000, 100'000), e(steeper, 100'000, 100'000), f(c, 120'000, 100'000);
  for (const Workload* other : {&d, &e, &f}) CHECK(&other->classes() != &a.classes());
  CHECK(d.classes().front().rate_per_page == doctest::Approx(2 * a.classes().front().rate_per_page));
  CHECK(f.classes().back().pages == 120'000 - 60'000);  // the working set is half of each size
  // A list outlives the workload that built it only while another uses it.
  const std::vector<PageClass> copy = a.classes();
  {
    const Workload g(c, 100'000, 100'000);
    CHECK(g.classes() == copy);
  }
  CHECK(b.classes() == copy);
}

TEST_CASE("exposure: seconds at full rate, scaled by phases, traces and throttle") {
  SUBCASE("constant rate, throttled") {
    Workload w(make(WorkloadKind::uniform, 1), 10, 10);
    CHECK(w.exposure(t0 + 1_s, t0 + 3_s) == doctest::Approx(2.0));
    w.set_throttle(0.3);
    CHECK(w.exposure(t0 + 1_s, t0 + 3_s) == doctest::Approx(1.4));
  }
  SUBCASE("phases hold their last rate by default, or repeat") {
    WorkloadConfig c = make(WorkloadKind::uniform, 1);
    c.phases = {{200_ms, 0.1}, {100_ms, 5.0}};
    Workload once(c, 10, 10);
    CHECK(once.exposure(t0, t0 + 1_s) == doctest::Approx(0.02 + 0.5 + 0.7 * 5));
    c.repeat = true;
    Workload w(c, 10, 10);
    w.set_origin(t0 + 1_s);
    CHECK(w.exposure(t0 + 1_s, t0 + 1600_ms) == doctest::Approx(2 * (0.02 + 0.5)));
    CHECK(w.exposure(t0 + 1250_ms, t0 + 1350_ms) == doctest::Approx(0.05 * 5 + 0.05 * 0.1));
  }
  SUBCASE("trace: each sample's rate holds until the next one") {
    WorkloadConfig c = make(WorkloadKind::trace, 0);
    c.trace = {{1_s, 100}, {2_s, 300}};
    const Workload w(c, 10, 10);
    CHECK(w.sequential());
    CHECK(w.exposure(t0, t0 + 1_s) == doctest::Approx(100));  // the first rate applies before
    CHECK(w.exposure(t0 + 1500_ms, t0 + 2500_ms) == doctest::Approx(50 + 150));
    CHECK(w.exposure(t0 + 10_s, t0 + 11_s) == doctest::Approx(300));
  }
  SUBCASE("trace with repeat: the last sample's time ends a cycle") {
    WorkloadConfig c = make(WorkloadKind::trace, 0);
    c.trace = {{0_s, 100}, {1_s, 300}, {3_s, 7}};  // a 3-second cycle: 1 s at 100, 2 s at 300
    c.repeat = true;
    const Workload w(c, 10, 10);
    CHECK(w.exposure(t0, t0 + 3_s) == doctest::Approx(700));
    CHECK(w.exposure(t0 + 3_s, t0 + 4_s) == doctest::Approx(100));  // the cycle again, not 7
    CHECK(w.exposure(t0, t0 + 9_s) == doctest::Approx(2100));
    c.repeat = false;
    const Workload once(c, 10, 10);
    CHECK(once.exposure(t0 + 3_s, t0 + 4_s) == doctest::Approx(7));
  }
}
