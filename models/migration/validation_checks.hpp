// Internal to Validation: the context every check reads and writes to, and the checks themselves,
// one small function each (lpm-protocol.md §3). The codes and their meanings are tabled in
// validation.hpp; the message texts live with the checks. Not for use outside validation*.cpp.
#pragma once

#include <string>
#include <vector>

#include "models/migration/mapping_plan.hpp"
#include "models/migration/migration_record.hpp"
#include "models/migration/migration_request.hpp"
#include "models/migration/preflight.hpp"
#include "models/migration/validation.hpp"
#include "models/migration/world.hpp"

namespace models::migration::checks {

struct CheckContext {
  const World& world;
  const MigrationRequest& request;
  const ValidationSettings& settings;
  const power::ManagedSystem& source;
  const power::ManagedSystem& destination;
  const power::Lpar& lpar;
  power::MigrationKind kind;
  std::vector<ValidationMessage>& out;

  bool active() const { return kind == power::MigrationKind::active; }
  void error(std::string code, std::string text) const;
  void warning(std::string code, std::string text) const;  // reported, never blocks
  // A tri-state request flag (§4.3): none → not checked, required → error, if_possible → an
  // overridden warning.
  void requirement(Requirement flag, std::string code, std::string text) const;
};

// "64 GiB", "768 MiB", "100 bytes".
std::string memory_text(sim::Bytes b);
// "1.50" (hundredths of a core as processing units).
std::string format_units(power::ProcessingUnits u);
// "active" / "inactive".
std::string kind_word(power::MigrationKind kind);

// Servers and hypervisors (§3.1, §3.2; validation_system_checks.cpp).
void check_systems_operating(const CheckContext& c);
void check_enterprise_edition(const CheckContext& c);
void check_mobility_capability(const CheckContext& c);
void check_firmware_pair(const CheckContext& c);
void check_compat_mode(const CheckContext& c);
void check_lmb_size(const CheckContext& c);
void check_processors(const CheckContext& c);
void check_memory(const CheckContext& c);
void check_concurrency(const CheckContext& c, const std::vector<MspPair>& pairs);

// The mobile partition (§3.4; validation_partition_checks.cpp).
void check_not_vios(const CheckContext& c);
void check_state(const CheckContext& c);
void check_not_migrating(const CheckContext& c);
void check_rmc(const CheckContext& c);
void check_dlpar(const CheckContext& c);
void check_ibmi_restricted_io(const CheckContext& c);
void check_physical_io(const CheckContext& c);
void check_huge_pages(const CheckContext& c);
void check_bsr(const CheckContext& c);
void check_error_path_reporting(const CheckContext& c);
void check_virtual_optical(const CheckContext& c);
void check_unique_name(const CheckContext& c);
void check_dest_lpar_id(const CheckContext& c);
void check_profile_name(const CheckContext& c);

// VIOSes, storage and network (§3.3; validation_io_checks.cpp).
void check_source_vios(const CheckContext& c);
void check_wwpn_pairs(const CheckContext& c);
void check_vlans_bridged(const CheckContext& c);
void report_mapping_failures(const CheckContext& c, const MappingPlan& plan);
void check_vios_redundancy(const CheckContext& c, const MappingPlan& plan);
void check_mpio(const CheckContext& c, const MappingPlan& plan);

// Mover service partitions (§3.3, S9; validation_msp.cpp): the chosen pairs, messages on the way.
std::vector<MspPair> choose_msp_pairs(const CheckContext& c);

}  // namespace models::migration::checks
