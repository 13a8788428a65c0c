#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/power/vios.hpp"
#include "power_fixtures.hpp"
#include "sim/tracer.hpp"

using namespace power_test;

namespace {

mp::ViosConfig storage_vios() {
  auto c = vios_config("vios1", 1);
  c.visible_luns = {"lun1", "lun2", "lun3"};
  c.fc_ports = {{.name = "fcs0", .npiv_capable = true, .max_npiv_clients = 1, .reachable_luns = {"lun7"}},
                {.name = "fcs1", .npiv_capable = false, .max_npiv_clients = 64, .reachable_luns = {}}};
  c.seas = {{.name = "ent8", .vswitch = "ETHERNET0", .bridged_vlans = {1, 100}}};
  c.sriov_ports = {"P1-C4-T1"};
  return c;
}

std::vector<std::string> states_of(const mp::Vios& v, const std::string& client) {
  std::vector<std::string> out;
  for (const mp::VirtualDevice* d : v.devices_of(client)) out.emplace_back(mp::state_name(d->state));
  return out;
}

}  // namespace

TEST_CASE("virtual slot accounting") {
  sim::Engine engine;
  mp::Vios vios(engine, "sysB", vios_config("vios1", 1, 8));  // user slots 2..7
  CHECK(vios.name() == "sysB/vios1");
  CHECK(vios.slot_capacity() == 6);
  CHECK(vios.free_slot() == 2);
  REQUIRE(vios.define_server_adapter({.slot = 5, .kind = mp::VirtualDeviceKind::vscsi, .client = "db01", .client_slot = 3}).ok());
  CHECK(vios.used_slots() == 1);
  CHECK(vios.free_slots() == 5);
  CHECK(vios.free_slot(5) == 2);  // the preferred slot is taken
  CHECK(vios.free_slot(6) == 6);
  CHECK(vios.define_server_adapter({.slot = 5, .client = "app"}).reason() ==
        "slot 5 on sysB/vios1 is already used by db01");
  CHECK(vios.define_server_adapter({.slot = 1, .client = "app"}).reason() ==
        "slot 1 is not a usable virtual slot on sysB/vios1 (2-7)");
  CHECK(vios.define_server_adapter({.slot = 8, .client = "app"}).reason() ==
        "slot 8 is not a usable virtual slot on sysB/vios1 (2-7)");
  for (int slot : {7, 2, 4, 3, 6}) REQUIRE(vios.define_server_adapter({.slot = slot, .client = "app"}).ok());
  CHECK(vios.free_slots() == 0);
  CHECK_FALSE(vios.free_slot().has_value());
  std::vector<int> order;
  for (const mp::ServerAdapter& a : vios.adapters()) order.push_back(a.slot);
  CHECK(order == std::vector<int>{2, 3, 4, 5, 6, 7});
  CHECK(vios.remove_server_adapter(4).ok());
  CHECK(vios.remove_server_adapter(4).reason() == "no server adapter in slot 4 on sysB/vios1");
  CHECK(vios.free_slot() == 4);
  CHECK(vios.free_slots() == 1);
}

TEST_CASE("mappings need the right server adapter and visible storage") {
  sim::Engine engine;
  mp::Vios vios(engine, "sysB", storage_vios());
  REQUIRE(vios.define_server_adapter({.slot = 12, .kind = mp::VirtualDeviceKind::vscsi, .client = "db01"}).ok());
  REQUIRE(vios.define_server_adapter({.slot = 13, .kind = mp::VirtualDeviceKind::vfc, .client = "db01"}).ok());
  REQUIRE(vios.define_server_adapter({.slot = 14, .kind = mp::VirtualDeviceKind::vfc, .client = "app"}).ok());
  REQUIRE(vios.define_server_adapter({.slot = 15, .kind = mp::VirtualDeviceKind::vnic, .client = "db01"}).ok());
  CHECK(vios.map_vscsi("db01", 12, "lun1").ok());
  CHECK(vios.map_vscsi("db01", 12, "lun1").reason() == "lun1 is already mapped to db01 in slot 12 on sysB/vios1");
  CHECK(vios.map_vscsi("db01", 12, "lun9").reason() == "sysB/vios1 cannot see LUN lun9");
  CHECK(vios.map_vscsi("app", 12, "lun2").reason() == "no vscsi server adapter for app in slot 12 on sysB/vios1");
  CHECK(vios.map_vscsi("db01", 13, "lun2").reason() == "no vscsi server adapter for db01 in slot 13 on sysB/vios1");
  CHECK(vios.map_vfc("db01", 13, "fcs9").reason() == "no FC port fcs9 on sysB/vios1");
  CHECK(vios.map_vfc("db01", 13, "fcs1").reason() == "fcs1 on sysB/vios1 is not NPIV capable");
  CHECK(vios.map_vfc("db01", 13, "fcs0").ok());
  CHECK(vios.npiv_clients("fcs0") == 1);
  CHECK(vios.map_vfc("app", 14, "fcs0").reason() == "fcs0 on sysB/vios1 has no free NPIV port (1 of 1 in use)");
  CHECK(vios.map_vnic("db01", 15, "P1-C9-T1").reason() == "no SR-IOV port P1-C9-T1 on sysB/vios1");
  CHECK(vios.map_vnic("db01", 15, "P1-C4-T1").ok());
  CHECK(vios.devices_of("db01").size() == 3);
  CHECK(vios.bridges_vlan("ETHERNET0", 100));
  CHECK_FALSE(vios.bridges_vlan("ETHERNET0", 200));
  CHECK_FALSE(vios.bridges_vlan("ETHERNET1", 100));
  CHECK(vios.fc_port("fcs0")->reachable_luns == std::vector<std::string>{"lun7"});
}

TEST_CASE("a client's devices: lock, unlock, unconfigure, undefine, then its slots can go") {
  sim::Engine engine;
  sim::MemoryTraceSink sink;
  engine.set_tracer(&sink);
  mp::Vios vios(engine, "sysA", storage_vios());
  REQUIRE(vios.define_server_adapter({.slot = 12, .kind = mp::VirtualDeviceKind::vscsi, .client = "db01"}).ok());
  REQUIRE(vios.define_server_adapter({.slot = 20 - 7, .kind = mp::VirtualDeviceKind::vscsi, .client = "app"}).ok());
  REQUIRE(vios.map_vscsi("db01", 12, "lun1").ok());
  REQUIRE(vios.map_vscsi("db01", 12, "lun2").ok());
  REQUIRE(vios.map_vscsi("app", 13, "lun3").ok());

  CHECK(vios.lock_client("db01").ok());
  CHECK(states_of(vios, "db01") == std::vector<std::string>{"Locked", "Locked"});
  CHECK(states_of(vios, "app") == std::vector<std::string>{"Available"});
  CHECK(vios.lock_client("db01").reason() == "cannot lock db01 on sysA/vios1: vscsi device in slot 12 (lun1) is Locked");
  CHECK(vios.unconfigure_client("db01").reason() ==
        "cannot unconfigure db01 on sysA/vios1: vscsi device in slot 12 (lun1) is Locked");
  CHECK(vios.undefine_client("db01").reason() ==
        "cannot undefine db01 on sysA/vios1: vscsi device in slot 12 (lun1) is Locked");

  SUBCASE("rollback: unlock returns the devices to Available") {
    CHECK(vios.unlock_client("db01").ok());
    CHECK(states_of(vios, "db01") == std::vector<std::string>{"Available", "Available"});
  }
  SUBCASE("completion on the source (§2.7): unlock, unconfigure, undefine, remove the slot") {
    CHECK(vios.unlock_client("db01").ok());
    CHECK(vios.remove_server_adapter(12).reason() == "slot 12 on sysA/vios1 still has 2 devices of db01");
    CHECK(vios.unconfigure_client("db01").ok());
    CHECK(states_of(vios, "db01") == std::vector<std::string>{"Defined", "Defined"});
    CHECK(vios.undefine_client("db01").ok());
    CHECK(vios.devices_of("db01").empty());
    CHECK(vios.undefine_client("db01").reason() == "no virtual devices of db01 on sysA/vios1");
    CHECK(vios.remove_server_adapter(12).ok());
    CHECK(vios.device_count() == 1);
    CHECK(vios.used_slots() == 1);
    int state_changes = 0;
    for (const sim::TraceRecord& r : sink.records()) {
      if (r.kind == "vios.device" && std::get<std::string>(r.fields[0].value) == "state") ++state_changes;
    }
    CHECK(state_changes == 2 * 3);  // lock, unlock, unconfigure × 2 devices
  }
}

TEST_CASE("a crashed VIOS refuses everything; restart drops the migration locks") {
  sim::Engine engine;
  mp::Vios vios(engine, "sysA", storage_vios());
  REQUIRE(vios.define_server_adapter({.slot = 12, .kind = mp::VirtualDeviceKind::vscsi, .client = "db01"}).ok());
  REQUIRE(vios.map_vscsi("db01", 12, "lun1").ok());
  REQUIRE(vios.lock_client("db01").ok());
  vios.crash();
  CHECK_FALSE(vios.operating());
  const std::string down = "VIOS sysA/vios1 is not operating";
  CHECK(vios.unlock_client("db01").reason() == down);
  CHECK(vios.define_server_adapter({.slot = 14, .client = "x"}).reason() == down);
  CHECK(vios.remove_server_adapter(12).reason() == down);
  CHECK(vios.map_vscsi("db01", 12, "lun2").reason() == down);
  vios.restart();
  CHECK(states_of(vios, "db01") == std::vector<std::string>{"Available"});
  CHECK(vios.lock_client("db01").ok());
}
