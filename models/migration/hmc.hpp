// models::migration::Hmc: the Hardware Management Console as orchestrator (ARCHITECTURE §3,
// lpm-protocol.md §2, §5.2, §8.5). Takes `migrlpar` requests (-o m|v|s|r), creates one Migration
// per partition, answers their validation through an injected validator, admits them under the
// concurrency limits — per system (ManagedSystem counters), per MSP (cfg_msp_lpm_ops, VASI ops)
// and per MSP pair on slow links (≤ 4 below 10 Gbit/s) — and queues the rest FIFO.
//   Hmc hmc(world, settings, profiles, validate);
//   hmc.submit(request);  // at engine.now(); the migration runs in events
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/migration/migration.hpp"

namespace models::migration {

struct HmcLimits {
  // §5.2: "on a 1 Gb network do not run more than 4 concurrent migrations"; ≥ 10 Gb up to 8 per
  // MSP pair (cfg_msp_lpm_ops = 8 enforces the same on the MSPs; this is the HMC's own limit).
  int max_per_pair = 8;
  int max_per_pair_on_slow_links = 4;
  double slow_link_bits_per_second = 1e9;  // a pair whose slowest link is at most this is "slow"
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
  const std::vector<Migration*>& queue() const { return queue_; }
  const MigrationSettings& settings() const { return settings_; }
  // verify's mutation self-test: a deliberate protocol bug for every migration (mutant.hpp).
  void set_mutant(Mutant m) { settings_.mutant = m; }
  World& world() const { return world_; }

  // Faults the HMC hears about and forwards (the FaultInjector calls these).
  void system_failed(power::ManagedSystem& system);
  // A link went down: migrations whose MSPs no longer reach each other lose their stream (the
  // MSPs' TCP connection is taken as broken at once).
  void network_changed();
  void msp_failed(const power::Vios& vios);
  void set_connected(bool connected);
  bool connected() const { return connected_; }
  void set_os_refuses_suspend(const std::string& lpar, bool refuses);

  // Observers, called in registration order.
  void on_state_change(std::function<void(Migration&, MigrationState from)> observer) {
    state_observers_.push_back(std::move(observer));
  }
  void on_finished(std::function<void(Migration&)> observer) { finished_observers_.push_back(std::move(observer)); }

 private:
  Migration* latest(const std::string& lpar) const;
  bool try_admit(Migration& m);
  void release(Migration& m);
  void admit_queued();
  int active_on_pair(const MspPair& pair) const;
  bool slow_pair(const MspPair& pair) const;
  Migration::Hooks hooks();

  World& world_;
  MigrationSettings settings_;
  HmcLimits limits_;
  std::map<std::string, MemoryProfile> profiles_;
  Validator validator_;
  std::vector<std::unique_ptr<Migration>> migrations_;
  std::vector<Migration*> queue_;
  std::map<std::string, bool> os_refuses_;
  std::map<std::string, int> sequence_;  // per partition, for migration ids "db01#2"
  bool connected_ = true;
  std::vector<std::function<void(Migration&, MigrationState)>> state_observers_;
  std::vector<std::function<void(Migration&)>> finished_observers_;
};

}  // namespace models::migration
