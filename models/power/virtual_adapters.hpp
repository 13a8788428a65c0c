// The I/O a partition sees: client virtual adapters (vSCSI, vFC/NPIV, vEth, vNIC) with their
// client slot and the VIOS server slot that backs them, and the physical I/O that blocks active
// migration (§3.4). Plain data held by Lpar; the HMC's mapping step (§2.1 step 4) reads it.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace models::power {

// Virtual SCSI client adapter: the VIOS exports `lun_ids` through its server adapter (§2.3:
// backing disks must be visible on both sides).
struct VscsiClientAdapter {
  int client_slot = 0;
  std::string server_vios;  // partition name of the VIOS
  int server_slot = 0;
  std::vector<std::string> lun_ids;
};

// Virtual FC (NPIV) client adapter. Each owns a pair of WWPNs: the first is used in normal
// operation, the second for partition mobility; both must be zoned to the same LUNs (§2.3, S19).
struct VfcClientAdapter {
  int client_slot = 0;
  std::string server_vios;
  int server_slot = 0;
  std::array<std::string, 2> wwpns;
  std::vector<std::string> lun_ids;  // what the WWPNs are zoned/masked to
};

// Virtual Ethernet: no per-client VIOS device; the destination needs the VLANs on the same
// virtual switch, bridged by a SEA (§2.3, §3.3).
struct VethClientAdapter {
  int client_slot = 0;
  std::string vswitch = "ETHERNET0";  // the HMC's default virtual switch name
  int port_vlan_id = 1;               // PVID
  std::vector<int> tagged_vlans;      // additional 802.1Q VLANs
};

// vNIC: re-created on the destination with `vnic_mappings` (§3.4); backed by an SR-IOV port
// through a VIOS server adapter.
struct VnicClientAdapter {
  int client_slot = 0;
  std::string server_vios;
  int server_slot = 0;
  std::string backing_port;  // SR-IOV physical port label on the server
};

// Physical I/O owned by the partition. Any of these blocks active migration (§3.4); the user
// removes them with DLPAR first.
enum class PhysicalIoKind { dedicated_adapter, lhea_port, sriov_logical_port };

struct PhysicalIo {
  PhysicalIoKind kind = PhysicalIoKind::dedicated_adapter;
  std::string location;  // physical location code or port label, for messages
};

}  // namespace models::power
