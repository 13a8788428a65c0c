// models::migration::Migration: one active partition migration, an explicit state machine
// (migration_state.hpp) driven by engine events: validation → preparation → pre-copy → suspend →
// blackout → resume → post-copy → completion, with stop, abort, failure and recovery paths
// (lpm-protocol.md §2, §6; ARCHITECTURE §4). The Hmc creates it, answers its validation and
// admission questions, and forwards operator requests and faults; the Migration moves the
// resources of the World and fills its MigrationRecord.
//   Migration m(world, "db01#1", request, settings, profile, hooks);
//   m.start();  // the rest happens in events; hooks.finished fires at a terminal state
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/memory/page_state.hpp"
#include "models/memory/workload.hpp"
#include "models/migration/redundant_channel.hpp"
#include "models/migration/migration_record.hpp"
#include "models/migration/migration_request.hpp"
#include "models/migration/migration_settings.hpp"
#include "models/migration/migration_state.hpp"
#include "models/migration/preflight.hpp"
#include "models/migration/run_variation.hpp"
#include "models/migration/world.hpp"
#include "models/power/vasi_stream.hpp"
#include "models/precopy/postcopy_tail.hpp"
#include "models/precopy/precopy_loop.hpp"

namespace models::migration {

class Migration {
 public:
  struct Hooks {
    // At the end of validation: the checks, MSP pair and mapping plan (Hmc → Validation).
    std::function<Preflight(Migration&)> validate;
    // Valid: may it start now? True = admitted (tokens taken); false = queued, admitted() later.
    std::function<bool(Migration&)> admit;
    // It was not admitted and now waits in state queued.
    std::function<void(Migration&)> queued;
    // Reached a terminal state or `failed` (tokens must be returned by then).
    std::function<void(Migration&)> finished;
    // Every state change, after it happened (fault injection at protocol points, invariants).
    std::function<void(Migration&, MigrationState from)> state_changed;
  };

  Migration(World& world, std::string id, MigrationRequest request, const MigrationSettings& settings,
            MemoryProfile profile, Hooks hooks);
  ~Migration();
  Migration(const Migration&) = delete;
  Migration& operator=(const Migration&) = delete;

  const std::string& id() const { return id_; }
  const MigrationRequest& request() const { return request_; }
  MigrationState state() const { return state_; }
  const MigrationRecord& record() const { return record_; }
  power::Lpar& lpar() const { return lpar_; }
  const Preflight& preflight() const { return preflight_; }
  power::VasiState vasi_state() const { return vasi_.state(); }

  void start();          // validation begins now
  void admitted();       // the Hmc admits a queued migration (tokens already taken)
  // `migrlpar -o s`: refused (false) past the suspend point or when already ending.
  bool stop(std::string reason = "stopped by the operator (migrlpar -o s)");
  // `migrlpar -o r`: only in state failed; resolves the partition to exactly one place.
  bool recover(bool force);

  // Faults (forwarded by the Hmc or a FaultInjector). Each ends in a defined outcome.
  void on_stream_lost(const std::string& why);       // link down, MSP or VIOS crash without failover
  // An MSP (or the VIOS it runs on) failed: with a redundant pair left the stream fails over to
  // it, otherwise the stream is lost. Ignored when the migration does not use that VIOS as MSP.
  void on_msp_failed(const power::Vios& vios);
  // A link changed: pairs whose MSPs no longer reach each other fail; none left = stream lost.
  void on_network_changed();
  void on_system_failed(const power::ManagedSystem& system);
  void set_os_refuses_suspend(bool refuses) { os_refuses_suspend_ = refuses; }
  void set_hmc_connected(bool connected);            // HMC-driven steps wait while it is away

  // Test and verify hooks: the primary MSP pair (null before validation chose one).
  power::Msp* source_msp() const;
  power::Msp* dest_msp() const;
  // The MSP pairs this migration sets up, primary first (validation's choice, less a redundant
  // pair the HMC could not admit when redundancy was only "if possible").
  const std::vector<MspPair>& msp_pairs() const { return msp_pairs_; }
  void use_msp_pairs(std::vector<MspPair> pairs) { msp_pairs_ = std::move(pairs); }
  // The end of the run: a partition still frozen has its blackout measured up to `end`.
  void close_record(sim::Time end);
  bool holds_tokens() const { return holds_tokens_; }
  // A Not Activated partition: configuration only, no MSPs, no stream (§4.1).
  bool inactive() const { return inactive_; }
  power::MigrationKind kind() const { return inactive_ ? power::MigrationKind::inactive : power::MigrationKind::active; }
  // False once the stream exists and its MSP interfaces are cut off from each other.
  bool stream_reachable() const { return channel_ == nullptr || channel_->reachable(); }
  // The Hmc took (true) or gave back (false) the admission tokens.
  void set_holds_tokens(bool holds) { holds_tokens_ = holds; }

 private:
  // Steps (migration.cpp)
  void set_state(MigrationState next, const std::string& why = {});
  void draw_variation();
  void begin_phase(const std::string& name);
  void end_phase(const std::string& detail = {});
  void finish_validation();
  void prepare();
  void finish_preparation();
  void start_precopy();
  memory::WorkloadConfig varied_workload() const;
  void on_stop_decided(const precopy::StopReport& report);
  void try_suspend();
  void on_migration_timeout();
  void on_os_suspended();
  void on_blackout_done(const precopy::BlackoutReport& report);
  void on_resumed();
  void resume_on_source(const std::string& why);
  void finish_resume_on_source();
  void on_postcopy_done(const precopy::PostcopyReport& report);
  void complete();
  void finish_completion();
  // Inactive partition mobility (migration_inactive.cpp)
  void prepare_inactive();
  void finish_inactive_preparation();
  void finish_profile_transfer();
  void finish_inactive_completion();
  void terminate(MigrationState final_state, MigrationOutcome outcome, const std::string& detail);
  // Resources (migration_resources.cpp)
  power::Outcome take_destination_resources();
  void release_destination_resources();
  void clean_source();
  void end_double_hold();
  void record_cost();
  void release_memory_model();
  sim::Duration preparation_time() const;
  sim::Duration completion_time() const;
  // Failure paths (migration_faults.cpp)
  void roll_back(const std::string& why);
  void finish_rollback();
  void fail(const std::string& why, bool partition_lost);
  void finish_recovery();
  void when_hmc_reachable(sim::Handler&& step);
  sim::Duration os_suspend_latency() const;
  bool bare_hypervisor() const { return settings_.protocol.platform == Platform::bare_hypervisor; }
  void schedule(sim::Duration delay, void (Migration::*step)());
  void trace(const std::string& kind, std::vector<sim::TraceField> fields) const;

  World& world_;
  sim::Engine& engine_;
  std::string id_;
  MigrationRequest request_;
  const MigrationSettings& settings_;
  MemoryProfile profile_;
  Hooks hooks_;
  power::Lpar& lpar_;
  power::ManagedSystem& source_;
  power::ManagedSystem* destination_ = nullptr;
  MigrationState state_ = MigrationState::requested;
  MigrationRecord record_;
  Preflight preflight_;
  power::VasiStream vasi_;
  int source_id_ = 0;
  std::optional<int> dest_id_;         // the destination shell, once reserved
  bool dest_adapters_defined_ = false;
  bool holds_tokens_ = false;
  bool executing_on_destination_ = false;
  bool partition_lost_ = false;        // crashed or died with its server
  bool os_refuses_suspend_ = false;
  bool inactive_ = false;
  bool resuming_on_source_ = false;    // a failed blackout: the source resumes the partition
  int suspend_attempt_ = 0;
  sim::Time os_ready_at_;              // Linux: drmgr pre has handed the stream id to the kernel
  sim::Time suspended_at_;
  bool hmc_connected_ = true;
  std::vector<sim::Handler> deferred_;  // HMC-driven steps waiting for the connection
  std::unique_ptr<memory::Workload> workload_;
  std::unique_ptr<memory::PageState> pages_;
  std::unique_ptr<precopy::StopPolicy> policy_;
  std::vector<MspPair> msp_pairs_;
  std::vector<const power::Vios*> failed_msps_;  // MSPs lost before the stream existed
  std::unique_ptr<precopy::ConvergencePolicy> convergence_;  // null: no management layer
  std::unique_ptr<RedundantChannel> channel_;
  std::unique_ptr<precopy::PrecopyLoop> loop_;
  std::unique_ptr<precopy::PostcopyTail> tail_;
  std::vector<sim::EventId> pending_;  // this migration's own scheduled steps, cancelled on teardown
  sim::EventId migration_deadline_;    // migration_timeout after the request; cancelled at the end
  sim::EventId suspend_deadline_;      // suspend_timeout after Suspending; cancelled once suspended
  std::optional<std::size_t> open_phase_;
  RunVariation variation_;  // this migration's factors, drawn at start (all 1 when off)
};

}  // namespace models::migration
