#include "models/migration/world.hpp"

#include <iterator>

#include "sim/check.hpp"

namespace models::migration {

power::ManagedSystem& World::add_system(power::ManagedSystemConfig config) {
  SIM_CHECK(system(config.name) == nullptr, "world", "duplicate managed system " + config.name);
  system_index_.emplace(config.name, systems_.size());
  systems_.push_back(std::make_unique<power::ManagedSystem>(engine_, std::move(config)));
  return *systems_.back();
}

power::Vios& World::add_vios(const std::string& system_name, power::ViosConfig config) {
  power::ManagedSystem* sys = system(system_name);
  SIM_CHECK(sys != nullptr, "world", "VIOS on unknown system " + system_name);
  auto vios = std::make_unique<power::Vios>(engine_, system_name, std::move(config));
  const power::Outcome placed = sys->hypervisor().add_partition(vios->partition());
  SIM_CHECK(placed.ok(), "world", "cannot place VIOS: " + placed.reason());
  vios_index_[system_name].push_back(vios_.size());
  vios_partition_index_.emplace(vios->partition().name(), vios_.size());
  vios_.push_back({system_name, std::move(vios)});
  return *vios_.back().vios;
}

power::Lpar& World::add_lpar(const std::string& system_name, power::LparConfig config) {
  power::ManagedSystem* sys = system(system_name);
  SIM_CHECK(sys != nullptr, "world", "partition on unknown system " + system_name);
  // Names are unique per managed system, as on the HMC; another system may have the same name.
  SIM_CHECK(sys->hypervisor().find(config.name) == nullptr, "world", "duplicate partition " + config.name + " on " + system_name);
  auto lpar = std::make_unique<power::Lpar>(engine_, std::move(config));
  const power::Outcome placed = sys->hypervisor().add_partition(*lpar);
  SIM_CHECK(placed.ok(), "world", "cannot place partition: " + placed.reason());
  lpar_index_.emplace(lpar->name(), lpars_.size());
  lpars_.push_back(std::move(lpar));
  lpar_home_.push_back(system_name);
  return *lpars_.back();
}

void World::set_network(network::Topology topology, network::FlowNetworkConfig config) {
  network_ = std::make_unique<network::FlowNetwork>(engine_, std::move(topology), std::move(config));
}

power::ManagedSystem* World::system(std::string_view name) const {
  const auto it = system_index_.find(name);
  return it == system_index_.end() ? nullptr : systems_[it->second].get();
}

// A VIOS is a partition too: asked to migrate one, the HMC finds it and its own check refuses
// it (§3.4, LPMSIM-V020), rather than the request naming nothing.
power::Lpar* World::lpar(std::string_view name) const {
  if (const auto it = lpar_index_.find(name); it != lpar_index_.end()) return lpars_[it->second].get();
  const auto it = vios_partition_index_.find(name);
  return it == vios_partition_index_.end() ? nullptr : &vios_[it->second].vios->partition();
}

power::Lpar* World::lpar_on(std::string_view system_name, std::string_view name) const {
  for (auto [it, end] = lpar_index_.equal_range(name); it != end; ++it) {
    if (lpar_home_[it->second] == system_name) return lpars_[it->second].get();
  }
  return nullptr;
}

// Names are unique per managed system only, so the name narrows the search to its few holders.
power::ManagedSystem* World::home_of(const power::Lpar& lpar) const {
  for (auto [it, end] = lpar_index_.equal_range(lpar.name()); it != end; ++it) {
    if (lpars_[it->second].get() == &lpar) return system(lpar_home_[it->second]);
  }
  for (auto [it, end] = vios_partition_index_.equal_range(lpar.name()); it != end; ++it) {
    if (&vios_[it->second].vios->partition() == &lpar) return system(vios_[it->second].system);
  }
  return nullptr;
}

void World::set_home(const power::Lpar& lpar, const std::string& system_name) {
  for (auto [it, end] = lpar_index_.equal_range(lpar.name()); it != end; ++it) {
    if (lpars_[it->second].get() == &lpar) lpar_home_[it->second] = system_name;
  }
}

power::Vios* World::vios(std::string_view system_name, std::string_view vios_name) const {
  const auto it = vios_index_.find(system_name);
  if (it == vios_index_.end()) return nullptr;
  for (const std::size_t i : it->second) {
    const power::Vios* v = vios_[i].vios.get();
    if (v->name() == vios_name || v->partition().name() == vios_name) return vios_[i].vios.get();  // "sysA/vios1" or "vios1"
  }
  return nullptr;
}

power::Vios* World::find_vios(std::string_view target) const {
  if (const auto slash = target.find('/'); slash != std::string_view::npos)
    return vios(target.substr(0, slash), target.substr(slash + 1));
  const auto [first, end] = vios_partition_index_.equal_range(target);
  if (first == end || std::next(first) != end) return nullptr;  // none, or on two systems: qualify it
  return vios_[first->second].vios.get();
}

std::vector<power::Vios*> World::vios_on(std::string_view system_name) const {
  std::vector<power::Vios*> out;
  if (const auto it = vios_index_.find(system_name); it != vios_index_.end()) {
    for (const std::size_t i : it->second) out.push_back(vios_[i].vios.get());
  }
  return out;
}

std::vector<power::Vios*> World::msps_on(std::string_view system_name) const {
  std::vector<power::Vios*> out;
  for (power::Vios* v : vios_on(system_name)) {
    if (v->msp() != nullptr) out.push_back(v);
  }
  return out;
}

}  // namespace models::migration
