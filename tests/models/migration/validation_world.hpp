// A two-system world for the validation tests: sysA and sysB (Power10, FW1050, 128 GiB in 256 MiB
// LMBs, 16 cores), each with two VIOSes vios1/vios2 that are MSPs, see lun-1/lun-2, own an NPIV
// port fcs0 zoned to lun-3 and bridge VLANs 1 and 100; a switch joins the four MSP interfaces.
// The partition db01 (16 GiB, 1.00 unit) on sysA has a dual-VIOS (MPIO) vSCSI disk, a vFC, a vNIC
// and a vEth — so the default request validates with no message. Each test tweaks one thing in
// the spec before build(), or in the built World.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/migration/migration_request.hpp"
#include "models/migration/world.hpp"
#include "sim/engine.hpp"
#include "sim/quantity.hpp"

namespace validation_test {

using namespace sim::literals;
namespace mp = models::power;
namespace mm = models::migration;

inline mp::ManagedSystemConfig system_config(std::string name) {
  mp::ManagedSystemConfig c;
  c.name = std::move(name);
  c.machine_type_model = "9080-HEX";
  c.generation = mp::ProcessorGeneration::power10;
  c.compat_modes = {mp::CompatMode::default_mode, mp::CompatMode::power9_base,
                    mp::CompatMode::power9, mp::CompatMode::power10};
  c.firmware_level = "FW1050.10";
  c.firmware_release = 1050;
  c.installed_memory = 128_GiB;
  c.lmb_size = 256_MiB;
  c.hypervisor_reserved = 1_GiB;
  c.installed_processors = 16;
  return c;
}

inline mp::ViosConfig vios_config(const std::string& system, std::string name, int id) {
  mp::ViosConfig c;
  c.partition.id = id;
  c.partition.name = name;
  c.partition.is_vios = true;
  c.partition.memory_min = 4_GiB;
  c.partition.memory_desired = 4_GiB;
  c.partition.memory_max = 8_GiB;
  c.max_virtual_slots = 40;
  c.visible_luns = {"lun-1", "lun-2"};
  c.fc_ports = {mp::FcPort{"fcs0", true, 64, {"lun-3"}}};
  c.seas = {mp::Sea{"ent8", "ETHERNET0", {1, 100}}};
  c.sriov_ports = {"P1-C4-T1"};
  c.msp = true;
  c.msp_config.ip_interface = system + "/" + name + "/en0";
  return c;
}

inline mp::LparConfig lpar_config() {
  mp::LparConfig c;
  c.id = 5;
  c.name = "db01";
  c.os = mp::OsType::aix;
  c.state = mp::LparState::running;
  c.memory_desired = 16_GiB;
  c.memory_max = 32_GiB;
  c.processors.entitlement = mp::ProcessingUnits::hundredths(100);
  c.current_compat_mode = mp::CompatMode::power9;
  c.preferred_compat_mode = mp::CompatMode::power9;
  c.vscsi = {{10, "vios1", 20, {"lun-1"}}, {11, "vios2", 21, {"lun-1"}}};
  c.vfc = {{12, "vios1", 22, {"c0507600aaaa0000", "c0507600aaaa0001"}, {"lun-3"}}};
  c.vnic = {{13, "vios2", 23, "P1-C4-T1"}};
  c.veth = {{2, "ETHERNET0", 1, {100}}};
  return c;
}

struct WorldSpec {
  mp::ManagedSystemConfig sys_a = system_config("sysA");
  mp::ManagedSystemConfig sys_b = system_config("sysB");
  std::vector<mp::ViosConfig> vios_a{vios_config("sysA", "vios1", 1),
                                     vios_config("sysA", "vios2", 2)};
  std::vector<mp::ViosConfig> vios_b{vios_config("sysB", "vios1", 1),
                                     vios_config("sysB", "vios2", 2)};
  mp::LparConfig lpar = lpar_config();
  bool network = true;
};

struct Rig {
  sim::Engine engine{1};
  mm::World world{engine};
  mm::MigrationRequest request;
  std::vector<std::unique_ptr<mp::Lpar>> extras;  // partitions placed straight into a hypervisor

  mp::Vios& vios(const std::string& system, const std::string& name) {
    return *world.vios(system, name);
  }
  mp::ManagedSystem& system(const std::string& name) { return *world.system(name); }
};

// The source VIOSes get the server adapters and devices that serve db01, as on a real system.
inline void serve_on_source(Rig& rig, const mp::LparConfig& l) {
  for (const auto& a : l.vscsi) {
    mp::Vios& v = rig.vios("sysA", a.server_vios);
    (void)v.define_server_adapter(
        {a.server_slot, mp::VirtualDeviceKind::vscsi, l.name, a.client_slot});
    for (const auto& lun : a.lun_ids) (void)v.map_vscsi(l.name, a.server_slot, lun);
  }
  for (const auto& a : l.vfc) {
    mp::Vios& v = rig.vios("sysA", a.server_vios);
    (void)v.define_server_adapter(
        {a.server_slot, mp::VirtualDeviceKind::vfc, l.name, a.client_slot});
    (void)v.map_vfc(l.name, a.server_slot, "fcs0");
  }
  for (const auto& a : l.vnic) {
    mp::Vios& v = rig.vios("sysA", a.server_vios);
    (void)v.define_server_adapter(
        {a.server_slot, mp::VirtualDeviceKind::vnic, l.name, a.client_slot});
    (void)v.map_vnic(l.name, a.server_slot, a.backing_port);
  }
}

inline std::unique_ptr<Rig> build(const WorldSpec& spec = {}) {
  auto rig = std::make_unique<Rig>();
  rig->world.add_system(spec.sys_a);
  rig->world.add_system(spec.sys_b);
  for (const auto& v : spec.vios_a) rig->world.add_vios("sysA", v);
  for (const auto& v : spec.vios_b) rig->world.add_vios("sysB", v);
  rig->world.add_lpar("sysA", spec.lpar);
  serve_on_source(*rig, spec.lpar);
  if (spec.network) {
    models::network::Topology t;
    const auto sw = t.add_node("sw1", models::network::NodeKind::network_switch);
    for (const auto* list : {&spec.vios_a, &spec.vios_b})
      for (const auto& v : *list)
        if (v.msp) {
          const auto n =
              t.add_node(v.msp_config.ip_interface, models::network::NodeKind::msp_interface);
          t.add_link(n, sw, models::network::symmetric_link(10_Gbps, 50_us),
                     v.msp_config.ip_interface + "--sw1");
        }
    rig->world.set_network(std::move(t));
  }
  rig->request.source_system = "sysA";
  rig->request.destination_system = "sysB";
  rig->request.lpar = spec.lpar.name;
  return rig;
}

}  // namespace validation_test

#include <doctest/doctest.h>

#include "models/migration/validation.hpp"

namespace validation_test {

inline mm::ValidationResult run(const Rig& rig) { return mm::validate(rig.world, rig.request); }

// Every message as the HMC prints it, one per line: shown when a check fails.
inline std::string dump(const mm::ValidationResult& r) {
  std::string out;
  for (const auto& m : r.messages)
    out += (m.severity == mm::ValidationMessage::Severity::error ? "E "
            : m.overridden                                       ? "W(overridden) "
                                                                 : "W ") +
           mm::hmc_line(m) + "\n";
  return out;
}

inline void expect_clean(const mm::ValidationResult& r) {
  INFO(dump(r));
  CHECK(r.messages.empty());
  CHECK(r.ok());
}

// Exactly one message, with this code, severity and text.
inline void expect_only(
    const mm::ValidationResult& r, const std::string& code, const std::string& text,
    mm::ValidationMessage::Severity severity = mm::ValidationMessage::Severity::error,
    bool overridden = false) {
  INFO(dump(r));
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0].code == code);
  CHECK(r.messages[0].text == text);
  CHECK(r.messages[0].severity == severity);
  CHECK(r.messages[0].overridden == overridden);
  CHECK(r.ok() == (severity != mm::ValidationMessage::Severity::error));
}

inline constexpr auto kError = mm::ValidationMessage::Severity::error;
inline constexpr auto kWarning = mm::ValidationMessage::Severity::warning;

}  // namespace validation_test
