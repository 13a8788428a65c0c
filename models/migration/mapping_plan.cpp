#include "models/migration/mapping_plan.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace models::migration {

namespace {

using power::VirtualDeviceKind;

// The three client adapter kinds seen through one shape, so the chooser is written once.
struct ClientAdapter {
  VirtualDeviceKind kind = VirtualDeviceKind::vscsi;
  int client_slot = 0;
  std::string server_vios;
  int server_slot = 0;
  std::vector<std::string> luns;  // vSCSI disks, vFC zoning
  std::string backing_port;       // vNIC SR-IOV port label on the source
};

std::vector<ClientAdapter> client_adapters(const power::LparConfig& c, VirtualDeviceKind kind) {
  std::vector<ClientAdapter> out;
  if (kind == VirtualDeviceKind::vscsi)
    for (const auto& a : c.vscsi)
      out.push_back({kind, a.client_slot, a.server_vios, a.server_slot, a.lun_ids, {}});
  if (kind == VirtualDeviceKind::vfc)
    for (const auto& a : c.vfc)
      out.push_back({kind, a.client_slot, a.server_vios, a.server_slot, a.lun_ids, {}});
  if (kind == VirtualDeviceKind::vnic)
    for (const auto& a : c.vnic)
      out.push_back({kind, a.client_slot, a.server_vios, a.server_slot, {}, a.backing_port});
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.client_slot < b.client_slot; });
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string cannot_host(const ClientAdapter& a) {
  return "The migrating partition's " + std::string(adapter_words(a.kind)) + " client adapter " +
         std::to_string(a.client_slot) +
         " cannot be hosted by the existing Virtual I/O Servers (VIOS) on the destination managed "
         "system.";
}

// Can this VIOS host the adapter? Yes: the backings it would map. No: nullopt and `why` says so.
struct Hosting {
  std::optional<std::vector<std::string>> backings;
  std::string why;  // "it does not see LUN lun-3"
};

class Planner {
 public:
  Planner(const World& world, const power::Lpar& lpar, const power::ManagedSystem& destination,
          const MigrationRequest& request)
      : lpar_(lpar), dst_(destination), request_(request) {
    for (power::Vios* v : world.vios_on(destination.name()))
      if (v->operating()) dest_.push_back(v);
  }

  void place_user(const AdapterMapping& m, VirtualDeviceKind kind);
  void place_default(const ClientAdapter& a);
  bool handled(VirtualDeviceKind kind, int slot) const {
    return handled_.count({static_cast<int>(kind), slot}) > 0;
  }
  MappingPlan take() { return std::move(plan_); }

 private:
  Hosting hosting(const power::Vios& v, const ClientAdapter& a,
                  const std::optional<std::string>& port) const;
  bool slot_free(const power::Vios& v, int slot) const;
  std::optional<int> slot_for(const power::Vios& v, int preferred) const;
  power::Vios* resolve(const AdapterMapping& m) const;
  void record(const ClientAdapter& a, power::Vios& v, int slot, std::vector<std::string> backings,
              bool user);
  void fail(const ClientAdapter& a, MappingProblem p, std::string text);
  std::string mapping_words(VirtualDeviceKind kind, int client_slot) const;

  const power::Lpar& lpar_;
  const power::ManagedSystem& dst_;
  const MigrationRequest& request_;
  std::vector<power::Vios*> dest_;                      // operating destination VIOSes, World order
  std::map<std::string, std::set<int>> planned_slots_;  // by VIOS name
  // (VIOS, FC port) → vFC clients this plan puts there, on top of those already mapped.
  std::map<std::pair<std::string, std::string>, int> planned_npiv_;
  std::map<std::string, std::string> pairing_;  // source VIOS name → destination VIOS name
  std::set<std::pair<int, int>> handled_;       // (kind, client slot)
  MappingPlan plan_;
};

Hosting Planner::hosting(const power::Vios& v, const ClientAdapter& a,
                         const std::optional<std::string>& port) const {
  const std::string& name = v.partition().name();
  switch (a.kind) {
    case VirtualDeviceKind::vscsi:
      for (const auto& lun : a.luns)
        if (!v.sees_lun(lun)) return {std::nullopt, name + " does not see LUN " + lun};
      return {a.luns, {}};
    case VirtualDeviceKind::vfc:
      for (const power::FcPort& p : v.config().fc_ports) {
        if (port && p.name != *port) continue;
        const auto planned = planned_npiv_.find({v.name(), p.name});
        const int in_use =
            v.npiv_clients(p.name) + (planned == planned_npiv_.end() ? 0 : planned->second);
        if (!p.npiv_capable || in_use >= p.max_npiv_clients) continue;
        // --npivval portdisk: the port must also reach the disks the WWPNs are zoned to (§3.3).
        const bool reaches = std::all_of(a.luns.begin(), a.luns.end(), [&](const std::string& lun) {
          return std::find(p.reachable_luns.begin(), p.reachable_luns.end(), lun) !=
                 p.reachable_luns.end();
        });
        // Port level (the default): the second WWPN must reach the adapter's storage through
        // the port at all, which a port that sees none of its disks cannot (HSCLA319, S19).
        const bool sees_any = a.luns.empty() || std::any_of(a.luns.begin(), a.luns.end(), [&](const std::string& lun) {
          return std::find(p.reachable_luns.begin(), p.reachable_luns.end(), lun) != p.reachable_luns.end();
        });
        if (!sees_any || (request_.npiv_disk_validation && !reaches)) continue;
        return {std::vector<std::string>{p.name}, {}};
      }
      return {std::nullopt,
              name + " has no NPIV-capable FC port" + (port ? " " + *port : std::string()) +
                  " with a free client slot" +
                  (request_.npiv_disk_validation ? " reaching the adapter's LUNs" : " reaching the adapter's storage")};
    case VirtualDeviceKind::vnic: {
      const auto& ports = v.config().sriov_ports;
      if (ports.empty()) return {std::nullopt, name + " has no SR-IOV port"};
      const bool same = std::find(ports.begin(), ports.end(), a.backing_port) != ports.end();
      return {std::vector<std::string>{same ? a.backing_port : ports.front()}, {}};
    }
  }
  return {std::nullopt, "unknown adapter kind"};
}

bool Planner::slot_free(const power::Vios& v, int slot) const {
  if (slot < power::Vios::kFirstUserSlot || slot >= v.config().max_virtual_slots ||
      v.adapter_at(slot) != nullptr)
    return false;
  const auto planned = planned_slots_.find(v.name());
  return planned == planned_slots_.end() || planned->second.count(slot) == 0;
}

// §2.1 step 4: the HMC keeps the server slot number where it can, else takes the lowest free one.
std::optional<int> Planner::slot_for(const power::Vios& v, int preferred) const {
  if (slot_free(v, preferred)) return preferred;
  for (int slot = power::Vios::kFirstUserSlot; slot < v.config().max_virtual_slots; ++slot)
    if (slot_free(v, slot)) return slot;
  return std::nullopt;
}

power::Vios* Planner::resolve(const AdapterMapping& m) const {
  for (power::Vios* v : dest_) {
    if (!m.vios_name.empty() ? v->partition().name() == m.vios_name
                             : (m.vios_id && v->partition().id() == *m.vios_id))
      return v;
  }
  return nullptr;
}

void Planner::record(const ClientAdapter& a, power::Vios& v, int slot,
                     std::vector<std::string> backings, bool user) {
  planned_slots_[v.name()].insert(slot);
  if (a.kind == VirtualDeviceKind::vfc) ++planned_npiv_[{v.name(), backings.front()}];
  pairing_.emplace(a.server_vios, v.partition().name());
  handled_.insert({static_cast<int>(a.kind), a.client_slot});
  plan_.mappings.push_back(
      {a.kind, a.client_slot, a.server_vios, a.server_slot, &v, slot, std::move(backings), user});
}

void Planner::fail(const ClientAdapter& a, MappingProblem p, std::string text) {
  handled_.insert({static_cast<int>(a.kind), a.client_slot});
  plan_.failures.push_back({a.kind, a.client_slot, p, std::move(text)});
}

std::string Planner::mapping_words(VirtualDeviceKind kind, int client_slot) const {
  return "The " + std::string(adapter_words(kind)) + " mapping for client slot " +
         std::to_string(client_slot);
}

// A user mapping is taken as given: when it cannot be honoured it is an error, never silently
// replaced by the default choice (the user asked for that VIOS). The first mapping of a slot wins.
void Planner::place_user(const AdapterMapping& m, VirtualDeviceKind kind) {
  const auto adapters = client_adapters(lpar_.config(), kind);
  const auto it = std::find_if(adapters.begin(), adapters.end(),
                               [&](const auto& a) { return a.client_slot == m.client_slot; });
  const std::string words = mapping_words(kind, m.client_slot);
  if (it == adapters.end()) {
    plan_.failures.push_back({kind, m.client_slot, MappingProblem::user_unknown_adapter,
                              words + " does not match a " + std::string(adapter_words(kind)) +
                                  " client adapter of " + lpar_.name() + "."});
    return;
  }
  if (handled(kind, m.client_slot)) return;
  const ClientAdapter& a = *it;
  const std::string vios_text = !m.vios_name.empty()
                                    ? m.vios_name
                                    : "the VIOS with ID " + std::to_string(m.vios_id.value_or(0));
  power::Vios* v = resolve(m);
  if (v == nullptr)
    return fail(
        a, MappingProblem::user_unknown_vios,
        words + " names " + vios_text +
            ", which is not an operating Virtual I/O Server on the destination managed system " +
            dst_.name() + ".");
  const Hosting h = hosting(*v, a, m.fc_port);
  if (!h.backings)
    return fail(a, MappingProblem::user_cannot_host,
                words + " names " + vios_text + ", which cannot host the adapter: " + h.why + ".");
  if (m.vios_slot && !slot_free(*v, *m.vios_slot))
    return fail(a, MappingProblem::user_slot_unavailable,
                words + " asks for server slot " + std::to_string(*m.vios_slot) + " on " +
                    vios_text + ", which is in use or not a valid virtual slot.");
  const std::optional<int> slot = m.vios_slot ? m.vios_slot : slot_for(*v, a.server_slot);
  if (!slot)
    return fail(a, MappingProblem::user_no_free_slot,
                words + " names " + vios_text + ", which has no free virtual slot.");
  record(a, *v, *slot, *h.backings, true);
}

// The default chooser. Score, lowest wins: the destination VIOS already paired with this adapter's
// source VIOS (0), one not yet paired with any (1), any other (2); then keeping the source slot;
// then World order. Pairing source VIOSes one-to-one keeps dual-VIOS and MPIO set-ups redundant.
void Planner::place_default(const ClientAdapter& a) {
  if (dest_.empty())
    return fail(a, MappingProblem::no_destination_vios,
                cannot_host(a) + " The destination managed system " + dst_.name() +
                    " has no operating VIOS.");
  std::set<std::string> paired;
  for (const auto& [src, dst] : pairing_) paired.insert(dst);
  const auto own = pairing_.find(a.server_vios);
  std::vector<std::string> capable;
  std::vector<std::string> whys;
  std::optional<std::tuple<int, int, std::size_t>> best;
  power::Vios* chosen = nullptr;
  std::vector<std::string> backings;
  for (std::size_t i = 0; i < dest_.size(); ++i) {
    power::Vios& v = *dest_[i];
    const Hosting h = hosting(v, a, std::nullopt);
    if (!h.backings) {
      whys.push_back(h.why);
      continue;
    }
    const std::string& name = v.partition().name();
    capable.push_back(name);
    const std::optional<int> slot = slot_for(v, a.server_slot);
    if (!slot) continue;
    const int tier =
        own != pairing_.end() && own->second == name ? 0 : (paired.count(name) == 0 ? 1 : 2);
    const auto score = std::make_tuple(tier, *slot == a.server_slot ? 0 : 1, i);
    if (!best || score < *best) {
      best = score;
      chosen = &v;
      backings = *h.backings;
    }
  }
  if (chosen != nullptr)
    return record(a, *chosen, *slot_for(*chosen, a.server_slot), std::move(backings), false);
  if (!capable.empty())
    return fail(a, MappingProblem::no_free_slot,
                cannot_host(a) + " Every VIOS on " + dst_.name() + " that could host it (" +
                    join(capable) + ") has all its virtual slots in use.");
  const MappingProblem p = a.kind == VirtualDeviceKind::vscsi ? MappingProblem::storage_not_visible
                           : a.kind == VirtualDeviceKind::vfc ? MappingProblem::no_npiv_port
                                                              : MappingProblem::no_sriov_port;
  std::string reasons;
  for (const auto& w : whys) reasons += (reasons.empty() ? "" : "; ") + w;
  fail(a, p, cannot_host(a) + " No VIOS on " + dst_.name() + " can host it: " + reasons + ".");
}

void add_source_side(const World& world, const power::ManagedSystem& source,
                     const std::string& client, MappingPlan& plan) {
  for (power::Vios* v : world.vios_on(source.name())) {
    const auto devices = v->devices_of(client);
    const bool has_adapter =
        std::any_of(v->adapters().begin(), v->adapters().end(),
                    [&](const power::ServerAdapter& s) { return s.client == client; });
    if (!has_adapter && devices.empty()) continue;
    plan.source_vios.push_back(v);
    for (const power::VirtualDevice* d : devices)
      plan.source_devices.push_back({v, d->kind, d->server_slot, d->backing});
  }
}

}  // namespace

std::string_view adapter_words(power::VirtualDeviceKind kind) {
  switch (kind) {
    case VirtualDeviceKind::vscsi: return "virtual SCSI";
    case VirtualDeviceKind::vfc: return "virtual fibre channel";
    case VirtualDeviceKind::vnic: return "vNIC";
  }
  return "virtual";
}

const PlannedMapping* MappingPlan::find(power::VirtualDeviceKind kind, int client_slot) const {
  for (const auto& m : mappings)
    if (m.kind == kind && m.client_slot == client_slot) return &m;
  return nullptr;
}

std::vector<const power::Vios*> MappingPlan::destination_vios() const {
  std::vector<const power::Vios*> out;
  for (const auto& m : mappings)
    if (std::find(out.begin(), out.end(), m.vios) == out.end()) out.push_back(m.vios);
  return out;
}

MappingPlan plan_mappings(const World& world, const power::Lpar& lpar,
                          const power::ManagedSystem& source,
                          const power::ManagedSystem& destination,
                          const MigrationRequest& request) {
  Planner planner(world, lpar, destination, request);
  const std::pair<const std::vector<AdapterMapping>*, VirtualDeviceKind> user[] = {
      {&request.vscsi_mappings, VirtualDeviceKind::vscsi},
      {&request.vfc_mappings, VirtualDeviceKind::vfc},
      {&request.vnic_mappings, VirtualDeviceKind::vnic}};
  for (const auto& [mappings, kind] : user)
    for (const AdapterMapping& m : *mappings) planner.place_user(m, kind);
  for (const VirtualDeviceKind kind :
       {VirtualDeviceKind::vscsi, VirtualDeviceKind::vfc, VirtualDeviceKind::vnic})
    for (const ClientAdapter& a : client_adapters(lpar.config(), kind))
      if (!planner.handled(kind, a.client_slot)) planner.place_default(a);
  MappingPlan plan = planner.take();
  add_source_side(world, source, lpar.name(), plan);
  return plan;
}

}  // namespace models::migration
