// Max-min fairness on textbook cases (Bertsekas & Gallager §6.5.2), rates exact: every case is
// built from capacities whose fair shares are integers, so == is the right comparison.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/network/max_min_solver.hpp"

using models::network::kNoCap;
using models::network::MaxMinSolver;
using R = std::vector<std::uint32_t>;

TEST_CASE("one bottleneck shared by three flows: a third each") {
  MaxMinSolver s;
  s.reset(std::vector<double>{3e9});
  for (int i = 0; i < 3; ++i) s.add_flow(R{0}, kNoCap);
  s.solve();
  CHECK(s.rates()[0] == 1e9);
  CHECK(s.rates()[1] == 1e9);
  CHECK(s.rates()[2] == 1e9);
  CHECK(s.rounds() == 1);
}

TEST_CASE("parking lot: the long flow crossing every link gets half of each") {
  // Three links of 2e9 in a row; flow 0 crosses all three, flows 1..3 one link each. Every
  // link carries two flows, so all four are limited to 2e9 / 2 = 1e9 in the first round.
  MaxMinSolver s;
  s.reset(std::vector<double>{2e9, 2e9, 2e9});
  s.add_flow(R{0, 1, 2}, kNoCap);
  s.add_flow(R{0}, kNoCap);
  s.add_flow(R{1}, kNoCap);
  s.add_flow(R{2}, kNoCap);
  s.solve();
  CHECK(s.rates()[0] == 1e9);
  CHECK(s.rates()[1] == 1e9);
  CHECK(s.rates()[2] == 1e9);
  CHECK(s.rates()[3] == 1e9);
}

TEST_CASE("parking lot with unequal links: the long flow is held by the first, the rest go to the second") {
  // L0 = 3e9 carries the long flow and two short ones: share 1e9. L1 = 4e9 carries the long
  // flow and one short one: share 2e9. L0 saturates first, freezing the long flow at 1e9; L1's
  // short flow then takes what is left of L1: 4e9 − 1e9 = 3e9.
  MaxMinSolver s;
  s.reset(std::vector<double>{3e9, 4e9});
  s.add_flow(R{0, 1}, kNoCap);
  s.add_flow(R{0}, kNoCap);
  s.add_flow(R{0}, kNoCap);
  s.add_flow(R{1}, kNoCap);
  s.solve();
  CHECK(s.rates()[0] == 1e9);
  CHECK(s.rates()[1] == 1e9);
  CHECK(s.rates()[2] == 1e9);
  CHECK(s.rates()[3] == 3e9);
  CHECK(s.rounds() == 2);
}

TEST_CASE("a cap below the fair share gives the rest to the others") {
  MaxMinSolver s;
  s.reset(std::vector<double>{3e9});
  SUBCASE("one capped flow") {
    // Fair share 1e9; flow 0 takes its 5e8 cap, the other two split 2.5e9: 1.25e9 each.
    s.add_flow(R{0}, 5e8);
    s.add_flow(R{0}, kNoCap);
    s.add_flow(R{0}, kNoCap);
    s.solve();
    CHECK(s.rates()[0] == 5e8);
    CHECK(s.rates()[1] == 1.25e9);
    CHECK(s.rates()[2] == 1.25e9);
  }
  SUBCASE("a cap above the fair share changes nothing") {
    s.add_flow(R{0}, 2e9);
    s.add_flow(R{0}, kNoCap);
    s.add_flow(R{0}, kNoCap);
    s.solve();
    CHECK(s.rates()[0] == 1e9);
    CHECK(s.rates()[1] == 1e9);
    CHECK(s.rates()[2] == 1e9);
  }
  SUBCASE("caps cascade: each freed share raises the level for the rest") {
    // Level 1e9 → flow 0 (cap 2.5e8) freezes; level (3e9 − 2.5e8)/2 = 1.375e9 → flow 1 (cap 1.25e9)
    // freezes; flow 2 takes 3e9 − 2.5e8 − 1.25e9 = 1.5e9.
    s.add_flow(R{0}, 2.5e8);
    s.add_flow(R{0}, 1.25e9);
    s.add_flow(R{0}, kNoCap);
    s.solve();
    CHECK(s.rates()[0] == 2.5e8);
    CHECK(s.rates()[1] == 1.25e9);
    CHECK(s.rates()[2] == 1.5e9);
  }
  SUBCASE("every flow capped below its share: the link is left partly idle") {
    s.add_flow(R{0}, 1e8);
    s.add_flow(R{0}, 2e8);
    s.add_flow(R{0}, 3e8);
    s.solve();
    CHECK(s.rates()[0] == 1e8);
    CHECK(s.rates()[1] == 2e8);
    CHECK(s.rates()[2] == 3e8);
  }
}

TEST_CASE("a cap redistributes across a parking lot") {
  // As the unequal parking lot, but the long flow is capped at 5e8: on L0 the two short flows
  // split 3e9 − 5e8 = 2.5e9 (1.25e9 each); on L1 the short flow takes 4e9 − 5e8 = 3.5e9.
  MaxMinSolver s;
  s.reset(std::vector<double>{3e9, 4e9});
  s.add_flow(R{0, 1}, 5e8);
  s.add_flow(R{0}, kNoCap);
  s.add_flow(R{0}, kNoCap);
  s.add_flow(R{1}, kNoCap);
  s.solve();
  CHECK(s.rates()[0] == 5e8);
  CHECK(s.rates()[1] == 1.25e9);
  CHECK(s.rates()[2] == 1.25e9);
  CHECK(s.rates()[3] == 3.5e9);
}

TEST_CASE("weights: a flow consuming two units per unit of rate still gets the same rate") {
  // Level L with weights 2 and 1 on 3e9: 2L + L = 3e9, L = 1e9 for both; wire use 2e9 + 1e9.
  MaxMinSolver s;
  s.reset(std::vector<double>{3e9});
  s.add_flow(R{0}, kNoCap, 2.0);
  s.add_flow(R{0}, kNoCap, 1.0);
  s.solve();
  CHECK(s.rates()[0] == 1e9);
  CHECK(s.rates()[1] == 1e9);
}

TEST_CASE("degenerate problems") {
  MaxMinSolver s;
  s.reset(std::vector<double>{0.0, 1e9});
  s.add_flow(R{0}, kNoCap);  // a resource with no capacity (a down link)
  s.add_flow(R{}, 7e8);      // no resources, capped
  s.add_flow(R{}, kNoCap);   // nothing limits it
  s.add_flow(R{1}, 0.0);     // paused by a zero cap
  s.solve();
  CHECK(s.rates()[0] == 0.0);
  CHECK(s.rates()[1] == 7e8);
  CHECK(std::isinf(s.rates()[2]));
  CHECK(s.rates()[3] == 0.0);

  SUBCASE("reset drops the flows and the solver can be reused") {
    s.reset(std::vector<double>{1e9});
    CHECK(s.flow_count() == 0);
    s.add_flow(R{0}, kNoCap);
    s.solve();
    CHECK(s.rates().size() == 1);
    CHECK(s.rates()[0] == 1e9);
  }
}

TEST_CASE("the problem persists: removing, re-adding, re-capping and changing a capacity") {
  MaxMinSolver s;
  s.reset(std::vector<double>{3e9, 4e9});
  const auto lng = s.add_flow(R{0, 1}, kNoCap);
  const auto a = s.add_flow(R{0}, kNoCap);
  const auto b = s.add_flow(R{0}, kNoCap);
  const auto c = s.add_flow(R{1}, kNoCap);
  s.solve();
  CHECK(s.rate(c) == 3e9);

  SUBCASE("a flow leaves: the other two on L0 split it; the slot is reused next") {
    // L0 now carries the long flow and b: 1.5e9 each; L1's flow takes 4e9 − 1.5e9 = 2.5e9.
    s.remove_flow(a);
    CHECK(s.flow_count() == 3);
    s.solve();
    CHECK(s.rate(a) == 0.0);
    CHECK(s.rate(lng) == 1.5e9);
    CHECK(s.rate(b) == 1.5e9);
    CHECK(s.rate(c) == 2.5e9);
    CHECK(s.add_flow(R{0}, kNoCap) == a);  // back to the first problem
    s.solve();
    CHECK(s.rate(a) == 1e9);
    CHECK(s.rate(lng) == 1e9);
    CHECK(s.rate(c) == 3e9);
  }
  SUBCASE("a new cap") {
    s.set_cap(lng, 5e8);
    s.solve();
    CHECK(s.rate(lng) == 5e8);
    CHECK(s.rate(a) == 1.25e9);
    CHECK(s.rate(c) == 3.5e9);
  }
  SUBCASE("caps come and go") {
    s.set_cap(a, 5e8);  // L0: a 5e8, long and b split 2.5e9 → 1.25e9; L1: c gets 2.75e9
    s.solve();
    CHECK(s.rate(a) == 5e8);
    CHECK(s.rate(lng) == 1.25e9);
    CHECK(s.rate(c) == 2.75e9);
    s.set_cap(a, kNoCap);  // lifted: back to 1e9 each on L0
    s.solve();
    CHECK(s.rate(a) == 1e9);
    s.set_cap(b, 0.0);
    s.remove_flow(b);  // a capped flow leaves: long and a split L0, 1.5e9 each
    const auto d = s.add_flow(R{1}, 2.5e8);
    CHECK(d == b);
    s.solve();
    CHECK(s.rate(a) == 1.5e9);
    CHECK(s.rate(lng) == 1.5e9);
    CHECK(s.rate(d) == 2.5e8);
    CHECK(s.rate(c) == 4e9 - 1.5e9 - 2.5e8);
  }
  SUBCASE("a new capacity") {
    s.set_capacity(1, 1e9);  // L1 now binds first: 5e8 each for the long flow and c
    s.solve();
    CHECK(s.rate(lng) == 5e8);
    CHECK(s.rate(c) == 5e8);
    CHECK(s.rate(a) == 1.25e9);
  }
}

TEST_CASE("issue 18: an incremental solve gives the rates of a solve of everything, bit for bit") {
  // Random churn over 40 resources in 8 separate groups (so there are several components): two
  // solvers see the same changes (so the same slots); after every change the incremental one's
  // rates equal those of solve_all(), and flows outside the re-solved components kept theirs.
  std::uint64_t state = 12345;
  const auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  std::vector<double> capacity(40);
  for (std::size_t r = 0; r < capacity.size(); ++r) capacity[r] = 1e9 * static_cast<double>(1 + r % 7);
  MaxMinSolver incremental, full;
  incremental.reset(capacity);
  full.reset(capacity);
  struct Flow {
    R resources;
    double cap;
    double weight;
    std::uint32_t slot;
  };
  std::vector<Flow> flows;
  for (int step = 0; step < 400; ++step) {
    const auto action = next(10);
    if (action < 5 || flows.empty()) {
      const std::uint32_t group = static_cast<std::uint32_t>(next(8)) * 5;
      R uses;
      for (std::uint32_t k = 0; k < 1 + next(3); ++k) {
        const std::uint32_t r = group + static_cast<std::uint32_t>(next(5));
        if (std::find(uses.begin(), uses.end(), r) == uses.end()) uses.push_back(r);
      }
      const double cap = next(3) == 0 ? kNoCap : 1e8 * static_cast<double>(1 + next(30));
      const double weight = 1.0 + 0.01 * static_cast<double>(next(5));
      flows.push_back({uses, cap, weight, incremental.add_flow(uses, cap, weight)});
      CHECK(full.add_flow(uses, cap, weight) == flows.back().slot);
    } else if (action < 8) {
      const auto i = next(flows.size());
      incremental.remove_flow(flows[i].slot);
      full.remove_flow(flows[i].slot);
      flows.erase(flows.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      Flow& f = flows[next(flows.size())];
      f.cap = 1e8 * static_cast<double>(1 + next(30));
      incremental.set_cap(f.slot, f.cap);
      full.set_cap(f.slot, f.cap);
    }
    const std::vector<double> before(incremental.rates().begin(), incremental.rates().end());
    incremental.solve();
    const auto& solved = incremental.solved_flows();
    const auto& changed = incremental.changed_flows();
    for (std::uint32_t slot = 0; slot < before.size(); ++slot) {
      if (std::find(solved.begin(), solved.end(), slot) == solved.end())
        CHECK(incremental.rate(slot) == before[slot]);
      // changed_flows names exactly the flows whose rate moved (a freed slot reads 0 on both sides).
      const bool listed = std::find(changed.begin(), changed.end(), slot) != changed.end();
      CHECK(listed == (incremental.rate(slot) != before[slot]));
    }
    for (const std::uint32_t slot : changed) CHECK(std::find(solved.begin(), solved.end(), slot) != solved.end());
    full.solve_all();
    for (const Flow& f : flows) {
      CAPTURE(step);
      CHECK(incremental.rate(f.slot) == full.rate(f.slot));
    }
  }
}
