// models::migration::validate: the HMC's validation of a `migrlpar` request (lpm-protocol.md
// §2.2, §3) — every check that applies to the model, the MSP pair(s) chosen and the recommended
// adapter mappings (mapping_plan.hpp). Read-only: nothing in the World changes (§2.2). Errors
// block the migration; warnings do not, and those a request flag relaxes (value 2) are marked
// overridden. Used by the Hmc (through to_preflight) and by `lpmsim validate`.
//   ValidationResult r = validate(world, request);
//   for (const auto& m : r.messages) std::cout << hmc_line(m) << '\n';  // "LPMSIM-V012 The …"
//
// Codes. IBM's own code is used only where our sources confirm it (HSCLA319, §3.3, §3.5); every
// other check has an LPMSIM-Vnnn code of ours. E = error, W = warning, F = follows a request flag
// (0 not checked, 1 error, 2 overridden warning; §4.3).
//   LPMSIM-V001 E  the source managed system does not exist
//   LPMSIM-V002 E  the destination managed system does not exist
//   LPMSIM-V003 E  the partition does not exist on the source managed system
//   LPMSIM-V004 E  source and destination are the same managed system
//   LPMSIM-V005 E  a managed system is not operating
//   LPMSIM-V006 E  a managed system lacks PowerVM Enterprise Edition (§3.2)
//   LPMSIM-V007 E  a managed system is not capable of this kind of mobility (§3.1)
//   LPMSIM-V008 E  the firmware pair is not in the supported matrix (§5.1)
//   LPMSIM-V009 E  the destination does not support the partition's compatibility mode (§3.2)
//   LPMSIM-V010 E  the logical memory block sizes differ (§3.2, §7)
//   LPMSIM-V011 E  not enough processor capacity on the destination (§3.2)
//   LPMSIM-V012 E  not enough memory on the destination, desired memory rounded up to LMBs (§3.2)
//   LPMSIM-V013 W  a system or MSP runs its supported count of migrations; Hmc queues (§5.2)
//   LPMSIM-V020 E  the partition is a Virtual I/O Server (§3.4)
//   LPMSIM-V021 E  the partition is neither Running (active) nor Not Activated (inactive) (§3.4)
//   LPMSIM-V022 E  the partition is already migrating (§3.4)
//   LPMSIM-V023 E  AIX/Linux, active: no RMC connection (§3.4)
//   LPMSIM-V024 E  AIX/Linux, active: no DLPAR memory and processor capability (§3.4)
//   LPMSIM-V025 E  IBM i: not in restricted I/O mode (§3.4)
//   LPMSIM-V026 E  active: a dedicated physical I/O adapter (§3.4)
//   LPMSIM-V027 E  active: a logical Host Ethernet Adapter (LHEA) port (§3.4)
//   LPMSIM-V028 E  active: an SR-IOV logical port (§3.4)
//   LPMSIM-V029 E  active: 16 GB huge pages (§3.4, §7)
//   LPMSIM-V030 E  active: Barrier Synchronization Register arrays (§3.4)
//   LPMSIM-V031 E  redundant error path reporting is enabled (§3.4)
//   LPMSIM-V032 E  a virtual optical device is attached (§3.4)
//   LPMSIM-V033 E  a partition of that name already exists on the destination (§3.4)
//   LPMSIM-V034 E  the requested dest_lpar_id is in use on the destination (§2.3)
//   LPMSIM-V035 E  the destination profile name is longer than 31 characters (§2.3)
//   LPMSIM-V040 E  a source VIOS serving the partition is not operating (no RMC, §3.1)
//   LPMSIM-V041 E  no operating VIOS on the destination to host a client adapter (§3.3)
//   LPMSIM-V042 E  a vSCSI adapter's LUNs are not all visible through one destination VIOS (§2.3)
//   HSCLA319    E  no destination VIOS can host a virtual fibre channel client adapter (§3.3, S19)
//   LPMSIM-V043 E  a virtual fibre channel adapter lacks its pair of WWPNs (§2.3)
//   LPMSIM-V044 E  no destination VIOS has an SR-IOV port for a vNIC adapter (§3.4)
//   LPMSIM-V045 E  destination VIOSes that could host an adapter have no free virtual slot (§3.3)
//   LPMSIM-V046 F  a VLAN is not bridged by a destination SEA on its vswitch (--vlanbridge, §3.3)
//   LPMSIM-V047 F  fewer destination VIOSes than source VIOSes (--redundantvios, §3.3)
//   LPMSIM-V048 F  a multipath LUN loses paths through distinct VIOSes (--mpio, §3.3)
//   LPMSIM-V050 E  a user mapping names a client slot without such an adapter (§4.3)
//   LPMSIM-V051 E  a user mapping names a VIOS that is not operating on the destination
//   LPMSIM-V052 E  a user mapping asks for a server slot in use or out of range
//   LPMSIM-V053 E  a user mapping names a VIOS without a free slot
//   LPMSIM-V054 E  a user mapping names a VIOS (or FC port) that cannot host the adapter
//   LPMSIM-V060 E  active: no operating MSP on a side (§3.3)
//   LPMSIM-V061 E  the requested MSP does not exist or is not a mover service partition
//   LPMSIM-V062 E  the requested MSP is not operating
//   LPMSIM-V063 E  no source and destination MSP reach each other over the network (§3.3)
//   LPMSIM-V064 F  no second, disjoint MSP pair for redundant MSPs (--redundantmsps, §4.3, S9)
// Not modelled (no data in the World): --vsi (VSI profiles), DPO, AMS paging devices, remote HMC,
// the IBM i mobility capability of servers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/migration/mapping_plan.hpp"
#include "models/migration/migration_record.hpp"
#include "models/migration/migration_request.hpp"
#include "models/migration/preflight.hpp"
#include "models/migration/validation_firmware.hpp"
#include "models/migration/world.hpp"

namespace models::migration {

struct ValidationSettings {
  std::vector<FirmwarePair> firmware_pairs = supported_firmware_pairs();  // §5.1
  std::vector<FirmwareMinimum> firmware_minimums =
      firmware_service_packs();              // §5.1: 840 needs SP 840_113
  std::size_t max_profile_name_length = 31;  // §2.3
};

struct ValidationResult {
  std::string lpar;
  power::MigrationKind kind = power::MigrationKind::active;  // from the partition state (§4.1)
  std::vector<ValidationMessage> messages;                   // in check order
  std::vector<MspPair> msp_pairs;  // active only: primary first, then the redundant pair
  MappingPlan plan;

  bool ok() const;                                             // no error (warnings never block)
  const ValidationMessage* find(std::string_view code) const;  // the first message with that code
  std::size_t count(std::string_view code) const;
};

// Runs every check for `request` (-o m or -o v) against the World as it is now.
ValidationResult validate(const World& world, const MigrationRequest& request,
                          const ValidationSettings& settings = {});

// What the Hmc's Migration consumes. A vSCSI mapping with several LUNs becomes one PlannedAdapter
// carrying the first LUN: Preflight's PlannedAdapter holds one backing per server adapter.
Preflight to_preflight(const ValidationResult& result);

// The server adapters preparation defines for `lpar`'s mapping plan (one per PlannedMapping).
std::vector<PlannedAdapter> planned_adapters(const MappingPlan& plan, const std::string& lpar);

// The line the HMC prints: "HSCLA319 The migrating partition's …".
std::string hmc_line(const ValidationMessage& message);

}  // namespace models::migration
