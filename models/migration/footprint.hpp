// models::migration::Holding: one resource a partition holds — its state, its partition-table
// entry on a system, a server adapter or a virtual device on a VIOS — as the invariant checker
// snapshots it before a migration and looks at it after one (invariant 3). Kept as values; the
// text line ("sysA 256 LMBs 200 cpu committed", "sysA/sysA-vios1 slot 20 vscsi client 2",
// "sysA/sysA-vios1 device vscsi slot 20 lun available", "state Running") is written only when a
// check needs the words: a message, or a rollback comparing its snapshot. Snapshots used to be
// those lines, built at every check: a tenth of a small sweep variant's instructions.
//   Holding h = Holding::slot(system, vios, adapter);  h.line();  h.on_system("sysA");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "models/power/lpar_state.hpp"
#include "models/power/hypervisor.hpp"
#include "models/power/vios.hpp"

namespace models::migration {

struct Holding {
  enum class Kind : std::uint8_t { state, entry, slot, device };

  static Holding state(power::LparState s);
  static Holding entry(const std::string& system, const power::PartitionEntry& e);
  static Holding slot(const std::string& system, const std::string& vios, const power::ServerAdapter& a);
  static Holding device(const std::string& system, const std::string& vios, const power::VirtualDevice& d);

  // The line the checker's messages show (the snapshot's text before Holding existed).
  std::string line() const;
  // Whether line() starts with `system` followed by ' ' or '/' — a resource on that system, as
  // the completion check has always read it — without writing the line when the names decide.
  bool on_system(std::string_view system) const;

  Kind kind = Kind::state;
  std::string system;  // copies: a snapshot outlives any reshuffle of the World's containers
  std::string vios;
  std::int64_t number = 0;  // entry: LMBs; slot: slot; device: server slot
  std::int64_t other = 0;   // entry: processor hundredths; slot: client slot
  int code = 0;    // state: LparState; entry: committed (1) or reserved (0); slot, device: kind
  int device_state = 0;
  std::string backing;
};

}  // namespace models::migration
