#include "protocol_world.hpp"

namespace protocol_test {

namespace {
mp::ManagedSystemConfig system_config(const std::string& name) {
  mp::ManagedSystemConfig c;
  c.name = name;
  c.machine_type_model = "9105-42A";
  c.installed_memory = sim::parse_bytes("512GiB");
  c.installed_processors = 32;
  c.firmware_level = "FW1050.10";
  c.firmware_release = 1050;
  c.max_active_migrations = 4;  // §5.2's baseline tier: binds before the HMC's 8 per MSP pair
  return c;
}

mp::ViosConfig vios_config(const std::string& system, int id) {
  mp::ViosConfig v;
  v.partition.id = id;
  v.partition.name = "vios" + std::to_string(id);
  v.partition.is_vios = true;
  v.partition.memory_min = v.partition.memory_desired = v.partition.memory_max = sim::parse_bytes("8GiB");
  v.msp = true;
  v.msp_config.ip_interface = system + "/" + v.partition.name + "/en0";
  v.msp_config.cpu_capacity = mp::ProcessingUnits::cores(4);
  v.msp_config.rate_per_cpu = sim::parse_rate("10Gbit/s");
  return v;
}
}  // namespace

ProtocolWorld::ProtocolWorld(std::uint64_t seed, sim::BytesPerSecond link) : engine(seed) {
  tee.add(&trace);
  engine.set_tracer(&tee);
  world.add_system(system_config("sysA"));
  world.add_system(system_config("sysB"));
  world.add_vios("sysA", vios_config("sysA", 1));
  world.add_vios("sysB", vios_config("sysB", 1));
  models::network::Topology t;
  const auto a = t.add_node("sysA/vios1/en0", models::network::NodeKind::msp_interface);
  const auto s = t.add_node("switch", models::network::NodeKind::network_switch);
  const auto b = t.add_node("sysB/vios1/en0", models::network::NodeKind::msp_interface);
  t.add_link(a, s, models::network::symmetric_link(link, 50_us, 9000), "a-switch");
  t.add_link(s, b, models::network::symmetric_link(link, 50_us, 9000), "switch-b");
  world.set_network(std::move(t));
}

void ProtocolWorld::add_second_msp_pair() {
  world.add_vios("sysA", vios_config("sysA", 2));
  world.add_vios("sysB", vios_config("sysB", 2));
  models::network::Topology t;
  const auto a = t.add_node("sysA/vios1/en0", models::network::NodeKind::msp_interface);
  const auto s = t.add_node("switch", models::network::NodeKind::network_switch);
  const auto b = t.add_node("sysB/vios1/en0", models::network::NodeKind::msp_interface);
  const auto a2 = t.add_node("sysA/vios2/en0", models::network::NodeKind::msp_interface);
  const auto b2 = t.add_node("sysB/vios2/en0", models::network::NodeKind::msp_interface);
  const auto& old = world.network()->topology();
  const sim::BytesPerSecond link = old.link(old.find_link("a-switch").value()).config.bandwidth;
  t.add_link(a, s, models::network::symmetric_link(link, 50_us, 9000), "a-switch");
  t.add_link(s, b, models::network::symmetric_link(link, 50_us, 9000), "switch-b");
  t.add_link(a2, s, models::network::symmetric_link(link, 50_us, 9000), "a2-switch");
  t.add_link(s, b2, models::network::symmetric_link(link, 50_us, 9000), "switch-b2");
  world.set_network(std::move(t));
}

mp::Lpar& ProtocolWorld::add_lpar(const std::string& name, sim::Bytes memory, mp::OsType os) {
  mp::LparConfig c;
  c.id = static_cast<int>(world.lpars().size()) + 10;
  c.name = name;
  c.os = os;
  c.memory_min = c.memory_desired = c.memory_max = memory;
  c.processors.virtual_procs = 4;
  return world.add_lpar("sysA", c);
}

void ProtocolWorld::make_hmc(mm::MigrationSettings settings, std::map<std::string, mm::MemoryProfile> profiles,
                             mm::HmcLimits limits) {
  auto validator = [](const mm::World& w, const mm::MigrationRequest& r) {
    mm::Preflight p;
    const auto sources = w.msps_on(r.source_system);
    const auto destinations = w.msps_on(r.destination_system);
    for (std::size_t i = 0; i < std::min(sources.size(), destinations.size()); ++i)
      p.msp_pairs.push_back({sources[i], destinations[i]});
    return p;
  };
  hmc = std::make_unique<mm::Hmc>(world, std::move(settings), limits, std::move(profiles), validator);
}

mm::MigrationRequest ProtocolWorld::migrate(const std::string& lpar) const {
  mm::MigrationRequest r;
  r.source_system = "sysA";
  r.destination_system = "sysB";
  r.lpar = lpar;
  return r;
}

std::pair<std::int64_t, std::int64_t> ProtocolWorld::free_lmbs() const {
  return {world.system("sysA")->memory().free(), world.system("sysB")->memory().free()};
}

}  // namespace protocol_test
