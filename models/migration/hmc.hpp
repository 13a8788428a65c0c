// models::migration::Hmc: the Hardware Management Console as orchestrator (ARCHITECTURE §3,
// lpm-protocol.md §2, §5.2, §8.5). Takes `migrlpar` requests (-o m|v|s|r), creates one Migration
// per partition, answers their validation through an injected validator, admits them under the
// concurrency limits — per system (ManagedSystem counters), per MSP (cfg_msp_lpm_ops, VASI ops)
// and per MSP pair on slow links (≤ 4 below 10 Gbit/s) — and queues the rest FIFO. An active
// migration takes an operation on the MSPs of every pair it sets up (redundant pairs, S9); an
// inactive one only the systems' inactive counters (§4.1). Admission costs O(log N) at data-centre
// scale: each migration's systems, pairs and pair counter are resolved once (its Ticket), and a
// queued request waits on the one resource that refused it and is re-tried only when that
// resource frees (issue 18).
//   Hmc hmc(world, settings, profiles, validate);
//   hmc.submit(request);  // at engine.now(); the migration runs in events
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "models/migration/migration.hpp"

namespace models::migration {

struct HmcLimits {
  // §5.2: "on a 1 Gb network do not run more than 4 concurrent migrations"; ≥ 10 Gb up to 8 per
  // MSP pair (cfg_msp_lpm_ops = 8 enforces the same on the MSPs; this is the HMC's own limit).
  int max_per_pair = 8;                    // §5.2: VIOS ≥ 2.2.2.0 with ≥ 10 Gb, per MSP pair
  int max_per_pair_on_slow_links = 4;      // §5.2: "not more than 4 on a 1 Gb network"
  sim::BytesPerSecond slow_link_bandwidth = 1_Gbps;  // §5.2: a pair whose slowest link is at most this is "slow"
};

using Validator = std::function<Preflight(const World&, const MigrationRequest&)>;

class Hmc {
 public:
  Hmc(World& world, MigrationSettings settings, HmcLimits limits, std::map<std::string, MemoryProfile> profiles,
      Validator validator);
  Hmc(const Hmc&) = delete;
  Hmc& operator=(const Hmc&) = delete;

  // A request at the current time. -o m / -o v start a migration of request.lpar; -o s and -o r
  // act on the newest migration of that partition (refused, and traced, when none applies).
  // Returns false for a refused stop/recover.
  bool submit(const MigrationRequest& request);

  const std::vector<std::unique_ptr<Migration>>& migrations() const { return migrations_; }
  std::size_t queued_count() const { return queued_.size(); }
  const MigrationSettings& settings() const { return settings_; }
  // verify's mutation self-test: a deliberate protocol bug for every migration (mutant.hpp).
  void set_mutant(Mutant m) { settings_.mutant = m; }
  World& world() const { return world_; }

  // Faults the HMC hears about and forwards (the FaultInjector calls these).
  void system_failed(power::ManagedSystem& system);
  // A link went down: migrations whose MSPs no longer reach each other lose their stream (the
  // MSPs' TCP connection is taken as broken at once).
  void network_changed();
  // A VIOS crashed: migrations using it as MSP fail over to a redundant pair or lose the stream.
  void msp_failed(const power::Vios& vios);
  void vios_restarted(const power::Vios& vios);
  // The end of the run: frozen partitions get their blackout measured up to `end`.
  void close_records(sim::Time end);
  void set_connected(bool connected);
  bool connected() const { return connected_; }
  void set_os_refuses_suspend(const std::string& lpar, bool refuses);

  // Observers, called in registration order.
  void on_state_change(std::function<void(Migration&, MigrationState from)> observer) {
    state_observers_.push_back(std::move(observer));
  }
  void on_finished(std::function<void(Migration&)> observer) { finished_observers_.push_back(std::move(observer)); }

 private:
  // What a migration needs to be admitted, resolved once from its request and preflight. The
  // resources' addresses (systems, MSPs, the pair's counter) are the keys requests wait on.
  struct Ticket {
    power::MigrationKind kind = power::MigrationKind::active;
    power::ManagedSystem* source = nullptr;
    power::ManagedSystem* destination = nullptr;
    std::vector<MspPair> pairs;            // active: validation's pairs, primary first
    int* on_pair = nullptr;                // active: migrations holding tokens on the primary pair
    const char* source_inactive = nullptr;  // inactive: the keys of the systems' inactive counters
    const char* destination_inactive = nullptr;
    std::uint64_t queued_at = 0;  // FIFO position while queued
  };
  struct PairHash {
    std::size_t operator()(const std::pair<const void*, const void*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };

  Migration* latest(const std::string& lpar) const;
  Ticket& ticket(Migration& m);
  const void* blocker(const Migration& m, const Ticket& t) const;
  bool try_admit(Migration& m);
  void enqueue(Migration& m);
  void release(Migration& m, std::vector<const void*>& freed);
  void admit_queued(const std::vector<const void*>& freed);
  bool slow_pair(const MspPair& pair) const;
  Migration::Hooks hooks();

  World& world_;
  MigrationSettings settings_;
  HmcLimits limits_;
  std::map<std::string, MemoryProfile> profiles_;
  Validator validator_;
  std::vector<std::unique_ptr<Migration>> migrations_;
  std::unordered_map<const Migration*, Ticket> tickets_;
  std::unordered_map<std::pair<const void*, const void*>, int, PairHash> active_on_pair_;
  std::unordered_map<const power::ManagedSystem*, char> inactive_keys_;  // stable addresses only
  // Queued migrations by FIFO position; each is also listed under the resource it waits for
  // (kAnyRelease: a refusal no release may end — an MSP down, a slow pair — re-tried at each one).
  std::map<std::uint64_t, Migration*> queued_;
  std::unordered_map<const void*, std::vector<Migration*>> waiting_;
  std::map<std::uint64_t, Migration*> retry_;  // candidates of the admission pass under way
  bool admitting_ = false;
  std::uint64_t next_queue_position_ = 1;
  std::map<std::string, bool> os_refuses_;
  std::map<std::string, int> sequence_;  // per partition, for migration ids "db01#2"
  bool connected_ = true;
  std::vector<std::function<void(Migration&, MigrationState)>> state_observers_;
  std::vector<std::function<void(Migration&)>> finished_observers_;
};

}  // namespace models::migration
