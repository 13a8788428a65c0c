// A two-server world for protocol tests, built directly in C++: sysA and sysB (POWER10, 512 GiB,
// LMB 256 MiB), one VIOS/MSP on each with an interface on a 25 Gbit/s link through a switch, and
// partitions on sysA. The validator here only picks the MSP pair: the HMC's checks are tested on
// their own in tests/models/migration; these tests are about the protocol's steps and paths.
#pragma once

#include <memory>

#include "models/migration/fault_injector.hpp"
#include "models/migration/hmc.hpp"
#include "models/migration/world.hpp"
#include "sim/engine.hpp"

namespace protocol_test {

using namespace sim::literals;
namespace mm = models::migration;
namespace mp = models::power;

struct ProtocolWorld {
  sim::Engine engine;
  mm::World world{engine};
  std::unique_ptr<mm::Hmc> hmc;
  sim::MemoryTraceSink trace;
  sim::TeeTracer tee;

  explicit ProtocolWorld(std::uint64_t seed = 1, sim::BytesPerSecond link = sim::parse_rate("25Gbit/s"));
  mp::Lpar& add_lpar(const std::string& name, sim::Bytes memory, mp::OsType os = mp::OsType::aix);
  // A second VIOS/MSP on each system ("vios2", interfaces on their own links "a2-switch",
  // "switch-b2"): the validator then picks two disjoint MSP pairs (redundant MSPs, S9).
  void add_second_msp_pair();
  // Creates the Hmc with these settings and a memory profile per partition.
  void make_hmc(mm::MigrationSettings settings = {}, std::map<std::string, mm::MemoryProfile> profiles = {},
                mm::HmcLimits limits = {});
  mm::MigrationRequest migrate(const std::string& lpar) const;
  // Free memory of each system, as LMB counts: for resource-balance checks.
  std::pair<std::int64_t, std::int64_t> free_lmbs() const;
};

}  // namespace protocol_test
