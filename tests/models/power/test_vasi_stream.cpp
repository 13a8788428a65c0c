#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/power/vasi_stream.hpp"
#include "sim/tracer.hpp"

namespace mp = models::power;
using V = mp::VasiState;

namespace {

constexpr V kAllVasi[] = {V::invalid, V::enabled, V::aborted, V::suspending, V::suspended, V::resumed, V::completed};

// Written independently of vasi_stream.cpp, from §2.9 / §2.5 / §2.6 / §6.
const std::set<std::pair<V, V>> kExpectedLegal{
    {V::invalid, V::enabled},     {V::enabled, V::suspending}, {V::enabled, V::aborted},
    {V::suspending, V::suspended}, {V::suspending, V::aborted}, {V::suspended, V::resumed},
    {V::suspended, V::aborted},   {V::resumed, V::completed},  {V::resumed, V::aborted},
    {V::completed, V::invalid},   {V::aborted, V::invalid},
};

// A stream brought to `target` along legal transitions only.
void drive_to(mp::VasiStream& s, V target) {
  const std::vector<V> happy{V::enabled, V::suspending, V::suspended, V::resumed, V::completed};
  if (target == V::invalid) return;
  if (target == V::aborted) {
    REQUIRE(s.transition_to(V::enabled).ok());
    REQUIRE(s.transition_to(V::aborted).ok());
    return;
  }
  for (V v : happy) {
    REQUIRE(s.transition_to(v).ok());
    if (v == target) return;
  }
}

}  // namespace

TEST_CASE("numeric values and names follow H_VASI_STATE (§2.9)") {
  CHECK(static_cast<int>(V::invalid) == 0);
  CHECK(static_cast<int>(V::enabled) == 1);
  CHECK(static_cast<int>(V::aborted) == 2);
  CHECK(static_cast<int>(V::suspending) == 3);
  CHECK(static_cast<int>(V::suspended) == 4);
  CHECK(static_cast<int>(V::resumed) == 5);
  CHECK(static_cast<int>(V::completed) == 6);
  CHECK(mp::vasi_state_name(V::suspending) == "Suspending");
}

TEST_CASE("every legal transition is accepted and every illegal one refused, state unchanged") {
  int accepted = 0;
  int refused = 0;
  for (V from : kAllVasi) {
    for (V to : kAllVasi) {
      sim::Engine engine;
      mp::VasiStream s(engine, "db01/vasi");
      drive_to(s, from);
      REQUIRE(s.state() == from);
      const mp::Outcome o = s.transition_to(to);
      const bool legal = kExpectedLegal.count({from, to}) == 1;
      INFO(mp::vasi_state_name(from), " -> ", mp::vasi_state_name(to));
      CHECK(o.ok() == legal);
      CHECK(mp::is_legal_transition(from, to) == legal);
      CHECK(s.state() == (legal ? to : from));
      if (!legal) {
        CHECK(o.reason() == "illegal VASI transition for db01/vasi: " + std::string(mp::vasi_state_name(from)) +
                                " → " + std::string(mp::vasi_state_name(to)));
      }
      (legal ? accepted : refused) += 1;
    }
  }
  CHECK(accepted == 11);
  CHECK(refused == 38);
}

TEST_CASE("a completed migration's stream, traced") {
  sim::Engine engine;
  sim::MemoryTraceSink sink;
  engine.set_tracer(&sink);
  mp::VasiStream s(engine, "db01/vasi");
  drive_to(s, V::completed);
  REQUIRE(s.transition_to(V::invalid).ok());
  REQUIRE(sink.records().size() == 6);
  CHECK(sim::to_json_line(sink.records()[3]) ==
        R"({"t":0,"kind":"vasi.state","component":"db01/vasi","from":"Suspended","to":"Resumed","value":5})");
  CHECK_FALSE(s.transition_to(V::invalid).ok());  // refused changes are not traced
  CHECK(sink.records().size() == 6);
}
