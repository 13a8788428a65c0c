// What one migration is configured with besides the request: the protocol timings, the pre-copy
// and post-copy settings, the stop policy, and the partition's memory and workload. The Hmc holds
// the scenario-wide parts and each partition's memory profile; defaults live in the model structs
// they come from (ProtocolSettings, PrecopyConfig, …) and are echoed in the report.
#pragma once

#include <memory>
#include <variant>

#include "models/memory/page_state.hpp"
#include "models/memory/workload.hpp"
#include "models/migration/mutant.hpp"
#include "models/migration/protocol_settings.hpp"
#include "models/migration/run_variation.hpp"
#include "models/precopy/convergence_policy.hpp"
#include "models/precopy/postcopy_tail.hpp"
#include "models/precopy/powervm_policy.hpp"
#include "models/precopy/precopy_loop.hpp"
#include "models/precopy/qemu_policy.hpp"
#include "models/precopy/simgrid_policy.hpp"
#include "models/precopy/xen_policy.hpp"

namespace models::migration {

using StopPolicyConfig = std::variant<precopy::PowervmPolicyConfig, precopy::XenPolicyConfig,
                                      precopy::QemuPolicyConfig, precopy::SimgridPolicyConfig>;
std::unique_ptr<precopy::StopPolicy> make_stop_policy(const StopPolicyConfig& config);

struct MigrationSettings {
  ProtocolSettings protocol;
  precopy::PrecopyConfig precopy;
  precopy::PostcopyConfig postcopy;
  StopPolicyConfig stop_policy = precopy::PowervmPolicyConfig{};
  // The management layer above the stop policy (convergence_policy.hpp); PowerVM's HMC: none.
  precopy::ConvergenceConfig convergence;
  // Run-to-run variation of the migrations (issue 17); off unless the study switches it on.
  RunVariationConfig variation;
  Mutant mutant = Mutant::none;  // verify's mutation self-test only (mutant.hpp)
};

// How a partition's memory looks to the movers: size and page granularity come from the Lpar;
// the touched fraction, compression and the workload from the scenario.
struct MemoryProfile {
  memory::MemoryConfig memory;
  memory::WorkloadConfig workload;
};

}  // namespace models::migration
