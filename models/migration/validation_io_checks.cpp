// Validation checks on VIOSes, storage and VLANs (lpm-protocol.md §2.3, §3.3): the source VIOSes
// must answer, the mapping plan must place every client adapter (its failures become messages
// here), and the redundancy the partition has on the source is kept or, by flag, given up.
// Codes in validation.hpp.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "models/migration/validation_checks.hpp"

namespace models::migration::checks {

namespace {

// Source VIOS partition names serving each client adapter, in adapter order, deduplicated.
std::vector<std::string> serving_vios(const power::LparConfig& cfg) {
  std::vector<std::string> out;
  auto add = [&](const std::string& v) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  for (const auto& a : cfg.vscsi) add(a.server_vios);
  for (const auto& a : cfg.vfc) add(a.server_vios);
  for (const auto& a : cfg.vnic) add(a.server_vios);
  return out;
}

std::string code_for(MappingProblem p) {
  switch (p) {
    case MappingProblem::no_destination_vios: return "LPMSIM-V041";
    case MappingProblem::storage_not_visible: return "LPMSIM-V042";
    case MappingProblem::no_npiv_port: return "HSCLA319";
    case MappingProblem::no_sriov_port: return "LPMSIM-V044";
    case MappingProblem::no_free_slot: return "LPMSIM-V045";
    case MappingProblem::user_unknown_adapter: return "LPMSIM-V050";
    case MappingProblem::user_unknown_vios: return "LPMSIM-V051";
    case MappingProblem::user_slot_unavailable: return "LPMSIM-V052";
    case MappingProblem::user_no_free_slot: return "LPMSIM-V053";
    case MappingProblem::user_cannot_host: return "LPMSIM-V054";
  }
  return "LPMSIM-V041";
}

std::string vios_count(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " Virtual I/O Server" : " Virtual I/O Servers");
}

}  // namespace

// §3.1: RMC to the source VIOSes; a VIOS that is down cannot release the partition's devices.
void check_source_vios(const CheckContext& c) {
  for (const std::string& name : serving_vios(c.lpar.config())) {
    const power::Vios* v = c.world.vios(c.source.name(), name);
    if (v == nullptr || v->operating()) continue;
    c.error("LPMSIM-V040", "The Virtual I/O Server " + name + " on the source managed system " +
                               c.source.name() + ", which serves the partition " + c.lpar.name() +
                               ", is not operating.");
  }
}

void check_wwpn_pairs(const CheckContext& c) {
  for (const auto& a : c.lpar.config().vfc) {
    if (!a.wwpns[0].empty() && !a.wwpns[1].empty()) continue;
    c.error("LPMSIM-V043",
            "The migrating partition's virtual fibre channel client adapter " +
                std::to_string(a.client_slot) +
                " does not have a pair of WWPNs; the second WWPN is used for partition mobility.");
  }
}

void check_vlans_bridged(const CheckContext& c) {
  const auto vioses = c.world.vios_on(c.destination.name());
  for (const auto& a : c.lpar.config().veth) {
    std::vector<int> vlans{a.port_vlan_id};
    vlans.insert(vlans.end(), a.tagged_vlans.begin(), a.tagged_vlans.end());
    for (const int vlan : vlans) {
      const bool bridged = std::any_of(vioses.begin(), vioses.end(), [&](const power::Vios* v) {
        return v->operating() && v->bridges_vlan(a.vswitch, vlan);
      });
      if (bridged) continue;
      c.requirement(c.request.vlan_bridge, "LPMSIM-V046",
                    "VLAN " + std::to_string(vlan) + " on the virtual switch " + a.vswitch +
                        " of the partition's virtual Ethernet adapter " +
                        std::to_string(a.client_slot) +
                        " is not bridged by a Shared Ethernet Adapter of any Virtual I/O Server on "
                        "the destination managed system " +
                        c.destination.name() + ".");
    }
  }
}

void report_mapping_failures(const CheckContext& c, const MappingPlan& plan) {
  for (const MappingFailure& f : plan.failures) c.error(code_for(f.problem), f.text);
}

// Judged on a complete plan only: an adapter that cannot be placed is already an error, and a
// partial plan would report a redundancy loss that is only its consequence.
void check_vios_redundancy(const CheckContext& c, const MappingPlan& plan) {
  if (!plan.complete()) return;
  const std::size_t before = serving_vios(c.lpar.config()).size();
  const std::size_t after = plan.destination_vios().size();
  if (after >= before) return;
  c.requirement(c.request.redundant_vios, "LPMSIM-V047",
                "The partition " + c.lpar.name() + " is served by " + vios_count(before) +
                    " on the source managed system " + c.source.name() +
                    " but would be served by only " + std::to_string(after) +
                    " on the destination managed system " + c.destination.name() +
                    "; VIOS redundancy would be reduced.");
}

// A disk reached through client adapters served by distinct source VIOSes is a multipath (MPIO)
// set-up; it is kept when those adapters land on as many distinct destination VIOSes.
void check_mpio(const CheckContext& c, const MappingPlan& plan) {
  if (!plan.complete()) return;
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>>
      paths;  // LUN → (source, destination)
  auto add = [&](power::VirtualDeviceKind kind, int client_slot, const std::string& src,
                 const std::vector<std::string>& luns) {
    const PlannedMapping* m = plan.find(kind, client_slot);
    for (const auto& lun : luns) {
      paths[lun].first.insert(src);
      if (m != nullptr) paths[lun].second.insert(m->vios->partition().name());
    }
  };
  for (const auto& a : c.lpar.config().vscsi)
    add(power::VirtualDeviceKind::vscsi, a.client_slot, a.server_vios, a.lun_ids);
  for (const auto& a : c.lpar.config().vfc)
    add(power::VirtualDeviceKind::vfc, a.client_slot, a.server_vios, a.lun_ids);
  for (const auto& [lun, sets] : paths) {
    const auto& [before, after] = sets;
    if (before.size() < 2 || after.size() >= before.size()) continue;
    c.requirement(c.request.mpio, "LPMSIM-V048",
                  "The disk " + lun + " is reached through " + vios_count(before.size()) +
                      " on the source managed system " + c.source.name() +
                      " (multipath I/O) but would be reached through only " +
                      std::to_string(after.size()) + " on the destination managed system " +
                      c.destination.name() + ".");
  }
}

}  // namespace models::migration::checks
