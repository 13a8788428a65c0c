// SpanProfile: a piecewise-constant density on the sequential writer's span (a circle of ranks),
// which the expected mode uses to know where pending and dirty pages lie.
#include <doctest/doctest.h>

#include "models/memory/span_profile.hpp"

using models::memory::SpanProfile;

TEST_CASE("painting arcs, with and without wrapping, and the mass they hold") {
  SpanProfile p(100);
  CHECK(p.mass() == 0);
  p.paint(10, 20, 1.0);  // [10, 30)
  CHECK(p.mass() == doctest::Approx(20));
  CHECK(p.mass(0, 15) == doctest::Approx(5));
  CHECK(p.mass(25, 100) == doctest::Approx(20));  // a whole lap holds everything
  p.paint(90, 20, 0.5);  // wraps: [90, 100) and [0, 10)
  CHECK(p.mass() == doctest::Approx(30));
  CHECK(p.mass(95, 10) == doctest::Approx(5));  // [95, 100) ∪ [0, 5)
  CHECK(p.mass(-5, 10) == doctest::Approx(5));  // positions are taken modulo the span
  p.paint(0, 250, 2.0);  // more than a lap paints all of it
  CHECK(p.mass() == doctest::Approx(200));
  CHECK(p.segments() == 1);
}

TEST_CASE("overlap integrates the product of two profiles") {
  SpanProfile pending(100), dirty(100);
  pending.paint(0, 50, 0.4);
  dirty.paint(40, 30, 1.0);  // [40, 70): 10 of it on pending
  CHECK(pending.overlap(dirty) == doctest::Approx(4));
  CHECK(dirty.overlap(pending) == doctest::Approx(4));
  dirty.paint(95, 10, 1.0);  // adds [95, 100) ∪ [0, 5)
  CHECK(pending.overlap(dirty) == doctest::Approx(6));
}

TEST_CASE("merging the dirty indicator sets density 1 on it and keeps the rest") {
  SpanProfile pending(100), dirty(100);
  pending.paint(0, 100, 0.25);
  dirty.paint(80, 40, 1.0);  // [80, 100) ∪ [0, 20)
  pending.merge_indicator(dirty);
  CHECK(pending.mass() == doctest::Approx(40 + 60 * 0.25));
  pending.scale(0.5);
  CHECK(pending.mass() == doctest::Approx(0.5 * (40 + 15)));
}

TEST_CASE("repainting the arc behind a cursor keeps the profile small") {
  // 1 000 syncs of a cursor sweeping 37 ranks each over a span of 1 000: at most the arcs of one
  // lap stay distinct.
  SpanProfile pending(1000), dirty(1000);
  double cursor = 0;
  for (int sync = 0; sync < 1000; ++sync) {
    dirty.paint(cursor, 37, 1.0);
    cursor += 37;
    pending.scale(0.9);
    pending.merge_indicator(dirty);
    dirty = SpanProfile(1000);
  }
  CHECK(pending.segments() <= 2 * 1000 / 37 + 4);
  CHECK(pending.mass() <= 1000);
}
