#include <doctest/doctest.h>

#include <array>
#include <memory>
#include <vector>

#include "sim/event_queue.hpp"

using namespace sim::literals;

TEST_CASE("events pop by time, and FIFO at equal times") {
  sim::EventQueue q;
  std::vector<int> order;
  const sim::Time t0 = sim::Time::zero();
  q.push(t0 + 2_s, [&] { order.push_back(3); });
  q.push(t0 + 1_s, [&] { order.push_back(0); });
  q.push(t0 + 1_s, [&] { order.push_back(1); });
  q.push(t0 + 1_s, [&] { order.push_back(2); });
  while (!q.empty()) q.pop()();
  CHECK(order == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("cancellation removes the event and leaves the order intact") {
  sim::EventQueue q;
  std::vector<int> fired;
  std::vector<sim::EventId> ids;
  for (int i = 0; i < 100; ++i)
    ids.push_back(q.push(sim::Time::from_ns((i * 37) % 11), [&fired, i] { fired.push_back(i); }));
  for (int i = 0; i < 100; i += 3) CHECK(q.cancel(ids[static_cast<std::size_t>(i)]));
  CHECK(q.size() == 66);
  std::int64_t last_time = -1;
  int last_i = -1;
  while (!q.empty()) {
    const auto t = q.top_time().ns();
    q.pop()();
    const int i = fired.back();
    CHECK(i % 3 != 0);
    CHECK(t >= last_time);
    if (t == last_time) CHECK(i > last_i);  // FIFO among equals survives removals
    last_time = t;
    last_i = i;
  }
  CHECK(fired.size() == 66);
}

TEST_CASE("a reused slot does not revive an old id") {
  sim::EventQueue q;
  const auto a = q.push(sim::Time::zero(), [] {});
  CHECK(q.cancel(a));
  const auto b = q.push(sim::Time::zero(), [] {});
  CHECK(a.slot == b.slot);
  CHECK_FALSE(q.cancel(a));
  CHECK(q.is_pending(b));
  CHECK_FALSE(q.cancel(sim::EventId{}));
}

#include <map>

#include "sim/random.hpp"

// The calendar queue against an obviously correct model (a std::map keyed by (time, seq)) under
// random pushes, cancels and pops with clustered, equal, far-future and resize-triggering times.
TEST_CASE("calendar queue agrees with a reference ordering under random operations") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto rng = sim::RngStream::derive(seed, "queue-fuzz", "ops");
    sim::EventQueue q;
    std::map<std::pair<std::int64_t, std::uint64_t>, int> reference;
    std::vector<std::pair<sim::EventId, std::pair<std::int64_t, std::uint64_t>>> ids;
    std::int64_t now = 0;
    std::uint64_t seq = 0;
    int fired_value = -1;
    for (int op = 0; op < 20'000; ++op) {
      const auto r = rng.uniform_below(100);
      if (r < 55) {  // push: near, equal, clustered or far in the future
        std::int64_t delay;
        const auto kind = rng.uniform_below(4);
        if (kind == 0) delay = 0;
        else if (kind == 1) delay = static_cast<std::int64_t>(rng.uniform_below(1000));
        else if (kind == 2) delay = static_cast<std::int64_t>(rng.uniform_below(1'000'000'000));
        else delay = static_cast<std::int64_t>(rng.uniform_below(1ULL << 50));
        const auto key = std::make_pair(now + delay, seq++);
        const int value = op;
        ids.emplace_back(q.push(sim::Time::from_ns(key.first), [&fired_value, value] { fired_value = value; }), key);
        reference[key] = value;
      } else if (r < 70 && !ids.empty()) {  // cancel a random earlier id (maybe already gone)
        const auto& [id, key] = ids[rng.uniform_below(ids.size())];
        const bool in_ref = reference.erase(key) == 1;
        REQUIRE(q.cancel(id) == in_ref);
      } else if (r < 75) {  // run_until-like jump of the clock without popping
        // Peeking settles the scan on the next event; pushes that follow may land before it.
        if (!reference.empty()) {
          REQUIRE(q.top_time().ns() == reference.begin()->first.first);
          now = std::min(reference.begin()->first.first, now + 500);
        }
      } else if (!reference.empty()) {
        REQUIRE(q.size() == reference.size());
        REQUIRE(q.top_time().ns() == reference.begin()->first.first);
        q.pop()();
        REQUIRE(fired_value == reference.begin()->second);
        now = reference.begin()->first.first;
        reference.erase(reference.begin());
      }
      REQUIRE(q.size() == reference.size());
    }
    while (!reference.empty()) {
      q.pop()();
      REQUIRE(fired_value == reference.begin()->second);
      reference.erase(reference.begin());
    }
    CHECK(q.empty());
  }
}

TEST_CASE("handlers own move-only and large captures") {
  sim::EventQueue q;
  auto owned = std::make_unique<int>(7);
  int seen = 0;
  q.push(sim::Time::zero(), [p = std::move(owned), &seen] { seen = *p; });
  std::array<std::int64_t, 16> big{};
  big[15] = 5;
  q.push(sim::Time::zero(), [big, &seen] { seen += static_cast<int>(big[15]); });
  const auto cancelled = q.push(sim::Time::zero(), [p = std::make_unique<int>(1)] { (void)p; });
  CHECK(q.cancel(cancelled));  // releases the capture now (ASan checks the leak)
  q.pop()();
  q.pop()();
  CHECK(seen == 12);
}
