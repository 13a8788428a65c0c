// Spec structs of the operator timeline: `migrlpar` requests (lpm-protocol.md §4.3), written in
// a file either as the real command line or as structured JSON; both read into MigrlparSpec.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec_enums.hpp"
#include "models/precopy/convergence_policy.hpp"
#include "sim/time.hpp"

namespace app::scenario {

struct MigrlparSpec {
  models::migration::MigrlparOperation operation = models::migration::MigrlparOperation::validate;  // -o
  std::string managed_system;                          // -m
  std::optional<std::string> target_managed_system;    // -t
  std::vector<std::string> lpar_names;                 // -p
  std::vector<std::int64_t> lpar_ids;                  // --id
  bool all = false;                                    // --all
  std::optional<std::string> profile_name;             // -n
  std::int64_t redundant_msps = 2;                     // --redundantmsps (2 = if possible, §5.4)
  NpivValidation npiv_validation = NpivValidation::port;  // --npivval (§3.3: port, the faster level, unless asked)
  bool force = false;                                  // --force
  // -i attributes, IBM's names.
  std::optional<std::int64_t> dest_lpar_id;
  std::optional<std::string> source_msp_name;
  std::optional<std::int64_t> source_msp_id;
  std::optional<std::string> dest_msp_name;
  std::optional<std::int64_t> dest_msp_id;
  std::optional<std::string> source_msp_ipaddr;
  std::optional<std::string> dest_msp_ipaddr;
  std::optional<std::string> shared_proc_pool_name;
};

struct ActionSpec {
  sim::Duration at;
  MigrlparSpec migrlpar;
  std::optional<models::precopy::ConvergenceConfig> convergence;  // this request's management layer
};

}  // namespace app::scenario
