// The closed vocabularies of scenario files (OS types, adapter types, policies, …) with the
// exact words a scenario uses for each. EnumTable<E>::names lists them in enumerator order;
// the loader, the JSON Schema generator and the run report all read these tables.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace app::scenario {

enum class ProcessorGeneration { power8, power9, power10, power11 };
enum class CompatibilityMode { default_mode, power7, power8, power9_base, power9, power10, power11 };
enum class PowerVmEdition { standard, enterprise };
enum class OsType { aix, linux, ibmi };
enum class LparStateSpec { running, not_activated };
enum class ProcessorMode { shared, dedicated };
enum class VirtualAdapterType { vscsi, vfc, veth, vnic };
enum class PhysicalAdapterType { ethernet, fibre_channel, sas, sriov_logical_port, lhea, other };
enum class NodeKind { msp_interface, switch_node };
enum class Duplex { full, half };
enum class MigrationMode { hybrid, pure_precopy };
enum class Platform { powervm, bare_hypervisor };
enum class MigrlparOperation { m, v, s, r };
enum class FaultKind { link_down, link_up, msp_crash, vios_crash, system_failure, os_suspend_refusal, hmc_disconnect, hmc_stop };
enum class ProtocolPoint { validating, preparing, precopy, suspending, suspended, resumed, completing };
enum class MemoryRepresentation { exact, expected };
enum class NpivValidation { port, portdisk };  // migrlpar --npivval (§3.3)
enum class TraceFormat { jsonl, perfetto };

template <class E>
struct EnumTable;

template <>
struct EnumTable<ProcessorGeneration> {
  static constexpr auto names = std::to_array<std::string_view>({"power8", "power9", "power10", "power11"});
};
template <>
struct EnumTable<CompatibilityMode> {
  static constexpr auto names = std::to_array<std::string_view>({"default", "power7", "power8", "power9_base", "power9", "power10", "power11"});
};
template <>
struct EnumTable<PowerVmEdition> {
  static constexpr auto names = std::to_array<std::string_view>({"standard", "enterprise"});
};
template <>
struct EnumTable<OsType> {
  static constexpr auto names = std::to_array<std::string_view>({"aix", "linux", "ibmi"});
};
template <>
struct EnumTable<LparStateSpec> {
  static constexpr auto names = std::to_array<std::string_view>({"running", "not_activated"});
};
template <>
struct EnumTable<ProcessorMode> {
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
struct EnumTable<NodeKind> {
  static constexpr auto names = std::to_array<std::string_view>({"msp_interface", "switch"});
};
template <>
struct EnumTable<Duplex> {
  static constexpr auto names = std::to_array<std::string_view>({"full", "half"});
};
template <>
struct EnumTable<Platform> {
  static constexpr auto names = std::to_array<std::string_view>({"powervm", "bare_hypervisor"});
};
template <>
struct EnumTable<MigrationMode> {
  static constexpr auto names = std::to_array<std::string_view>({"hybrid", "pure_precopy"});
};
template <>
struct EnumTable<MigrlparOperation> {
  static constexpr auto names = std::to_array<std::string_view>({"m", "v", "s", "r"});
};
template <>
struct EnumTable<FaultKind> {
  static constexpr auto names = std::to_array<std::string_view>({"link_down", "link_up", "msp_crash", "vios_crash", "system_failure", "os_suspend_refusal", "hmc_disconnect", "hmc_stop"});
};
template <>
struct EnumTable<ProtocolPoint> {
  static constexpr auto names = std::to_array<std::string_view>({"validating", "preparing", "precopy", "suspending", "suspended", "resumed", "completing"});
};
template <>
struct EnumTable<NpivValidation> {
  static constexpr auto names = std::to_array<std::string_view>({"port", "portdisk"});
};
template <>
struct EnumTable<MemoryRepresentation> {
  static constexpr auto names = std::to_array<std::string_view>({"exact", "expected"});
};
template <>
struct EnumTable<TraceFormat> {
  static constexpr auto names = std::to_array<std::string_view>({"jsonl", "perfetto"});
};

// The scenario word for an enumerator ("aix", "power9_base", "m").
template <class E>
constexpr std::string_view to_string(E value) {
  return EnumTable<E>::names[static_cast<std::size_t>(value)];
}

}  // namespace app::scenario
