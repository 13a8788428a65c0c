#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <utility>

#include "sim/engine.hpp"
#include "sim/lifeline.hpp"

TEST_CASE("Lifeline: a watch sees its owner alive, then gone, and outlives it") {
  std::optional<sim::Lifeline> line(std::in_place);
  sim::Lifeline::Watch w = line->watch();
  sim::Lifeline::Watch copy = w;
  CHECK(w.alive());
  CHECK(copy.alive());
  line.reset();  // the owner goes; the watches still hold the flag
  CHECK_FALSE(w.alive());
  CHECK_FALSE(copy.alive());
  sim::Lifeline::Watch moved = std::move(copy);
  CHECK_FALSE(moved.alive());
  CHECK_FALSE(sim::Lifeline::Watch{}.alive());  // a default watch names nothing
}

TEST_CASE("Lifeline: end() before the owner goes; copies, moves and assignment share one flag") {
  sim::Lifeline line;
  sim::Lifeline::Watch a = line.watch();
  sim::Lifeline::Watch b;
  b = a;
  sim::Lifeline::Watch c(std::move(a));
  CHECK(b.alive());
  CHECK(c.alive());
  CHECK_FALSE(a.alive());  // NOLINT(bugprone-use-after-move): a moved-from watch names nothing
  line.end();
  CHECK_FALSE(line.alive());
  CHECK_FALSE(b.alive());
  CHECK_FALSE(c.alive());
}

TEST_CASE("Lifeline: an engine event scheduled by an object that is gone does nothing") {
  struct Owner {
    sim::Engine& engine;
    int* fired;
    sim::Lifeline lifeline;
    void schedule() {
      engine.schedule_in(sim::Duration::from_ns(10), [this, watch = lifeline.watch()] {
        if (watch.alive()) ++*fired;
      });
    }
  };
  sim::Engine engine(1);
  int fired = 0;
  std::unique_ptr<Owner> kept(new Owner{engine, &fired, {}});
  std::unique_ptr<Owner> dropped(new Owner{engine, &fired, {}});
  kept->schedule();
  dropped->schedule();
  dropped.reset();
  engine.run();
  CHECK(fired == 1);
}
