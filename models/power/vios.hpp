// models::power::Vios: a Virtual I/O Server partition — its virtual slots and the server adapters
// defined in them, the per-client virtual devices (vSCSI disks, vFC/NPIV, vNIC) with their
// lock / unconfigure / undefine life cycle (§2.1 step 9, §2.7), what storage and VLANs it can
// reach (§2.3, §3.3), crash/restart as a modelled fault, and, when `msp` is set, its Msp role.
// Built by the scenario loader or a test; the Hmc's mapping, preparation and cleanup steps drive it.
//   models::power::Vios vios1(engine, "sysB", {.partition = {...}, .max_virtual_slots = 200});
//   sysB.hypervisor().add_partition(vios1.partition());  // a VIOS is a partition too
//   vios1.define_server_adapter({.slot = 12, .kind = VirtualDeviceKind::vscsi, .client = "db01"});
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/power/lpar.hpp"
#include "models/power/msp.hpp"
#include "models/power/outcome.hpp"
#include "sim/engine.hpp"

namespace models::power {

// vEth has no per-client device on the VIOS (the SEA bridges VLANs), so it is not a kind here.
enum class VirtualDeviceKind { vscsi, vfc, vnic };
std::string_view kind_name(VirtualDeviceKind k);

// A server adapter in one of the VIOS's virtual slots, serving one client adapter.
struct ServerAdapter {
  int slot = 0;
  VirtualDeviceKind kind = VirtualDeviceKind::vscsi;
  std::string client;  // client partition name (ids may change on migration, names do not)
  int client_slot = 0;
};

// AIX device states (Available, Defined) plus the lock the migration manager holds on the
// source while the partition moves [INF]. Undefined devices are removed from the VIOS.
enum class VirtualDeviceState { available, locked, defined };
std::string_view state_name(VirtualDeviceState s);

struct VirtualDevice {
  VirtualDeviceKind kind = VirtualDeviceKind::vscsi;
  std::string client;
  int server_slot = 0;
  std::string backing;  // LUN id (vSCSI), FC port (vFC), SR-IOV port (vNIC)
  VirtualDeviceState state = VirtualDeviceState::available;
};

struct FcPort {
  std::string name;  // "fcs0"
  bool npiv_capable = true;
  int max_npiv_clients = 64;               // ≤ 64 vFC per physical port (§11, S34)
  std::vector<std::string> reachable_luns;  // SAN zoning/masking seen through this port
};

// A Shared Ethernet Adapter bridging VLANs of one virtual switch to the physical network (§2.3).
struct Sea {
  std::string name;  // "ent8"
  std::string vswitch = "ETHERNET0";
  std::vector<int> bridged_vlans;
};

// A VIOS partition's defaults. Memory: assumption 8 GiB (S18's 40 GbE test VIOSes had 12 GB).
inline LparConfig vios_partition() {
  LparConfig c;
  c.memory_min = c.memory_desired = c.memory_max = sim::Bytes(8LL << 30);
  c.is_vios = true;
  return c;
}

struct ViosConfig {
  LparConfig partition = vios_partition();  // is_vios must be set
  // Slots 0 and 1 hold the virtual serial adapters, so server adapters use 2 … max−1.
  // assumption: 200 — unpublished (§3.3 only requires enough free slots); a VIOS serves one or two
  // server adapters per client, so the HMC's 20 for a new partition would cap it at ~9 clients.
  int max_virtual_slots = 200;
  std::vector<std::string> visible_luns;  // disks the VIOS can map through vSCSI
  std::vector<FcPort> fc_ports;
  std::vector<Sea> seas;
  std::vector<std::string> sriov_ports;  // physical ports that can back a vNIC
  bool msp = false;
  MspConfig msp_config;
};

class Vios {
 public:
  static constexpr int kFirstUserSlot = 2;

  Vios(sim::Engine& engine, std::string system_name, ViosConfig config);
  Vios(const Vios&) = delete;
  Vios& operator=(const Vios&) = delete;

  // Trace component and message name, "sysB/vios1".
  const std::string& name() const { return component_; }
  Lpar& partition() { return partition_; }
  const Lpar& partition() const { return partition_; }
  const ViosConfig& config() const { return config_; }

  // Slots (max_virtual_slots minus the two serial slots).
  int slot_capacity() const { return config_.max_virtual_slots - kFirstUserSlot; }
  int used_slots() const { return static_cast<int>(adapters_.size()); }
  int free_slots() const { return slot_capacity() - used_slots(); }
  // `preferred` if it is a free user slot (the HMC keeps slot numbers where it can, §2.1), else
  // the lowest free one; nullopt when all are used.
  std::optional<int> free_slot(std::optional<int> preferred = std::nullopt) const;
  const ServerAdapter* adapter_at(int slot) const;
  const std::vector<ServerAdapter>& adapters() const { return adapters_; }  // in slot order
  Outcome define_server_adapter(ServerAdapter adapter);
  // Refused while devices of that client still live on the slot (undefine them first).
  Outcome remove_server_adapter(int slot);

  // What the VIOS can reach.
  bool sees_lun(std::string_view lun) const;
  const FcPort* fc_port(std::string_view name) const;
  int npiv_clients(std::string_view port) const;
  bool bridges_vlan(std::string_view vswitch, int vlan) const;

  // Mappings; each creates an Available device on a server adapter of the client and kind.
  Outcome map_vscsi(std::string_view client, int server_slot, std::string_view lun);
  Outcome map_vfc(std::string_view client, int server_slot, std::string_view port);
  Outcome map_vnic(std::string_view client, int server_slot, std::string_view sriov_port);
  std::vector<const VirtualDevice*> devices_of(std::string_view client) const;  // creation order
  std::size_t device_count() const { return devices_.size(); }

  // A client's whole set of devices, all or nothing (§2.7: unlock, unconfigure, undefine):
  // lock Available→Locked, unlock Locked→Available, unconfigure Available→Defined,
  // configure Defined→Available, undefine Defined→removed.
  Outcome lock_client(std::string_view client);
  Outcome unlock_client(std::string_view client);
  Outcome unconfigure_client(std::string_view client);
  Outcome configure_client(std::string_view client);
  Outcome undefine_client(std::string_view client);

  // A crash refuses every request (and stops the MSP role) until restart(). Mappings survive in
  // the ODM; locks do not [INF]: restart returns Locked devices to Available.
  bool operating() const { return operating_; }
  void crash();
  void restart();

  Msp* msp() { return msp_ ? &*msp_ : nullptr; }
  const Msp* msp() const { return msp_ ? &*msp_ : nullptr; }

 private:
  Outcome refuse_if_down() const;
  Outcome check_adapter(std::string_view client, int slot, VirtualDeviceKind kind) const;
  Outcome add_device(VirtualDeviceKind kind, std::string_view client, int slot, std::string_view backing);
  Outcome check_client(std::string_view client, VirtualDeviceState from, std::string_view op) const;
  Outcome move_client(std::string_view client, VirtualDeviceState from, VirtualDeviceState to, std::string_view op);
  void set_device_state(VirtualDevice& d, VirtualDeviceState to);

  sim::Engine& engine_;
  std::string component_;
  ViosConfig config_;
  Lpar partition_;
  std::vector<ServerAdapter> adapters_;  // sorted by slot
  std::vector<VirtualDevice> devices_;
  std::optional<Msp> msp_;
  bool operating_ = true;
};

}  // namespace models::power
