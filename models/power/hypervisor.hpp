// models::power::Hypervisor: PHYP of one ManagedSystem — the partition table (by id, iterated in
// id order), memory (whole LMBs) and processors given to partitions, partition shells created
// for an arriving migration (reserve, then commit or release; §2.3), suspend/resume (which
// server a partition executes on; §2.5, §2.6), and the hooks for dirty-page tracking and
// demand paging (hypervisor_hooks.hpp). Owned by ManagedSystem; driven by the Hmc/Migration.
// Shortages and unknown partitions are refused Outcomes; broken accounting is a SIM_CHECK.
// The table points at Lpar objects it does not own: whoever builds the world keeps each Lpar alive
// for as long as any hypervisor lists it (one Lpar object is listed by source and destination
// while it migrates).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/power/hypervisor_hooks.hpp"
#include "models/power/lpar.hpp"
#include "models/power/outcome.hpp"
#include "models/power/processing_units.hpp"
#include "sim/engine.hpp"
#include "sim/string_index.hpp"

namespace models::power {

class ManagedSystem;

// reserved: a shell being created, resources promised but not yet the partition's (§2.3);
// committed: a defined partition holding its memory and processors.
enum class PartitionEntryState { reserved, committed };

struct PartitionEntry {
  int id = 0;  // the id on *this* system; a migrated partition may get another one (§2.3)
  Lpar* lpar = nullptr;
  std::int64_t lmbs = 0;
  ProcessingUnits processors;
  PartitionEntryState state = PartitionEntryState::committed;
  DirtyTracker* dirty_tracker = nullptr;        // non-null while tracking
  DemandPageServer* page_server = nullptr;      // non-null while serving demand paging
  std::uint64_t page_requests = 0;              // accepted demand-paging requests
};

struct ShellReservation {
  Outcome outcome;
  int id = 0;  // the destination id chosen; 0 when refused
};

class Hypervisor {
 public:
  Hypervisor(sim::Engine& engine, ManagedSystem& system);
  Hypervisor(const Hypervisor&) = delete;
  Hypervisor& operator=(const Hypervisor&) = delete;

  // Defines `lpar` here with its desired memory (rounded up to LMBs) and processor capacity, at
  // id lpar.id(). An active partition (Running, Starting, …) starts executing here.
  Outcome add_partition(Lpar& lpar);
  // Deletes a committed partition and frees its resources (source cleanup, §2.7); stops any
  // dirty tracking first. Refused while the partition still executes here.
  Outcome remove_partition(int id);

  // Reserves a shell for `lpar` arriving by migration. The id is `requested_id` if given (refused
  // if taken), else lpar.id() if free here, else the lowest free id (§2.3).
  ShellReservation reserve_shell(Lpar& lpar, std::optional<int> requested_id = std::nullopt);
  void commit_shell(int id);   // reserved → committed; SIM_CHECK that it was reserved
  void release_shell(int id);  // reserved → gone, resources back to free

  // The partition stops executing here: the blackout starts (§2.5). Refused unless it executes here.
  Outcome suspend(int id);
  // The partition executes here (§2.6, or back on the source after a failed move). Refused for a
  // reserved shell; a partition executing on another server is an invariant violation (SIM_CHECK).
  Outcome resume(int id);

  Outcome start_dirty_tracking(int id, DirtyTracker& tracker);
  Outcome stop_dirty_tracking(int id);
  // Registers (or with nullptr clears) who answers demand-paging requests for partition `id`.
  Outcome set_demand_page_server(int id, DemandPageServer* server);
  // A demand-paging request from the destination (§2.6); refused if the system is down, the
  // partition is gone or nobody serves its pages.
  Outcome request_page(int id, std::uint64_t page_index);

  const PartitionEntry* find(int id) const;
  const PartitionEntry* find(std::string_view name) const;
  // All entries in increasing id order (deterministic).
  std::vector<const PartitionEntry*> partitions() const;
  std::size_t partition_count() const { return table_.size(); }

 private:
  PartitionEntry* entry(int id);
  Outcome refuse_if_down() const;
  Outcome reserve_resources(const Lpar& lpar, std::int64_t lmbs, ProcessingUnits procs, bool as_shell);
  int choose_id(const Lpar& lpar) const;
  std::string component() const;
  void trace(std::string_view event, const PartitionEntry& e) const;

  sim::Engine& engine_;
  ManagedSystem& system_;
  std::map<int, PartitionEntry> table_;
  // Names are unique per hypervisor (add_partition and reserve_shell refuse a second one): the
  // index by name keeps find(name) logarithmic (a 1 000-LPAR plan-evacuation spent half its time
  // walking table_ comparing names).
  sim::StringIndex<int> id_by_name_;
};

}  // namespace models::power
