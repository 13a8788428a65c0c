#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "models/power/managed_system.hpp"
#include "models/power/resource_account.hpp"
#include "power_fixtures.hpp"
#include "sim/check.hpp"
#include "sim/random.hpp"

using namespace power_test;

namespace {

void check_balanced(const mp::ResourceAccount& a) {
  CHECK(a.free() >= 0);
  CHECK(a.reserved() >= 0);
  CHECK(a.used() >= 0);
  CHECK(a.free() + a.reserved() + a.used() == a.capacity());
}

}  // namespace

TEST_CASE("a new system: installed memory in whole LMBs, hypervisor reserve used, processors in hundredths") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  CHECK(sys.memory().capacity() == 256);  // 64 GiB / 256 MiB
  CHECK(sys.hypervisor_lmbs() == 4);      // 1 GiB
  CHECK(sys.memory().used() == 4);
  CHECK(sys.memory().free() == 252);
  CHECK(sys.free_memory() == 63_GiB);
  CHECK(sys.processors().capacity() == 1600);
  CHECK(sys.processors().free() == 1600);
  SUBCASE("installed memory that is not a whole number of LMBs keeps only whole LMBs") {
    auto c = system_config("sysB");
    c.installed_memory = 64_GiB + 255_MiB;
    mp::ManagedSystem odd(engine, c);
    CHECK(odd.memory().capacity() == 256);
  }
  SUBCASE("a hypervisor reserve that is not a whole LMB takes the next LMB") {
    auto c = system_config("sysB");
    c.hypervisor_reserved = 1_GiB + 1_B;
    mp::ManagedSystem odd(engine, c);
    CHECK(odd.hypervisor_lmbs() == 5);
  }
  SUBCASE("a reserve larger than the server is a bug") {
    auto c = system_config("sysB");
    c.hypervisor_reserved = 65_GiB;
    CHECK_THROWS_AS(mp::ManagedSystem(engine, c), sim::CheckFailed);
  }
}

TEST_CASE("lmbs_for rounds up to whole LMBs") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  CHECK(sys.lmbs_for(0_B) == 0);
  CHECK(sys.lmbs_for(1_B) == 1);
  CHECK(sys.lmbs_for(256_MiB) == 1);
  CHECK(sys.lmbs_for(256_MiB + 1_B) == 2);
  CHECK(sys.lmbs_for(10_GiB) == 40);
}

TEST_CASE("allocate / free sequence balances and refuses cleanly when short") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  mp::Hypervisor& hv = sys.hypervisor();
  mp::Lpar a(engine, lpar_config(1, "a", 10_GiB, 250));         // 40 LMBs, 2.50 PU
  mp::Lpar b(engine, lpar_config(2, "b", 10_GiB + 1_B, 400));   // 41 LMBs (rounded up), 4.00 PU
  mp::Lpar big(engine, lpar_config(3, "big", 43_GiB + 1_B));    // 173 LMBs: one more than is left
  mp::Lpar cpu(engine, lpar_config(4, "cpu", 1_GiB, 950));      // 9.50 PU: more than is left

  REQUIRE(hv.add_partition(a).ok());
  CHECK(sys.memory().free() == 212);
  REQUIRE(hv.add_partition(b).ok());
  CHECK(sys.memory().free() == 171);
  CHECK(sys.memory().used() == 85);
  CHECK(sys.processors().free() == 950);

  const mp::Outcome short_mem = hv.add_partition(big);
  CHECK_FALSE(short_mem.ok());
  CHECK(short_mem.reason() == "not enough memory on sysA for big: need 173 LMBs, 171 free");
  CHECK(sys.memory().free() == 171);

  SUBCASE("processor shortfall gives the memory back") {
    mp::Lpar cpu2(engine, lpar_config(4, "cpu", 1_GiB, 951));
    const mp::Outcome short_cpu = hv.add_partition(cpu2);
    CHECK(short_cpu.reason() == "not enough processors on sysA for cpu: need 9.51 processing units, 9.50 free");
    CHECK(sys.memory().free() == 171);
    CHECK(sys.processors().free() == 950);
    CHECK(hv.partition_count() == 2);
  }
  SUBCASE("exactly what is left fits") {
    CHECK(hv.add_partition(cpu).ok());
    CHECK(sys.processors().free() == 0);
    CHECK(sys.memory().free() == 167);
    REQUIRE(hv.suspend(4).ok());
    CHECK(hv.remove_partition(4).ok());
  }

  // Freeing returns exactly what was taken, LMB rounding included.
  // Removing requires the partition not to execute here, so suspend the running ones first.
  REQUIRE(hv.suspend(1).ok());
  REQUIRE(hv.suspend(2).ok());
  CHECK(hv.remove_partition(1).ok());
  CHECK(sys.memory().free() == 211);
  CHECK(hv.remove_partition(2).ok());
  CHECK(sys.memory().free() == 252);
  CHECK(sys.memory().used() == 4);
  CHECK(sys.memory().reserved() == 0);
  CHECK(sys.processors().free() == 1600);
  check_balanced(sys.memory());
  check_balanced(sys.processors());
}

TEST_CASE("random allocate/free/reserve/commit/release sequences never go negative and balance") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  mp::Hypervisor& hv = sys.hypervisor();
  sim::RngStream rng = sim::RngStream::derive(7, "test", "accounting");
  std::vector<std::unique_ptr<mp::Lpar>> lpars;
  for (int i = 1; i <= 40; ++i) {
    std::string name(1, 'p');  // not "p" + to_string(i): GCC 12 sees a false -Wrestrict in it once inlined
    name += std::to_string(i);
    auto c = lpar_config(i, name, sim::Bytes(static_cast<std::int64_t>(rng.uniform_below((8_GiB).count())) + 1),
                         static_cast<int>(rng.uniform_below(300)) + 5);
    c.memory_max = c.memory_desired;
    c.state = mp::LparState::not_activated;  // placement does not make it execute
    lpars.push_back(std::make_unique<mp::Lpar>(engine, c));
  }
  // Model of what must be held: per partition, 0 = absent, 1 = reserved shell, 2 = committed.
  std::vector<int> held(lpars.size(), 0);
  std::vector<int> ids(lpars.size(), 0);
  int refusals = 0;
  for (int step = 0; step < 2000; ++step) {
    const std::size_t k = rng.uniform_below(lpars.size());
    mp::Lpar& l = *lpars[k];
    const std::uint64_t op = rng.uniform_below(3);
    if (held[k] == 0 && op == 0) {
      const mp::Outcome o = hv.add_partition(l);
      if (o) { held[k] = 2; ids[k] = l.id(); } else { ++refusals; }
    } else if (held[k] == 0) {
      const mp::ShellReservation r = hv.reserve_shell(l);
      if (r.outcome) { held[k] = 1; ids[k] = r.id; } else { ++refusals; }
    } else if (held[k] == 1) {
      if (op == 0) { hv.release_shell(ids[k]); held[k] = 0; } else { hv.commit_shell(ids[k]); held[k] = 2; }
    } else {
      REQUIRE(hv.remove_partition(ids[k]).ok());
      held[k] = 0;
    }
    std::int64_t reserved = 0, used = sys.hypervisor_lmbs(), pu_used = 0, pu_reserved = 0;
    for (std::size_t i = 0; i < lpars.size(); ++i) {
      const std::int64_t lmbs = sys.lmbs_for(lpars[i]->config().memory_desired);
      const std::int64_t pu = lpars[i]->processor_capacity().in_hundredths();
      if (held[i] == 1) { reserved += lmbs; pu_reserved += pu; }
      if (held[i] == 2) { used += lmbs; pu_used += pu; }
    }
    REQUIRE(sys.memory().reserved() == reserved);
    REQUIRE(sys.memory().used() == used);
    REQUIRE(sys.processors().reserved() == pu_reserved);
    REQUIRE(sys.processors().used() == pu_used);
    REQUIRE(sys.memory().free() >= 0);
    REQUIRE(sys.processors().free() >= 0);
    REQUIRE(sys.memory().free() + reserved + used == 256);
  }
  CHECK(refusals > 0);  // the sequence really runs into shortages
  for (std::size_t i = 0; i < lpars.size(); ++i) {
    if (held[i] == 1) hv.release_shell(ids[i]);
    if (held[i] == 2) REQUIRE(hv.remove_partition(ids[i]).ok());
  }
  CHECK(sys.memory().free() == 252);
  CHECK(sys.processors().free() == 1600);
  CHECK(hv.partition_count() == 0);
}

TEST_CASE("ResourceAccount: a bucket can never go negative") {
  mp::ResourceAccount acct("sysA/memory", 10);
  CHECK(acct.try_reserve(4));
  CHECK_FALSE(acct.try_reserve(7));
  CHECK(acct.free() == 6);
  CHECK_THROWS_AS(acct.commit(5), sim::CheckFailed);
  CHECK_THROWS_AS(acct.release(5), sim::CheckFailed);
  CHECK_THROWS_AS(acct.deallocate(1), sim::CheckFailed);
  CHECK_THROWS_AS((void)acct.try_allocate(-1), sim::CheckFailed);
  acct.commit(4);
  CHECK(acct.used() == 4);
  acct.deallocate(4);
  CHECK(acct.free() == 10);
}

TEST_CASE("concurrency counters: active and inactive counted separately against §5.2 defaults") {
  sim::Engine engine;
  mp::ManagedSystem sys(engine, system_config("sysA"));
  CHECK(sys.migrations_supported(mp::MigrationKind::active) == 16);  // the Power10 FW1050 tier
  CHECK(sys.migrations_supported(mp::MigrationKind::inactive) == 16);
  for (int i = 0; i < 16; ++i) CHECK(sys.begin_migration(mp::MigrationKind::active).ok());
  const mp::Outcome seventeenth = sys.begin_migration(mp::MigrationKind::active);
  CHECK(seventeenth.reason() == "sysA already runs 16 of 16 supported active migrations");
  CHECK(sys.begin_migration(mp::MigrationKind::inactive).ok());
  CHECK(sys.migrations_in_progress(mp::MigrationKind::active) == 16);
  CHECK(sys.migrations_in_progress(mp::MigrationKind::inactive) == 1);
  sys.end_migration(mp::MigrationKind::active);
  CHECK(sys.begin_migration(mp::MigrationKind::active).ok());
  sys.end_migration(mp::MigrationKind::inactive);
  CHECK_THROWS_AS(sys.end_migration(mp::MigrationKind::inactive), sim::CheckFailed);
}

TEST_CASE("capabilities: compatibility modes, edition, failure") {
  sim::Engine engine;
  auto c = system_config("sysA");
  mp::ManagedSystem sys(engine, c);
  CHECK(sys.supports_compat_mode(mp::CompatMode::power9_base));
  CHECK_FALSE(sys.supports_compat_mode(mp::CompatMode::power8));
  CHECK(sys.lpm_capable(mp::MigrationKind::active));
  c.name = "sysS";
  c.edition = mp::PowerVmEdition::standard;
  mp::ManagedSystem standard(engine, c);
  CHECK_FALSE(standard.lpm_capable(mp::MigrationKind::active));
  CHECK_FALSE(standard.lpm_capable(mp::MigrationKind::inactive));

  mp::Lpar a(engine, lpar_config(1, "a", 1_GiB));
  sys.fail();
  CHECK(sys.hypervisor().add_partition(a).reason() == "sysA is not operating");
  sys.restore();
  CHECK(sys.hypervisor().add_partition(a).ok());
}
