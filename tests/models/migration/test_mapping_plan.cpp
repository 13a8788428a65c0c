// The recommended adapter mappings (lpm-protocol.md §2.1 step 4): slots kept where free, user
// mappings honoured, redundant paths spread over distinct destination VIOSes, the source devices
// listed for cleanup; and validation leaves the World exactly as it found it (§2.2).
#include <doctest/doctest.h>

#include <sstream>

#include "validation_world.hpp"

using namespace validation_test;
using mp::VirtualDeviceKind;

namespace {
std::string placement(const mm::MappingPlan& plan, VirtualDeviceKind kind, int client_slot) {
  const mm::PlannedMapping* m = plan.find(kind, client_slot);
  if (m == nullptr) return "none";
  return m->vios->name() + ":" + std::to_string(m->slot);
}
}  // namespace

TEST_CASE("mapping plan: source slot numbers are kept, source VIOSes pair one-to-one") {
  const auto kept = build();  // keeps the World the result points into
  const auto r = run(*kept);
  expect_clean(r);
  const auto& plan = r.plan;
  REQUIRE(plan.mappings.size() == 4);
  CHECK(placement(plan, VirtualDeviceKind::vscsi, 10) == "sysB/vios1:20");
  CHECK(placement(plan, VirtualDeviceKind::vscsi, 11) == "sysB/vios2:21");
  CHECK(placement(plan, VirtualDeviceKind::vfc, 12) == "sysB/vios1:22");
  CHECK(placement(plan, VirtualDeviceKind::vnic, 13) == "sysB/vios2:23");
  for (const auto& m : plan.mappings) {
    CHECK(m.slot_kept());
    CHECK_FALSE(m.user_mapped);
  }
  CHECK(plan.find(VirtualDeviceKind::vscsi, 10)->backings == std::vector<std::string>{"lun-1"});
  CHECK(plan.find(VirtualDeviceKind::vfc, 12)->backings == std::vector<std::string>{"fcs0"});
  CHECK(plan.find(VirtualDeviceKind::vnic, 13)->backings == std::vector<std::string>{"P1-C4-T1"});
  CHECK(plan.find(VirtualDeviceKind::vscsi, 10)->source_vios == "vios1");
  CHECK(plan.find(VirtualDeviceKind::vscsi, 10)->source_slot == 20);
  CHECK(plan.destination_vios().size() == 2);
}

TEST_CASE("mapping plan: a taken slot moves to the lowest free one") {
  auto rig = build();
  for (const char* v : {"vios1", "vios2"})
    REQUIRE(rig->vios("sysB", v)
                .define_server_adapter({20, VirtualDeviceKind::vscsi, "web01", 4})
                .ok());
  const auto r = run(*rig);
  expect_clean(r);
  CHECK(placement(r.plan, VirtualDeviceKind::vscsi, 10) == "sysB/vios1:2");
  CHECK_FALSE(r.plan.find(VirtualDeviceKind::vscsi, 10)->slot_kept());
  CHECK(placement(r.plan, VirtualDeviceKind::vscsi, 11) == "sysB/vios2:21");
}

TEST_CASE(
    "mapping plan: redundant paths spread over distinct destination VIOSes whatever their names") {
  WorldSpec spec;
  spec.vios_b = {vios_config("sysB", "vioA", 1), vios_config("sysB", "vioB", 2)};
  const auto kept = build(spec);  // keeps the World the result points into
  const auto r = run(*kept);
  expect_clean(r);
  CHECK(placement(r.plan, VirtualDeviceKind::vscsi, 10) == "sysB/vioA:20");
  CHECK(placement(r.plan, VirtualDeviceKind::vscsi, 11) == "sysB/vioB:21");
  CHECK(placement(r.plan, VirtualDeviceKind::vfc, 12) == "sysB/vioA:22");
  CHECK(placement(r.plan, VirtualDeviceKind::vnic, 13) == "sysB/vioB:23");
}

TEST_CASE("mapping plan: user mappings first, the default chooser spreads around them") {
  auto rig = build();
  rig->request.vscsi_mappings = {{10, "vios2", {}, 35, {}}};
  const auto r = run(*rig);
  expect_clean(r);
  REQUIRE(!r.plan.mappings.empty());
  CHECK(r.plan.mappings.front().user_mapped);
  CHECK(placement(r.plan, VirtualDeviceKind::vscsi, 10) == "sysB/vios2:35");
  CHECK(placement(r.plan, VirtualDeviceKind::vscsi, 11) ==
        "sysB/vios1:21");  // the other path, the other VIOS
  CHECK(placement(r.plan, VirtualDeviceKind::vfc, 12) ==
        "sysB/vios2:22");  // follows its source VIOS's partner
}

TEST_CASE("mapping plan: a vSCSI adapter maps all its LUNs; NPIV capacity counts planned clients") {
  WorldSpec spec;
  spec.lpar.vscsi = {{10, "vios1", 20, {"lun-1", "lun-2"}}};
  spec.lpar.vfc = {{12, "vios1", 22, {"w0", "w1"}, {}}, {14, "vios1", 24, {"w2", "w3"}, {}}};
  spec.lpar.vnic = {{13, "vios1", 23, "P1-C4-T1"}};
  for (auto& v : spec.vios_b) v.fc_ports[0].max_npiv_clients = 1;
  const auto kept = build(spec);  // keeps the World the result points into
  const auto r = run(*kept);
  expect_clean(r);
  CHECK(r.plan.find(VirtualDeviceKind::vscsi, 10)->backings ==
        std::vector<std::string>{"lun-1", "lun-2"});
  CHECK(placement(r.plan, VirtualDeviceKind::vfc, 12) == "sysB/vios1:22");
  CHECK(placement(r.plan, VirtualDeviceKind::vfc, 14) ==
        "sysB/vios2:24");  // vios1's fcs0 is taken by adapter 12
}

TEST_CASE("mapping plan: the source devices to clean up after completion") {
  auto rig = build();
  const auto r = run(*rig);
  REQUIRE(r.plan.source_vios.size() == 2);
  CHECK(r.plan.source_vios[0]->name() == "sysA/vios1");
  CHECK(r.plan.source_vios[1]->name() == "sysA/vios2");
  std::ostringstream devices;
  for (const auto& d : r.plan.source_devices)
    devices << d.vios->name() << ' ' << mp::kind_name(d.kind) << ' ' << d.server_slot << ' '
            << d.backing << '\n';
  CHECK(devices.str() ==
        "sysA/vios1 vscsi 20 lun-1\n"
        "sysA/vios1 vfc 22 fcs0\n"
        "sysA/vios2 vscsi 21 lun-1\n"
        "sysA/vios2 vnic 23 P1-C4-T1\n");
}

TEST_CASE("the plan converts to the Preflight a Migration consumes") {
  const auto kept = build();  // keeps the World the result points into
  const auto r = run(*kept);
  const mm::Preflight p = mm::to_preflight(r);
  CHECK(p.ok());
  CHECK(p.msp_pairs.size() == 2);
  REQUIRE(p.adapters.size() == 4);
  CHECK(p.adapters[0].vios->name() == "sysB/vios1");
  CHECK(p.adapters[0].adapter.slot == 20);
  CHECK(p.adapters[0].adapter.client == "db01");
  CHECK(p.adapters[0].adapter.client_slot == 10);
  CHECK(p.adapters[0].backing == "lun-1");
  CHECK(p.source_vios.size() == 2);
  mm::ValidationMessage m{"HSCLA319", mm::ValidationMessage::Severity::error,
                          "The migrating partition's …", false};
  CHECK(mm::hmc_line(m) == "HSCLA319 The migrating partition's …");
}

namespace {
// Every counter validation could disturb: accounts, partitions, slots, devices, MSP loads.
std::string snapshot(const mm::World& w) {
  std::ostringstream out;
  for (const auto& s : w.systems()) {
    out << s->name() << " mem " << s->memory().free() << '/' << s->memory().reserved() << '/'
        << s->memory().used() << " cpu " << s->processors().free() << '/'
        << s->processors().reserved() << '/' << s->processors().used() << " lpars "
        << s->hypervisor().partition_count() << " migr "
        << s->migrations_in_progress(mp::MigrationKind::active) << '\n';
  }
  for (const auto& p : w.all_vios()) {
    out << p.vios->name() << " slots " << p.vios->used_slots() << " devices "
        << p.vios->device_count();
    if (p.vios->msp() != nullptr) out << " msp " << p.vios->msp()->active_migrations();
    out << '\n';
  }
  for (const auto& l : w.lpars())
    out << l->name() << ' ' << mp::hmc_name(l->state()) << ' ' << l->id() << '\n';
  return out.str();
}
}  // namespace

TEST_CASE("validation changes nothing in the World") {
  auto rig = build();
  const std::string before = snapshot(rig->world);
  SUBCASE("a passing request") { CHECK(run(*rig).ok()); }
  SUBCASE("a request with user mappings and a failing check") {
    rig->request.vscsi_mappings = {{10, "vios2", {}, 35, {}}};
    rig->request.dest_lpar_id = 1;
    CHECK_FALSE(run(*rig).ok());
  }
  CHECK(snapshot(rig->world) == before);
}
