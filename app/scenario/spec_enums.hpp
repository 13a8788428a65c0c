// The closed vocabularies of scenario files (OS types, adapter types, policies, …) with the
// exact words a scenario uses for each, most of them the models' own enums. enum_words<E> lists
// the words in enumerator order (a prefix of the enumerators where the file states fewer), or
// beside enum_values<E> when the file's order differs; the loader, the JSON Schema generator and
// the run report all read these tables.
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

// The words of E, in enumerator order unless enum_values<E> lists the enumerator of each word.
template <class E>
inline constexpr auto enum_words = std::array<std::string_view, 0>{};
template <class E>
inline constexpr auto enum_values = std::array<E, 0>{};

template <class... W>
constexpr auto words(W... w) {
  return std::array<std::string_view, sizeof...(W)>{w...};
}

// clang-format off
template <> inline constexpr auto enum_words<models::power::ProcessorGeneration> = words("power8", "power9", "power10", "power11");
template <> inline constexpr auto enum_words<models::power::CompatMode> = words("default", "power7", "power8", "power9_base", "power9", "power10", "power11");
template <> inline constexpr auto enum_words<models::power::PowerVmEdition> = words("standard", "enterprise");
template <> inline constexpr auto enum_words<models::power::OsType> = words("aix", "linux", "ibmi");
// A file states only the two states a migration starts from (§4.2).
template <> inline constexpr auto enum_words<models::power::LparState> = words("running", "not_activated");
template <> inline constexpr auto enum_values<models::power::LparState> = std::to_array({models::power::LparState::running, models::power::LparState::not_activated});
template <> inline constexpr auto enum_words<models::power::ProcessorMode> = words("shared", "dedicated");
template <> inline constexpr auto enum_values<models::power::ProcessorMode> = std::to_array({models::power::ProcessorMode::shared, models::power::ProcessorMode::dedicated});
template <> inline constexpr auto enum_words<VirtualAdapterType> = words("vscsi", "vfc", "veth", "vnic");
template <> inline constexpr auto enum_words<PhysicalAdapterType> = words("ethernet", "fibre_channel", "sas", "sriov_logical_port", "lhea", "other");
template <> inline constexpr auto enum_words<models::network::NodeKind> = words("msp_interface", "switch");
template <> inline constexpr auto enum_words<models::network::Duplex> = words("full", "half");
template <> inline constexpr auto enum_words<models::migration::Platform> = words("powervm", "bare_hypervisor");
template <> inline constexpr auto enum_words<models::precopy::SwitchoverMode> = words("hybrid", "pure_precopy");
template <> inline constexpr auto enum_values<models::precopy::SwitchoverMode> = std::to_array({models::precopy::SwitchoverMode::hybrid, models::precopy::SwitchoverMode::pure_precopy});
template <> inline constexpr auto enum_words<models::precopy::XenVariant> = words("classic", "v2");
// The management layer's words (models/precopy/convergence_policy.hpp, issue 20).
template <> inline constexpr auto enum_words<models::precopy::ConvergencePolicyKind> = words("powervm", "nova", "kubevirt", "auto_converge", "custom");
template <> inline constexpr auto enum_words<models::precopy::ConvergenceAction> = words("abort", "postcopy", "force_stop_and_copy");
template <> inline constexpr auto enum_words<models::migration::MigrlparOperation> = words("m", "v", "s", "r");
// The faults a file schedules: the migration model's kinds but hmc_recover (a file asks `-o r`).
template <> inline constexpr auto enum_words<models::migration::FaultKind> = words("link_down", "link_up", "msp_crash", "vios_crash", "system_failure", "os_suspend_refusal", "hmc_disconnect", "hmc_stop");
template <> inline constexpr auto enum_values<models::migration::FaultKind> = std::to_array({models::migration::FaultKind::link_down, models::migration::FaultKind::link_up, models::migration::FaultKind::msp_crash, models::migration::FaultKind::vios_crash, models::migration::FaultKind::system_failure, models::migration::FaultKind::os_refuses_suspend, models::migration::FaultKind::hmc_disconnect, models::migration::FaultKind::hmc_stop});
// The migration states a fault may be tied to.
template <> inline constexpr auto enum_words<models::migration::MigrationState> = words("validating", "preparing", "precopy", "suspending", "suspended", "resumed", "completing");
template <> inline constexpr auto enum_values<models::migration::MigrationState> = std::to_array({models::migration::MigrationState::validating, models::migration::MigrationState::preparing, models::migration::MigrationState::precopy, models::migration::MigrationState::suspending, models::migration::MigrationState::suspended, models::migration::MigrationState::resumed, models::migration::MigrationState::completing});
template <> inline constexpr auto enum_words<NpivValidation> = words("port", "portdisk");
template <> inline constexpr auto enum_words<models::memory::Representation> = words("exact", "expected");
template <> inline constexpr auto enum_words<PhaseClock> = words("simulation", "migration", "day");
template <> inline constexpr auto enum_words<TraceFormat> = words("jsonl", "perfetto");
template <> inline constexpr auto enum_words<RunVariationMode> = words("auto", "on", "off");
// clang-format on

// The enumerator of the i-th word.
template <class E>
constexpr E enum_value(std::size_t i) {
  if constexpr (enum_values<E>.size() > 0) return enum_values<E>[i];
  else return static_cast<E>(i);
}

// The scenario word for an enumerator ("aix", "power9_base", "m").
template <class E>
constexpr std::string_view to_string(E value) {
  if constexpr (enum_values<E>.size() > 0) {
    for (std::size_t i = 0; i < enum_values<E>.size(); ++i)
      if (enum_values<E>[i] == value) return enum_words<E>[i];
    return "?";
  } else {
    return enum_words<E>[static_cast<std::size_t>(value)];
  }
}

}  // namespace app::scenario
