#include <doctest/doctest.h>

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
