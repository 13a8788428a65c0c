// models::migration::MappingPlan: the HMC's recommended virtual adapter mappings (lpm-protocol.md
// §2.1 step 4) — for each client vSCSI, vFC and vNIC adapter of the migrating partition, the
// destination VIOS and server slot that will host it and what it maps there, plus the source-side
// devices that completion cleans up (§2.7). Built read-only by plan_mappings() during Validation;
// Preparation applies it with Vios::define_server_adapter and map_vscsi / map_vfc / map_vnic.
//   MappingPlan plan = plan_mappings(world, lpar, source, destination, request);
//   for (const PlannedMapping& m : plan.mappings)
//     m.vios->define_server_adapter(m.server_adapter(lpar.name()));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/migration/migration_request.hpp"
#include "models/migration/world.hpp"
#include "models/power/vios.hpp"

namespace models::migration {

// One client adapter placed on a destination VIOS. vEth needs no mapping: a SEA bridges it (§2.3).
struct PlannedMapping {
  power::VirtualDeviceKind kind = power::VirtualDeviceKind::vscsi;
  int client_slot = 0;
  std::string source_vios;      // partition name of the VIOS serving it on the source
  int source_slot = 0;          // its server slot there
  power::Vios* vios = nullptr;  // destination VIOS
  int slot = 0;                 // destination server slot
  // What the server adapter maps: the LUNs (vSCSI, one map_vscsi each), the FC port (vFC) or the
  // SR-IOV port (vNIC). Empty for a vSCSI adapter without disks.
  std::vector<std::string> backings;
  bool user_mapped = false;  // from virtual_scsi_mappings / virtual_fc_mappings / vnic_mappings

  bool slot_kept() const { return slot == source_slot; }
  power::ServerAdapter server_adapter(const std::string& client) const {
    return {slot, kind, client, client_slot};
  }
};

// Why an adapter could not be placed. Validation turns each into a message (validation.hpp).
enum class MappingProblem {
  no_destination_vios,  // no operating VIOS on the destination at all
  storage_not_visible,  // vSCSI: no operating VIOS sees every LUN of the adapter
  no_npiv_port,   // vFC: no NPIV-capable port with a free client (and, with portdisk, the LUNs)
  no_sriov_port,  // vNIC: no VIOS with an SR-IOV port
  no_free_slot,   // some VIOS could host it, but none has a free virtual slot
  user_unknown_adapter,   // a user mapping names a client slot without such an adapter
  user_unknown_vios,      // … a VIOS that does not exist (or is not operating) on the destination
  user_slot_unavailable,  // … a server slot that is used or out of range on that VIOS
  user_no_free_slot,      // … a VIOS without a free slot
  user_cannot_host,       // … a VIOS (or FC port) that cannot host the adapter
};

// `text` is the HMC-style message without its code (Validation adds the code), e.g. "The migrating
// partition's virtual SCSI client adapter 12 cannot be hosted … No VIOS on sysB sees LUN lun-3."
struct MappingFailure {
  power::VirtualDeviceKind kind = power::VirtualDeviceKind::vscsi;
  int client_slot = 0;
  MappingProblem problem = MappingProblem::no_destination_vios;
  std::string text;
};

// "virtual SCSI", "virtual fibre channel", "vNIC": how HMC messages name the adapter kinds.
std::string_view adapter_words(power::VirtualDeviceKind kind);

// A device the partition owns on a source VIOS, for the cleanup after completion (§2.7).
struct SourceDevice {
  power::Vios* vios = nullptr;
  power::VirtualDeviceKind kind = power::VirtualDeviceKind::vscsi;
  int server_slot = 0;
  std::string backing;
};

struct MappingPlan {
  std::vector<PlannedMapping>
      mappings;  // user mappings first, then vSCSI, vFC, vNIC in client-slot order
  std::vector<MappingFailure> failures;
  std::vector<power::Vios*>
      source_vios;  // source VIOSes with adapters or devices of the partition, World order
  std::vector<SourceDevice> source_devices;

  bool complete() const { return failures.empty(); }
  const PlannedMapping* find(power::VirtualDeviceKind kind, int client_slot) const;
  // Distinct destination VIOSes used by the mappings (the redundancy the partition keeps).
  std::vector<const power::Vios*> destination_vios() const;
};

// The recommended mappings for moving `lpar` from `source` to `destination` (§2.1 step 4): user
// mappings of the request first, then the default chooser, which keeps the source server slot
// where it is free, gives each source VIOS its own destination VIOS where it can (so that VIOS
// redundancy and MPIO survive), and otherwise takes VIOSes in World order and the lowest free
// slot. Deterministic; reads the World and changes nothing. `--npivval portdisk` in the request
// also requires the FC port to reach the adapter's LUNs.
MappingPlan plan_mappings(const World& world, const power::Lpar& lpar,
                          const power::ManagedSystem& source,
                          const power::ManagedSystem& destination, const MigrationRequest& request);

}  // namespace models::migration
