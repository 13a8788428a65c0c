#include "models/migration/world.hpp"

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
  vios_.push_back({system_name, std::move(vios)});
  return *vios_.back().vios;
}

power::Lpar& World::add_lpar(const std::string& system_name, power::LparConfig config) {
  power::ManagedSystem* sys = system(system_name);
  SIM_CHECK(sys != nullptr, "world", "partition on unknown system " + system_name);
  SIM_CHECK(lpar(config.name) == nullptr, "world", "duplicate partition " + config.name);
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

power::Lpar* World::lpar(std::string_view name) const {
  const auto it = lpar_index_.find(name);
  return it == lpar_index_.end() ? nullptr : lpars_[it->second].get();
}

power::ManagedSystem* World::home_of(const power::Lpar& lpar) const {
  const auto it = lpar_index_.find(lpar.name());
  if (it == lpar_index_.end() || lpars_[it->second].get() != &lpar) return nullptr;
  return system(lpar_home_[it->second]);
}

void World::set_home(const power::Lpar& lpar, const std::string& system_name) {
  const auto it = lpar_index_.find(lpar.name());
  if (it != lpar_index_.end() && lpars_[it->second].get() == &lpar) lpar_home_[it->second] = system_name;
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
