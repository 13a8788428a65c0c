// Virtual adapters from lshwres -r virtualio: client vSCSI/vFC adapters name their VIOS and
// server slot (remote_lpar_id/remote_lpar_name, remote_slot_num); vEth adapters carry VLANs; a
// VIOS's trunk adapters (is_trunk=1) are the virtual side of its SEAs.
#include <algorithm>
#include <fmt/core.h>
#include <set>

#include "app/hmc_import/scenario_builder.hpp"

namespace app::hmc_import::detail {

std::string megabytes(std::int64_t mb) {
  return mb % 1024 == 0 ? fmt::format("{}GiB", mb / 1024) : fmt::format("{}MiB", mb);
}

std::string assumed_lun(const PartitionData& lpar, const char* kind, std::int64_t slot) {
  return fmt::format("{}-{}-c{}", lpar.name, kind, slot);
}

void ScenarioBuilder::assume(const std::string& key, const std::string& value,
                             const std::string& reason, const std::string& subject) {
  for (std::size_t i = 0; i < assumptions.size(); ++i)
    if (assumptions[i].key == key && assumptions[i].value == value &&
        assumptions[i].reason == reason) {
      if (!subject.empty())
        subjects[i].push_back(subject);
      return;
    }
  assumptions.push_back({key, value, reason});
  subjects.push_back(subject.empty() ? std::vector<std::string>{}
                                     : std::vector<std::string>{subject});
}

namespace {

// The VIOS behind a client adapter: remote_lpar_id, else remote_lpar_name.
const PartitionData* hosting_vios(SystemData& s, const Fields& f) {
  const PartitionData* v = nullptr;
  if (f.record().find("remote_lpar_id")) {
    const auto id = f.integer("remote_lpar_id", 1, 1000, "the hosting VIOS's partition id");
    if (!id)
      return nullptr;
    v = s.find(static_cast<int>(*id));
  } else if (const std::string* name = f.text("remote_lpar_name")) {
    v = s.find(*name);
  }
  if (!v || !v->is_vios()) {
    f.error(f.record().find("remote_lpar_id") ? "remote_lpar_id" : "remote_lpar_name",
            "expected a VIOS partition of " + s.name +
                " (in lssyscfg -r lpar with lpar_env=vioserver)");
    return nullptr;
  }
  return v;
}

// Warns when the VIOS lists server adapters but none pairs with this client adapter.
void check_server_side(const PartitionData& vios, bool fc, int client_id, std::int64_t client_slot,
                       std::int64_t server_slot, const Fields& f) {
  const auto& servers = fc ? vios.fc : vios.scsi;
  bool any = false;
  for (const HmcRecord* r : servers) {
    const std::string* type = r->find("adapter_type");
    if (!type || *type != "server")
      continue;
    any = true;
    const std::string* slot = r->find("slot_num");
    const std::string* rid = r->find("remote_lpar_id");
    const std::string* rslot = r->find("remote_slot_num");
    if (slot && *slot == std::to_string(server_slot) &&
        (!rid || *rid == std::to_string(client_id) || *rid == "any") &&
        (!rslot || *rslot == std::to_string(client_slot) || *rslot == "any"))
      return;
  }
  if (any)
    f.warning("remote_slot_num", "VIOS " + vios.name + " lists no server adapter in slot " +
                                     std::to_string(server_slot) + " for this client adapter");
}

void add_storage_adapters(ScenarioBuilder& b, SystemData& s, const PartitionData& lpar, bool fc,
                          std::vector<std::pair<std::int64_t, nlohmann::ordered_json>>& out,
                          std::vector<std::string>& luns) {
  const HmcCommand command = fc ? HmcCommand::lshwres_fc : HmcCommand::lshwres_scsi;
  for (const HmcRecord* r : fc ? lpar.fc : lpar.scsi) {
    Fields f(*r, command, b.problems);
    const std::string* type = f.text("adapter_type");
    if (!type)
      continue;
    if (*type != "client") {
      if (*type != "server")
        f.error("adapter_type", "expected client or server; found " + in_quotes(*type));
      else
        f.warning("adapter_type",
                  "a server adapter on partition " + lpar.name + " (not a VIOS) is ignored");
      continue;
    }
    const auto slot = f.integer("slot_num", 2, 65535, "a virtual slot number in [2, 65535]");
    const PartitionData* vios = hosting_vios(s, f);
    const auto vios_slot =
        f.integer("remote_slot_num", 2, 65535, "the VIOS server slot in [2, 65535]");
    if (!slot || !vios || !vios_slot)
      continue;
    check_server_side(*vios, fc, lpar.id, *slot, *vios_slot, f);
    nlohmann::ordered_json a;
    a["type"] = fc ? "vfc" : "vscsi";
    a["client_slot"] = *slot;
    a["vios"] = vios->name;
    a["vios_slot"] = *vios_slot;
    if (fc) {
      const auto wwpns = f.list("wwpns");
      if (wwpns.size() != 2) {
        f.error("wwpns", "expected the client adapter's two WWPNs \"w1,w2\"; found " +
                             std::to_string(wwpns.size()));
        continue;
      }
      a["physical_port"] = "fcs0";
      a["wwpns"] = wwpns;
      b.assume(
          "/managed_systems/*/lpars/*/virtual_adapters/*/physical_port", "\"fcs0\"",
          "the HMC does not show which FC port backs a vFC adapter (lsmap -npiv on the VIOS does)",
          lpar.name + " slot " + std::to_string(*slot));
    }
    const std::string lun = assumed_lun(lpar, fc ? "vfc" : "vscsi", *slot);
    a["luns"] = nlohmann::ordered_json::array({lun});
    luns.push_back(lun);
    b.assume("/managed_systems/*/lpars/*/virtual_adapters/*/luns",
             "one LUN \"<lpar>-<vscsi|vfc>-c<slot>\"",
             "the HMC does not list LUN ids; name your real LUNs here and in each VIOS's luns",
             lpar.name + " slot " + std::to_string(*slot));
    out.emplace_back(*slot, std::move(a));
  }
}

std::vector<std::int64_t> vlans_of(const Fields& f, bool with_port_vlan) {
  std::vector<std::int64_t> vlans;
  if (with_port_vlan)
    if (auto v = f.integer("port_vlan_id", 1, 4094, "a VLAN id in [1, 4094]"))
      vlans.push_back(*v);
  const std::string* ieee = f.record().find("ieee_virtual_eth");
  if (ieee && *ieee == "0")
    return vlans;
  for (const auto& item : f.list("addl_vlan_ids")) {
    try {
      std::size_t used = 0;
      const long v = std::stol(item, &used);
      if (used != item.size() || v < 1 || v > 4094)
        throw std::invalid_argument(item);
      vlans.push_back(v);
    } catch (const std::exception&) {
      f.error("addl_vlan_ids",
              "expected VLAN ids in [1, 4094] separated by commas; found " + in_quotes(item));
    }
  }
  return vlans;
}

} // namespace

nlohmann::ordered_json client_adapters(ScenarioBuilder& b, SystemData& s, const PartitionData& lpar,
                                       std::vector<std::string>& luns) {
  std::vector<std::pair<std::int64_t, nlohmann::ordered_json>> adapters;
  add_storage_adapters(b, s, lpar, false, adapters, luns);
  add_storage_adapters(b, s, lpar, true, adapters, luns);
  for (const HmcRecord* r : lpar.eth) {
    Fields f(*r, HmcCommand::lshwres_eth, b.problems);
    const auto slot = f.integer("slot_num", 2, 65535, "a virtual slot number in [2, 65535]");
    const auto vlan = f.integer("port_vlan_id", 1, 4094, "a VLAN id in [1, 4094]");
    if (!slot || !vlan)
      continue;
    nlohmann::ordered_json a;
    a["type"] = "veth";
    a["client_slot"] = *slot;
    a["vlan"] = *vlan;
    const auto tagged = vlans_of(f, false);
    if (!tagged.empty())
      a["additional_vlans"] = tagged;
    if (const std::string* vswitch = f.text("vswitch", false))
      a["vswitch"] = *vswitch;
    adapters.emplace_back(*slot, std::move(a));
  }
  std::stable_sort(adapters.begin(), adapters.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (auto& [slot, a] : adapters)
    out.push_back(std::move(a));
  return out;
}

nlohmann::ordered_json vios_seas(ScenarioBuilder& b, const PartitionData& vios) {
  nlohmann::ordered_json seas = nlohmann::ordered_json::array();
  for (const HmcRecord* r : vios.eth) {
    Fields f(*r, HmcCommand::lshwres_eth, b.problems);
    const std::string* trunk = f.text("is_trunk", false);
    if (!trunk || *trunk != "1")
      continue; // the VIOS's own interfaces (e.g. the MSP's IP)
    const auto slot = f.integer("slot_num", 2, 65535, "a virtual slot number in [2, 65535]");
    auto vlans = vlans_of(f, true);
    if (!slot || vlans.empty())
      continue;
    std::sort(vlans.begin(), vlans.end());
    vlans.erase(std::unique(vlans.begin(), vlans.end()), vlans.end());
    nlohmann::ordered_json sea;
    sea["name"] = fmt::format("sea-c{}", *slot);
    sea["vlans"] = vlans;
    seas.push_back(std::move(sea));
    b.assume("/managed_systems/*/vios/*/seas/*/name", "\"sea-c<trunk slot>\"",
             "the HMC shows the trunk adapter, not the SEA device name (entN on the VIOS)",
             vios.name);
  }
  return seas;
}

} // namespace app::hmc_import::detail
