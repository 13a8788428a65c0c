// Small builders shared by the models/power tests: a POWER10-like server and partitions with
// round numbers, so that expected LMB and processor counts can be computed by hand.
#pragma once

#include <string>

#include "models/power/lpar.hpp"
#include "models/power/managed_system.hpp"
#include "models/power/vios.hpp"
#include "sim/quantity.hpp"

namespace power_test {

using namespace sim::literals;
namespace mp = models::power;

// 64 GiB in 256 MiB LMBs = 256 LMBs, 1 GiB (4 LMBs) for the hypervisor, 16 cores.
inline mp::ManagedSystemConfig system_config(std::string name) {
  mp::ManagedSystemConfig c;
  c.name = std::move(name);
  c.machine_type_model = "9080-HEX";
  c.generation = mp::ProcessorGeneration::power10;
  c.compat_modes = {mp::CompatMode::default_mode, mp::CompatMode::power9_base, mp::CompatMode::power9,
                    mp::CompatMode::power10};
  c.firmware_level = "FW1050.10";
  c.firmware_release = 1050;
  c.installed_memory = 64_GiB;
  c.lmb_size = 256_MiB;
  c.hypervisor_reserved = 1_GiB;
  c.installed_processors = 16;
  return c;
}

inline mp::LparConfig lpar_config(int id, std::string name, sim::Bytes memory, int entitlement_hundredths = 100) {
  mp::LparConfig c;
  c.id = id;
  c.name = std::move(name);
  c.os = mp::OsType::aix;
  c.state = mp::LparState::running;
  c.memory_min = sim::Bytes(0);
  c.memory_desired = memory;
  c.memory_max = memory * 2;
  c.processors.mode = mp::ProcessorMode::shared;
  c.processors.entitlement = mp::ProcessingUnits::hundredths(entitlement_hundredths);
  c.processors.virtual_procs = 2;
  return c;
}

inline mp::ViosConfig vios_config(std::string name, int id, int max_slots = 20) {
  mp::ViosConfig c;
  c.partition = lpar_config(id, std::move(name), 4_GiB);
  c.partition.is_vios = true;
  c.max_virtual_slots = max_slots;
  return c;
}

}  // namespace power_test
