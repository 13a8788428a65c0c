// The closed vocabularies of scenario files (OS types, adapter types, policies, …) with the
// exact words a scenario uses for each, most of them the models' own enums. EnumTable<E>::names
// lists the words in enumerator order (a prefix of the enumerators where the file states fewer),
// or beside EnumTable<E>::values when the file's order differs; the loader, the JSON Schema
// generator and the run report all read these tables.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "models/migration/fault_injector.hpp"
#include "models/migration/migration_request.hpp"
#include "models/migration/migration_state.hpp"
#include "models/migration/protocol_settings.hpp"
#include "models/network/topology.hpp"
#include "models/power/lpar.hpp"
#include "models/power/managed_system.hpp"
#include "models/precopy/convergence_policy.hpp"
#include "models/precopy/precopy_loop.hpp"
#include "models/precopy/xen_policy.hpp"
#include "app/scenario/spec_workload.hpp"

namespace app::scenario {

enum class VirtualAdapterType { vscsi, vfc, veth, vnic };
enum class PhysicalAdapterType { ethernet, fibre_channel, sas, sriov_logical_port, lhea, other };
enum class NpivValidation { port, portdisk };  // migrlpar --npivval (§3.3); the request holds a bool
enum class TraceFormat { jsonl, perfetto };
// simulation.variation (issue 17): automatic = on in a sweep over /simulation/seed, off otherwise.
enum class RunVariationMode { automatic, on, off };

template <class E>
struct EnumTable;

template <>
struct EnumTable<models::power::ProcessorGeneration> {
  static constexpr auto names = std::to_array<std::string_view>({"power8", "power9", "power10", "power11"});
};
template <>
struct EnumTable<models::power::CompatMode> {
  static constexpr auto names = std::to_array<std::string_view>(
      {"default", "power7", "power8", "power9_base", "power9", "power10", "power11"});
};
template <>
struct EnumTable<models::power::PowerVmEdition> {
  static constexpr auto names = std::to_array<std::string_view>({"standard", "enterprise"});
};
template <>
struct EnumTable<models::power::OsType> {
  static constexpr auto names = std::to_array<std::string_view>({"aix", "linux", "ibmi"});
};
// A file states only the two states a migration starts from (§4.2).
template <>
struct EnumTable<models::power::LparState> {
  using E = models::power::LparState;
  static constexpr auto values = std::to_array<E>({E::running, E::not_activated});
  static constexpr auto names = std::to_array<std::string_view>({"running", "not_activated"});
};
template <>
struct EnumTable<models::power::ProcessorMode> {
  using E = models::power::ProcessorMode;
  static constexpr auto values = std::to_array<E>({E::shared, E::dedicated});
  static constexpr auto names = std::to_array<std::string_view>({"shared", "dedicated"});
};
template <>
struct EnumTable<VirtualAdapterType> {
  static constexpr auto names = std::to_array<std::string_view>({"vscsi", "vfc", "veth", "vnic"});
};
template <>
struct EnumTable<PhysicalAdapterType> {
  static constexpr auto names = std::to_array<std::string_view>({"ethernet", "fibre_channel", "sas", "sriov_logical_port", "lhea", "other"});
};
template <>
struct EnumTable<models::network::NodeKind> {
  static constexpr auto names = std::to_array<std::string_view>({"msp_interface", "switch"});
};
template <>
struct EnumTable<models::network::Duplex> {
  static constexpr auto names = std::to_array<std::string_view>({"full", "half"});
};
template <>
struct EnumTable<models::migration::Platform> {
  static constexpr auto names = std::to_array<std::string_view>({"powervm", "bare_hypervisor"});
};
template <>
struct EnumTable<models::precopy::SwitchoverMode> {
  using E = models::precopy::SwitchoverMode;
  static constexpr auto values = std::to_array<E>({E::hybrid, E::pure_precopy});
  static constexpr auto names = std::to_array<std::string_view>({"hybrid", "pure_precopy"});
};
template <>
struct EnumTable<models::precopy::XenVariant> {
  static constexpr auto names = std::to_array<std::string_view>({"classic", "v2"});
};
// The management layer's words (models/precopy/convergence_policy.hpp, issue 20).
template <>
struct EnumTable<models::precopy::ConvergencePolicyKind> {
  static constexpr auto names = std::to_array<std::string_view>({"powervm", "nova", "kubevirt", "auto_converge", "custom"});
};
template <>
struct EnumTable<models::precopy::ConvergenceAction> {
  static constexpr auto names = std::to_array<std::string_view>({"abort", "postcopy", "force_stop_and_copy"});
};
template <>
struct EnumTable<models::migration::MigrlparOperation> {
  static constexpr auto names = std::to_array<std::string_view>({"m", "v", "s", "r"});
};
// The faults a file schedules: the migration model's kinds but hmc_recover (a file asks `-o r`).
template <>
struct EnumTable<models::migration::FaultKind> {
  using E = models::migration::FaultKind;
  static constexpr auto values = std::to_array<E>({E::link_down, E::link_up, E::msp_crash, E::vios_crash, E::system_failure,
                                                   E::os_refuses_suspend, E::hmc_disconnect, E::hmc_stop});
  static constexpr auto names = std::to_array<std::string_view>({"link_down", "link_up", "msp_crash", "vios_crash", "system_failure", "os_suspend_refusal", "hmc_disconnect", "hmc_stop"});
};
// The migration states a fault may be tied to.
template <>
struct EnumTable<models::migration::MigrationState> {
  using E = models::migration::MigrationState;
  static constexpr auto values = std::to_array<E>(
      {E::validating, E::preparing, E::precopy, E::suspending, E::suspended, E::resumed, E::completing});
  static constexpr auto names = std::to_array<std::string_view>(
      {"validating", "preparing", "precopy", "suspending", "suspended", "resumed", "completing"});
};
template <>
struct EnumTable<NpivValidation> {
  static constexpr auto names = std::to_array<std::string_view>({"port", "portdisk"});
};
template <>
struct EnumTable<models::memory::Representation> {
  static constexpr auto names = std::to_array<std::string_view>({"exact", "expected"});
};
template <>
struct EnumTable<PhaseClock> {
  static constexpr auto names = std::to_array<std::string_view>({"simulation", "migration", "day"});
};
template <>
struct EnumTable<RunVariationMode> {
  static constexpr auto names = std::to_array<std::string_view>({"auto", "on", "off"});
};
template <>
struct EnumTable<TraceFormat> {
  static constexpr auto names = std::to_array<std::string_view>({"jsonl", "perfetto"});
};

// The enumerator of the i-th word.
template <class E>
constexpr E enum_value(std::size_t i) {
  if constexpr (requires { EnumTable<E>::values; }) return EnumTable<E>::values[i];
  else return static_cast<E>(i);
}

// The scenario word for an enumerator ("aix", "power9_base", "m").
template <class E>
constexpr std::string_view to_string(E value) {
  if constexpr (requires { EnumTable<E>::values; }) {
    for (std::size_t i = 0; i < EnumTable<E>::values.size(); ++i)
      if (EnumTable<E>::values[i] == value) return EnumTable<E>::names[i];
    return "?";
  } else {
    return EnumTable<E>::names[static_cast<std::size_t>(value)];
  }
}

}  // namespace app::scenario
