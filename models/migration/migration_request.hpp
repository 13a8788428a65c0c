// A `migrlpar` request as the HMC receives it (lpm-protocol.md §4.3), in model terms: names and
// numbers already checked for syntax by the scenario loader. One request names one partition;
// `-p a,b,c` and `--all` become several requests in order.
// Used by the Hmc (admission, queueing), Validation (checks, overrides) and the mapping planner.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/precopy/convergence_policy.hpp"

namespace models::migration {

enum class MigrlparOperation { migrate, validate, stop, recover };  // -o m | v | s | r

// Tri-state flags (§4.3): 0 = do not use, 1 = required (fail if impossible), 2 = use if possible.
enum class Requirement { none = 0, required = 1, if_possible = 2 };

// A user-chosen mapping from `virtual_scsi_mappings` / `virtual_fc_mappings` / `vnic_mappings`:
// clientSlot/viosName/viosId[/viosSlot][/fcPort].
struct AdapterMapping {
  int client_slot = 0;
  std::string vios_name;            // name or id, at least one
  std::optional<int> vios_id;
  std::optional<int> vios_slot;
  std::optional<std::string> fc_port;  // vFC only
};

struct MigrationRequest {
  MigrlparOperation operation = MigrlparOperation::migrate;
  std::string source_system;                  // -m
  std::string destination_system;            // -t (not needed for -o s / -o r)
  std::string lpar;                           // -p, or the name behind --id
  std::optional<int> dest_lpar_id;            // -i dest_lpar_id
  std::optional<std::string> dest_profile;    // -n
  std::optional<std::string> source_msp;      // -i source_msp_name
  std::optional<std::string> dest_msp;        // -i dest_msp_name
  // Redundancy and override options with the HMC's defaults (§3.3, §4.3).
  Requirement redundant_vios = Requirement::required;  // --redundantvios: keep the source's VIOS redundancy
  Requirement mpio = Requirement::required;            // --mpio 1 (default: keep multipath)
  Requirement vlan_bridge = Requirement::required;     // --vlanbridge 1: VLANs must be bridged on the destination
  Requirement vsi = Requirement::required;             // --vsi 1
  Requirement redundant_msps = Requirement::if_possible;  // --redundantmsps 2 (§5.4: used by default when possible)
  bool npiv_disk_validation = false;                   // --npivval portdisk (default port)
  bool force = false;                                  // --force (recover)
  std::vector<AdapterMapping> vscsi_mappings;
  std::vector<AdapterMapping> vfc_mappings;
  std::vector<AdapterMapping> vnic_mappings;
  // The management layer above the stop policy for this request only (issue 20); unset = the
  // Hmc's (MigrationSettings::convergence).
  std::optional<precopy::ConvergenceConfig> convergence;
};

}  // namespace models::migration
