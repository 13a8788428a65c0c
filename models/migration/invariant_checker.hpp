// models::migration::InvariantChecker: the five protocol invariants of ARCHITECTURE §4, checked
// at every migration state change, at every finish and at the end of a run, plus the legal VASI
// transitions (lpm-protocol.md §2.9) and the HMC partition-state names (§4.2). Used by
// `lpmsim verify` (app/studies/verify) and its tests. It is a sim::Tracer (put it in the tee) so
// that it keeps the last N trace records for a counterexample; the first violation stops the run.
//   InvariantChecker checker(hmc);  tee.add(&checker);  ...run...  checker.finish(end_reached);
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/migration/footprint.hpp"
#include "models/migration/hmc.hpp"
#include "sim/tracer.hpp"

namespace models::migration {

struct Violation {
  sim::Time at;
  int invariant = 0;  // 1–5 as in ARCHITECTURE §4; 6 = VASI transitions / HMC state names
  std::string name;   // "single execution", "no lost update", "resources balance", …
  std::string migration;
  std::string message;
  std::vector<sim::TraceRecord> trace_tail;  // oldest first
};

const char* invariant_name(int invariant);

class InvariantChecker final : public sim::Tracer {
 public:
  // `cheap`: what every `lpmsim run` affords — the per-migration checks at each transition
  // (legal transitions, where the partition executes, the source holding it, the rollback
  // footprint, completion and `-o r` placement) and the world-wide balance only at finish(); it
  // needs no trace records, and looks at a partition only on the systems its migrations name (so a
  // data centre costs O(log N) per check, issue 18). `full` (verify): also the world-wide balance after every transition
  // and the trace-based checks of record() — the checker must then be in the engine's tracer.
  enum class Level { cheap, full };

  // Registers on `hmc`'s observers; keeps the last `tail_size` trace records.
  explicit InvariantChecker(Hmc& hmc, std::size_t tail_size = 40, Level level = Level::full);

  // sim::Tracer: the ring buffer, VASI and partition-state names, blackout ends, execution moves.
  void record(const sim::TraceRecord& r) override;
  // World-wide accounting (invariant 3) and concurrency limits (invariant 4), now.
  void check_world();
  // The end of the run: invariant 5 and the final placement of every migrated partition.
  // `end_time_reached`: the scenario's end time cut the run short (non-terminal is then allowed).
  void finish(bool end_time_reached);
  // Records a violation found elsewhere (e.g. a model SIM_CHECK that verify caught).
  void add(int invariant, const std::string& migration, const std::string& message);

  const std::vector<Violation>& violations() const { return violations_; }
  // How often each (from → to) migration transition happened (for verify's state graph).
  const std::map<std::pair<MigrationState, MigrationState>, std::int64_t>& transitions() const {
    return transitions_;
  }

 private:
  struct Track {
    std::vector<Holding> footprint;  // the partition's resources before the migration
    bool blackout_done = false;
  };
  void on_state_change(Migration& m, MigrationState from);
  void on_finished(Migration& m);
  void check_execution(Migration& m);
  void check_source_held(Migration& m);
  void check_rolled_back(Migration& m);
  void check_completed(Migration& m);
  void check_single_place(Migration& m);
  void check_msp_tokens();
  // The partition's resources, in World order; VIOSes that are down are left out.
  std::vector<Holding> footprint(const std::string& lpar) const;
  // The systems to look at for a partition, in World order: all of them at the full level; at the
  // cheap level its home when first seen and every source and destination its migrations named.
  std::vector<const power::ManagedSystem*> places(const std::string& lpar) const;
  void note_places(const Migration& m);
  bool down_vios(const std::string& footprint_line) const;

  Hmc& hmc_;
  std::size_t tail_size_;
  Level level_;
  std::deque<sim::TraceRecord> tail_;
  std::map<std::string, Track> tracks_;  // by migration id
  std::map<std::string, std::string> last_executed_on_;  // partition → system it last ran on
  std::map<std::string, std::vector<std::size_t>> places_;  // partition → World positions (cheap level)
  std::map<std::string, std::size_t, std::less<>> system_position_;  // filled at the first note_places
  std::vector<Violation> violations_;
  std::map<std::pair<MigrationState, MigrationState>, std::int64_t> transitions_;
};

}  // namespace models::migration
