#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/power/managed_system.hpp"
#include "power_fixtures.hpp"
#include "sim/check.hpp"
#include "sim/tracer.hpp"

using namespace power_test;

namespace {

struct FakeTracker final : mp::DirtyTracker {
  std::vector<std::string> calls;
  void start_tracking(const mp::Lpar& l) override { calls.push_back("start " + l.name()); }
  void stop_tracking(const mp::Lpar& l) override { calls.push_back("stop " + l.name()); }
};

struct FakePager final : mp::DemandPageServer {
  std::vector<std::uint64_t> pages;
  void on_page_request(const mp::Lpar&, std::uint64_t page) override { pages.push_back(page); }
};

}  // namespace

TEST_CASE("partition table: id order, lookup by name, duplicates refused") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  mp::Hypervisor& hv = sys.hypervisor();
  mp::Lpar c(engine, lpar_config(7, "c", 1_GiB));
  mp::Lpar a(engine, lpar_config(2, "a", 1_GiB));
  mp::Lpar b(engine, lpar_config(5, "b", 1_GiB));
  REQUIRE(hv.add_partition(c).ok());
  REQUIRE(hv.add_partition(a).ok());
  REQUIRE(hv.add_partition(b).ok());
  std::vector<int> order;
  for (const mp::PartitionEntry* e : hv.partitions()) order.push_back(e->id);
  CHECK(order == std::vector<int>{2, 5, 7});
  REQUIRE(hv.find("b") != nullptr);
  CHECK(hv.find("b")->id == 5);
  CHECK(hv.find("zz") == nullptr);
  CHECK(hv.find(9) == nullptr);

  mp::Lpar same_id(engine, lpar_config(5, "other", 1_GiB));
  CHECK(hv.add_partition(same_id).reason() == "partition id 5 already exists on sysA");
  mp::Lpar same_name(engine, lpar_config(9, "a", 1_GiB));
  CHECK(hv.add_partition(same_name).reason() == "partition name a already exists on sysA");
  CHECK(hv.remove_partition(9).reason() == "no partition 9 on sysA");
  CHECK(hv.remove_partition(5).reason() == "b still executes on sysA");
}

TEST_CASE("shells: id choice, reservation, commit and release") {
  sim::Engine engine;
  mp::ManagedSystem sys_b(engine, system_config("sysB"));
  mp::Hypervisor& hv = sys_b.hypervisor();
  mp::Lpar local(engine, lpar_config(3, "local", 1_GiB));
  REQUIRE(hv.add_partition(local).ok());
  mp::Lpar db01(engine, lpar_config(3, "db01", 16_GiB, 200));  // 64 LMBs, 2.00 PU

  SUBCASE("the source id is kept only if free, else the lowest free id") {
    const mp::ShellReservation r = hv.reserve_shell(db01);
    REQUIRE(r.outcome.ok());
    CHECK(r.id == 1);
    CHECK(hv.find(1)->state == mp::PartitionEntryState::reserved);
    CHECK(sys_b.memory().reserved() == 64);
    CHECK(sys_b.processors().reserved() == 200);
    hv.commit_shell(1);
    CHECK(sys_b.memory().reserved() == 0);
    CHECK(sys_b.memory().used() == 4 + 4 + 64);
    CHECK(hv.find(1)->state == mp::PartitionEntryState::committed);
    CHECK_THROWS_AS(hv.commit_shell(1), sim::CheckFailed);
    CHECK(db01.executing_on().empty());  // a committed shell does not execute until resume
  }
  SUBCASE("a requested id is used when free and refused when taken") {
    CHECK(hv.reserve_shell(db01, 3).outcome.reason() == "partition id 3 already exists on sysB");
    const mp::ShellReservation r = hv.reserve_shell(db01, 12);
    CHECK(r.id == 12);
  }
  SUBCASE("release gives everything back") {
    const mp::ShellReservation r = hv.reserve_shell(db01);
    hv.release_shell(r.id);
    CHECK(hv.find(r.id) == nullptr);
    CHECK(sys_b.memory().free() == 248);
    CHECK(sys_b.memory().reserved() == 0);
    CHECK(sys_b.processors().free() == 1500);
    CHECK_THROWS_AS(hv.release_shell(r.id), sim::CheckFailed);
  }
  SUBCASE("a shell that does not fit is refused and reserves nothing") {
    mp::Lpar huge(engine, lpar_config(4, "huge", 63_GiB));
    const mp::ShellReservation r = hv.reserve_shell(huge);
    CHECK(r.id == 0);
    CHECK(r.outcome.reason() == "not enough memory on sysB for huge: need 252 LMBs, 248 free");
    CHECK(sys_b.memory().reserved() == 0);
  }
  SUBCASE("a name already on the destination is refused") {
    mp::Lpar dup(engine, lpar_config(8, "local", 1_GiB));
    CHECK(hv.reserve_shell(dup).outcome.reason() == "partition name local already exists on sysB");
  }
}

TEST_CASE("execution location: suspend on the source, resume on the destination") {
  sim::Engine engine;
  sim::MemoryTraceSink sink;
  engine.set_tracer(&sink);
  mp::ManagedSystem sys_a(engine, system_config("sysA"));
  mp::ManagedSystem sys_b(engine, system_config("sysB"));
  mp::Lpar db01(engine, lpar_config(3, "db01", 8_GiB));
  REQUIRE(sys_a.hypervisor().add_partition(db01).ok());
  CHECK(db01.executing_on() == "sysA");
  const mp::ShellReservation shell = sys_b.hypervisor().reserve_shell(db01);
  REQUIRE(shell.outcome.ok());
  CHECK(sys_b.hypervisor().resume(shell.id).reason() == "no partition 3 on sysB");  // still only reserved
  sys_b.hypervisor().commit_shell(shell.id);

  CHECK(sys_b.hypervisor().suspend(shell.id).reason() == "db01 does not execute on sysB");
  REQUIRE(sys_a.hypervisor().suspend(3).ok());
  CHECK(db01.executing_on().empty());  // the blackout: executes nowhere
  REQUIRE(sys_b.hypervisor().resume(shell.id).ok());
  CHECK(db01.executing_on() == "sysB");
  CHECK(sys_b.hypervisor().resume(shell.id).reason() == "db01 already executes on sysB");
  CHECK(sys_a.hypervisor().suspend(3).reason() == "db01 does not execute on sysA");
  // Invariant 1: resuming on the source while it runs on the destination is a bug.
  CHECK_THROWS_AS((void)sys_a.hypervisor().resume(3), sim::CheckFailed);

  REQUIRE(sys_a.hypervisor().remove_partition(3).ok());  // source cleanup (§2.7)
  CHECK(sys_a.memory().free() == 252);
  CHECK(sys_b.memory().used() == 4 + 32);

  std::vector<std::string> moves;
  for (const sim::TraceRecord& r : sink.records()) {
    if (r.kind == "lpar.executing") {
      moves.push_back(std::get<std::string>(r.fields[0].value) + "->" + std::get<std::string>(r.fields[1].value));
    }
  }
  CHECK(moves == std::vector<std::string>{"->sysA", "sysA->", "->sysB"});
}

TEST_CASE("rollback after suspend: the partition resumes on the source") {
  sim::Engine engine;
  mp::ManagedSystem sys_a(engine, system_config("sysA"));
  mp::Lpar db01(engine, lpar_config(3, "db01", 8_GiB));
  REQUIRE(sys_a.hypervisor().add_partition(db01).ok());
  REQUIRE(sys_a.hypervisor().suspend(3).ok());
  REQUIRE(sys_a.hypervisor().resume(3).ok());
  CHECK(db01.executing_on() == "sysA");
}

TEST_CASE("dirty-page tracking hooks") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  mp::Hypervisor& hv = sys.hypervisor();
  mp::Lpar db01(engine, lpar_config(3, "db01", 8_GiB));
  REQUIRE(hv.add_partition(db01).ok());
  FakeTracker tracker;
  CHECK(hv.stop_dirty_tracking(3).reason() == "no dirty-page tracking for partition 3 on sysA");
  REQUIRE(hv.start_dirty_tracking(3, tracker).ok());
  CHECK(hv.start_dirty_tracking(3, tracker).reason() == "dirty-page tracking already active for db01");
  CHECK(hv.start_dirty_tracking(4, tracker).reason() == "no partition 4 on sysA");
  REQUIRE(hv.stop_dirty_tracking(3).ok());
  REQUIRE(hv.start_dirty_tracking(3, tracker).ok());
  REQUIRE(hv.suspend(3).ok());
  REQUIRE(hv.remove_partition(3).ok());  // stops tracking on the way out
  CHECK(tracker.calls == std::vector<std::string>{"start db01", "stop db01", "start db01", "stop db01"});
}

TEST_CASE("demand-paging requests reach the registered server while the source holds the partition") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  mp::Hypervisor& hv = sys.hypervisor();
  mp::Lpar db01(engine, lpar_config(3, "db01", 8_GiB));
  REQUIRE(hv.add_partition(db01).ok());
  FakePager pager;
  CHECK(hv.request_page(3, 10).reason() == "no demand-paging server for db01 on sysA");
  REQUIRE(hv.set_demand_page_server(3, &pager).ok());
  REQUIRE(hv.request_page(3, 10).ok());
  REQUIRE(hv.request_page(3, 99).ok());
  CHECK(pager.pages == std::vector<std::uint64_t>{10, 99});
  CHECK(hv.find(3)->page_requests == 2);
  sys.fail();
  CHECK(hv.request_page(3, 11).reason() == "sysA is not operating");
  sys.restore();
  REQUIRE(hv.suspend(3).ok());
  REQUIRE(hv.remove_partition(3).ok());
  CHECK(hv.request_page(3, 12).reason() == "no partition 3 on sysA");
  CHECK(pager.pages.size() == 2);
}
