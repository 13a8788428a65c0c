#include "models/migration/world.hpp"

#include "sim/check.hpp"

namespace models::migration {

power::ManagedSystem& World::add_system(power::ManagedSystemConfig config) {
  SIM_CHECK(system(config.name) == nullptr, "world", "duplicate managed system " + config.name);
  systems_.push_back(std::make_unique<power::ManagedSystem>(engine_, std::move(config)));
  return *systems_.back();
}

power::Vios& World::add_vios(const std::string& system_name, power::ViosConfig config) {
  power::ManagedSystem* sys = system(system_name);
  SIM_CHECK(sys != nullptr, "world", "VIOS on unknown system " + system_name);
  auto vios = std::make_unique<power::Vios>(engine_, system_name, std::move(config));
  const power::Outcome placed = sys->hypervisor().add_partition(vios->partition());
  SIM_CHECK(placed.ok(), "world", "cannot place VIOS: " + placed.reason());
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
  lpars_.push_back(std::move(lpar));
  lpar_home_.push_back(system_name);
  return *lpars_.back();
}

void World::set_network(network::Topology topology, network::FlowNetworkConfig config) {
  network_ = std::make_unique<network::FlowNetwork>(engine_, std::move(topology), std::move(config));
}

power::ManagedSystem* World::system(std::string_view name) const {
  for (const auto& s : systems_) {
    if (s->name() == name) return s.get();
  }
  return nullptr;
}

power::Lpar* World::lpar(std::string_view name) const {
  for (const auto& l : lpars_) {
    if (l->name() == name) return l.get();
  }
  return nullptr;
}

power::ManagedSystem* World::home_of(const power::Lpar& lpar) const {
  for (std::size_t i = 0; i < lpars_.size(); ++i) {
    if (lpars_[i].get() == &lpar) return system(lpar_home_[i]);
  }
  return nullptr;
}

void World::set_home(const power::Lpar& lpar, const std::string& system_name) {
  for (std::size_t i = 0; i < lpars_.size(); ++i) {
    if (lpars_[i].get() == &lpar) lpar_home_[i] = system_name;
  }
}

power::Vios* World::vios(std::string_view system_name, std::string_view vios_name) const {
  for (const auto& p : vios_) {
    if (p.system != system_name) continue;
    const std::string& full = p.vios->name();  // "sysA/vios1"
    if (full == vios_name || p.vios->partition().name() == vios_name) return p.vios.get();
  }
  return nullptr;
}

std::vector<power::Vios*> World::vios_on(std::string_view system_name) const {
  std::vector<power::Vios*> out;
  for (const auto& p : vios_) {
    if (p.system == system_name) out.push_back(p.vios.get());
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
