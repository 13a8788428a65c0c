// One home per setting (issue 14): every member of the models' config structs is bound by a key
// of the scenario format (spec_tables.cpp), or listed below with the reason it is not. A member
// added to a config struct without either fails here. Members are counted by aggregate
// initialisation and identified by offset.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <typeinfo>
#include <utility>

#include "app/scenario/field_table.hpp"
#include "models/network/flow_network.hpp"
#include "models/precopy/fixed_rate_channel.hpp"

namespace {

using app::scenario::detail::MemberId;

struct Unbound {
  MemberId member;
  std::string_view reason;
};
template <auto M>
Unbound not_a_key(std::string_view reason) {
  return {app::scenario::detail::member_id<M>(), reason};
}
// A base class counts as one member of an aggregate; its own members are checked on their own.
template <class Derived, class Base>
Unbound base_not_a_key(std::string_view reason) {
  static const Derived probe{};
  const auto offset = reinterpret_cast<const char*>(&static_cast<const Base&>(probe)) - reinterpret_cast<const char*>(&probe);
  return {{typeid(Derived), static_cast<std::size_t>(offset)}, reason};
}

std::vector<Unbound> unbound_members() {
  namespace pw = models::power;
  namespace net = models::network;
  namespace mm = models::migration;
  namespace mem = models::memory;
  constexpr std::string_view from_workload =
      "from the lpar's workload object, which states rates in pages or bytes per second and fractions of touched memory";
  constexpr std::string_view from_vios = "a key of the vios object (id, name, memory, processors, rmc_active)";
  return {
      not_a_key<&pw::MspConfig::cpu_capacity>("the VIOS's entitled processors (vios.processors)"),
      not_a_key<&pw::ViosConfig::partition>(from_vios),
      not_a_key<&pw::ViosConfig::fc_ports>("named by vios.fc_ports; each reaches the LUNs the VIOS sees"),
      not_a_key<&pw::ViosConfig::msp>("vios.msp present"),
      not_a_key<&pw::ViosConfig::msp_config>("vios.msp"),
      not_a_key<&pw::FcPort::name>("vios.fc_ports"),
      not_a_key<&pw::FcPort::npiv_capable>("a file names NPIV ports only"),
      not_a_key<&pw::FcPort::max_npiv_clients>("64 per port (lpm-protocol.md §11); not yet a key"),
      not_a_key<&pw::FcPort::reachable_luns>("vios.luns"),
      not_a_key<&pw::LparConfig::vscsi>("lpar.virtual_adapters, which name their hosting VIOS"),
      not_a_key<&pw::LparConfig::vfc>("lpar.virtual_adapters, which name their hosting VIOS"),
      not_a_key<&pw::LparConfig::veth>("lpar.virtual_adapters"),
      not_a_key<&pw::LparConfig::vnic>("lpar.virtual_adapters, which name their hosting VIOS"),
      not_a_key<&pw::LparConfig::physical_io>("lpar.physical_adapters"),
      not_a_key<&pw::LparConfig::is_vios>("true for the partitions of vios objects only"),
      not_a_key<&pw::LparProcessors::dedicated_procs>("processors.desired in dedicated mode"),
      not_a_key<&pw::LparProcessors::entitlement>("processors.desired in shared mode"),
      not_a_key<&pw::ManagedSystemConfig::firmware_release>("0: parsed from firmware_level"),
      not_a_key<&net::LinkConfig::up>("the link's state: faults link_down and link_up change it"),
      not_a_key<&net::FlowNetworkConfig::name>("the trace component's name, not a setting"),
      not_a_key<&net::FlowNetworkConfig::overhead>("IPv4/TCP headers and Ethernet framing are protocol constants; a link's mtu is the key"),
      not_a_key<&models::precopy::FixedRateChannelConfig::rate>("unit tests' and benchmarks' channel; a run uses the flow network"),
      not_a_key<&models::precopy::FixedRateChannelConfig::latency>("unit tests' and benchmarks' channel; a run uses the flow network"),
      not_a_key<&mm::MigrationSettings::mutant>("lpmsim verify's mutation self-test only"),
      not_a_key<&mm::RunVariationConfig::enabled>("simulation.variation, resolved per run by the study (auto: on in a sweep over seeds)"),
      not_a_key<&mem::MemoryConfig::memory>("the partition's desired memory"),
      base_not_a_key<mem::MemoryConfig, mem::PageStreamConfig>("the migration's PrecopyConfig::page_stream, keys of hmc.precopy"),
      not_a_key<&models::precopy::PrecopyConfig::page_stream>("its members are keys of hmc.precopy"),
      not_a_key<&models::precopy::QemuPolicyConfig::throttle>("its members are keys of the qemu stop policy, under QEMU's parameter names"),
      base_not_a_key<mem::MemoryConfig, mem::MemoryContent>("the lpar's workload object: its keys touched_fraction, top_block, zero_page_fraction, compression_ratio"),
      not_a_key<&mem::MemoryConfig::representation>("simulation.memory_representation"),
      not_a_key<&mem::MemoryConfig::verify_versions>("lpmsim verify only"),
      not_a_key<&mem::WorkloadConfig::kind>(from_workload),
      not_a_key<&mem::WorkloadConfig::rate>(from_workload),
      not_a_key<&mem::WorkloadConfig::working_set_fraction>(from_workload),
      not_a_key<&mem::WorkloadConfig::hot_fraction>(from_workload),
      not_a_key<&mem::WorkloadConfig::hot_write_share>(from_workload),
      not_a_key<&mem::WorkloadConfig::zipf_exponent>(from_workload),
      not_a_key<&mem::WorkloadConfig::phases>(from_workload),
      not_a_key<&mem::WorkloadConfig::repeat>("workload.dirty.repeat of a phases or trace workload"),
      not_a_key<&mem::WorkloadConfig::trace>("workload.dirty.file, read by the run"),
      not_a_key<&mem::WorkloadConfig::profile_zero>("workload.dirty.clock of a phases workload"),
  };
}


// Converts to any member type: S{Any, Any, …} compiles for up to as many initialisers as S has
// members (aggregates only; the config structs are).
struct Any {
  template <class T>
  operator T&() const&& noexcept;
};
template <class S, std::size_t... I>
constexpr bool init_with(std::index_sequence<I...>) {
  return requires { S{(void(I), Any{})...}; };
}
template <class S, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (init_with<S>(std::make_index_sequence<N + 1>{})) return member_count<S, N + 1>();
  else return N;
}

template <class S>
void check_one_home(const std::vector<MemberId>& bound, const std::vector<Unbound>& unbound) {
  const std::type_index type = typeid(S);
  std::set<std::size_t> keyed, excused;
  for (const auto& m : bound)
    if (m.owner == type && m.offset != static_cast<std::size_t>(-1)) keyed.insert(m.offset);  // -1: computed
  for (const auto& u : unbound) {
    if (u.member.owner != type) continue;
    CHECK_MESSAGE(!u.reason.empty(), "a member without a key needs a reason");
    CHECK_MESSAGE(keyed.count(u.member.offset) == 0, "a member with a key is listed as unbound too");
    excused.insert(u.member.offset);
  }
  const std::string name = typeid(S).name();
  CAPTURE(name);
  CHECK_MESSAGE(keyed.size() + excused.size() == member_count<S>(),
                "every member needs a key in spec_tables.cpp or a reason in unbound_members()");
}

}  // namespace

TEST_CASE("issue 14: every member of the models' config structs has a key or a written reason") {
  namespace pw = models::power;
  namespace pc = models::precopy;
  namespace mm = models::migration;
  namespace mem = models::memory;
  const auto bound = app::scenario::detail::bound_members();
  const auto unbound = unbound_members();
  check_one_home<pw::ManagedSystemConfig>(bound, unbound);
  check_one_home<pw::LparConfig>(bound, unbound);
  check_one_home<pw::LparProcessors>(bound, unbound);
  check_one_home<pw::ViosConfig>(bound, unbound);
  check_one_home<pw::MspConfig>(bound, unbound);
  check_one_home<pw::Sea>(bound, unbound);
  check_one_home<pw::FcPort>(bound, unbound);
  check_one_home<models::network::LinkConfig>(bound, unbound);
  check_one_home<models::network::FlowNetworkConfig>(bound, unbound);
  check_one_home<pc::FixedRateChannelConfig>(bound, unbound);
  check_one_home<mm::HmcLimits>(bound, unbound);
  check_one_home<mm::MigrationSettings>(bound, unbound);
  check_one_home<mm::ProtocolSettings>(bound, unbound);
  check_one_home<mm::RunVariationConfig>(bound, unbound);
  check_one_home<pc::PrecopyConfig>(bound, unbound);
  check_one_home<pc::PostcopyConfig>(bound, unbound);
  check_one_home<pc::ConvergenceConfig>(bound, unbound);
  check_one_home<pc::AutoConvergeConfig>(bound, unbound);
  check_one_home<pw::PowerModelConfig>(bound, unbound);
  check_one_home<pc::PowervmPolicyConfig>(bound, unbound);
  check_one_home<pc::XenPolicyConfig>(bound, unbound);
  check_one_home<pc::QemuPolicyConfig>(bound, unbound);
  check_one_home<pc::SimgridPolicyConfig>(bound, unbound);
  check_one_home<mem::PageStreamConfig>(bound, unbound);
  check_one_home<mem::MemoryConfig>(bound, unbound);
  check_one_home<mem::MemoryContent>(bound, unbound);
  check_one_home<mem::WorkloadConfig>(bound, unbound);
}
