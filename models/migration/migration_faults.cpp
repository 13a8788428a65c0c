// The failure paths of a migration (lpm-protocol.md §6, ARCHITECTURE §4 invariant 5): before the
// suspend point everything rolls back and the partition never stops on the source; past it a
// lost stream or server leaves the migration failed until `migrlpar -o r` puts the partition in
// exactly one place. Every path ends in a terminal state or `failed`, never hangs.
#include <algorithm>

#include "models/migration/migration.hpp"
#include "sim/check.hpp"

namespace models::migration {

namespace {
void vasi_to(power::VasiStream& vasi, power::VasiState to) {
  if (power::is_legal_transition(vasi.state(), to)) (void)vasi.transition_to(to);
}
}  // namespace

void Migration::when_hmc_reachable(sim::Handler&& step) { deferred_.push_back(std::move(step)); }

void Migration::set_hmc_connected(bool connected) {
  if (connected == hmc_connected_) return;
  hmc_connected_ = connected;
  if (engine_.tracer()) trace("migration.hmc_connection", {{"connected", connected}});
  if (!connected) return;
  std::vector<sim::Handler> steps = std::move(deferred_);
  deferred_.clear();
  for (auto& step : steps) step();
}

bool Migration::stop(std::string reason) {
  switch (state_) {
    case MigrationState::validating:
    case MigrationState::queued:
      for (const sim::EventId id : pending_) engine_.cancel(id);
      end_phase("stopped");
      terminate(MigrationState::rolled_back, MigrationOutcome::rolled_back, reason);
      return true;
    case MigrationState::preparing:
    case MigrationState::precopy:
    case MigrationState::suspending:
      roll_back(reason);
      return true;
    default:
      if (engine_.tracer()) trace("migration.stop_refused", {{"state", std::string(to_string(state_))}});
      return false;  // past the suspend point, or already ending (§4.3: `-o s` only before it)
  }
}

// Before the suspend point the source copy is authoritative (§6): abort the stream, undo the
// preparation, and the partition carries on as if nothing happened.
void Migration::roll_back(const std::string& why) {
  for (const sim::EventId id : pending_) engine_.cancel(id);
  deferred_.clear();
  end_phase(why);
  if (loop_) loop_->abort();
  vasi_to(vasi_, power::VasiState::aborted);
  set_state(MigrationState::stopping, why);
  record_.outcome_detail = why;
  begin_phase("rollback");
  schedule(settings_.protocol.rollback_cleanup, &Migration::finish_rollback);
}

void Migration::finish_rollback() {
  release_destination_resources();
  if (lpar_.state() == power::LparState::migrating_running) (void)lpar_.change_state(power::LparState::running);
  if (lpar_.state() == power::LparState::migrating_not_activated) (void)lpar_.change_state(power::LparState::not_activated);
  vasi_to(vasi_, power::VasiState::invalid);
  end_phase();
  terminate(MigrationState::rolled_back, MigrationOutcome::rolled_back, record_.outcome_detail);
}

// Past the point of no return: stop moving data and wait for `migrlpar -o r`.
void Migration::fail(const std::string& why, bool partition_lost) {
  // MUTANT (verify self-test): forget the resume, so `-o r` "rolls back" to the source.
  if (settings_.mutant == Mutant::rollback_after_resume && state_ == MigrationState::resumed)
    executing_on_destination_ = false;
  for (const sim::EventId id : pending_) engine_.cancel(id);
  deferred_.clear();
  end_phase(why);
  partition_lost_ = partition_lost_ || partition_lost;
  if (loop_ && loop_->state() != precopy::PrecopyState::done) loop_->abort();
  vasi_to(vasi_, power::VasiState::aborted);
  if (partition_lost && executing_on_destination_ && destination_->operating()) {
    // The partition touched a page it can no longer fetch: it crashes on the destination.
    (void)destination_->hypervisor().suspend(*dest_id_);
    (void)lpar_.change_state(power::LparState::error);
  }
  terminate(MigrationState::failed, MigrationOutcome::failed, why);
  if (channel_) channel_->break_stream();  // late chunk callbacks land in a failed migration
}

void Migration::on_stream_lost(const std::string& why) {
  if (before_point_of_no_return(state_) && state_ != MigrationState::validating && state_ != MigrationState::queued &&
      state_ != MigrationState::requested)
    return roll_back("migration stream lost: " + why);
  if (state_ == MigrationState::suspended)
    return resume_on_source("migration stream lost during the blackout: " + why);
  if (state_ == MigrationState::resumed)
    return fail("migration stream lost during post-copy, pages unreachable: " + why, true);
}

void Migration::on_msp_failed(const power::Vios& vios) {
  const auto uses = [&vios](const MspPair& p) { return p.source == &vios || p.destination == &vios; };
  if (std::none_of(msp_pairs_.begin(), msp_pairs_.end(), uses) || is_terminal(state_)) return;
  const std::string why = "mover service partition " + vios.name() + " failed";
  if (channel_) {
    // With a redundant pair left the stream fails over to it (§6, S9); otherwise it is lost.
    (void)channel_->fail_pairs_of(vios, why);
    if (channel_->live_pairs() == 0) on_stream_lost(why);
    return;
  }
  // Before the stream exists: remember the loss; the migration goes on if a pair survives.
  failed_msps_.push_back(&vios);
  const bool survivor = std::any_of(msp_pairs_.begin(), msp_pairs_.end(), [this](const MspPair& p) {
    return std::none_of(failed_msps_.begin(), failed_msps_.end(),
                        [&p](const power::Vios* v) { return p.source == v || p.destination == v; });
  });
  if (!survivor) on_stream_lost(why);
}

void Migration::on_network_changed() {
  if (!channel_ || is_terminal(state_) || state_ == MigrationState::failed) return;
  channel_->check_paths();
  if (!channel_->reachable()) on_stream_lost("no path between the MSPs");
}

// §6 [INF]: after Suspended but before Resumed "the platform must resume it on the source", which
// still holds all of the partition's state; the blackout lasts until it runs there again.
void Migration::resume_on_source(const std::string& why) {
  if (resuming_on_source_) return;
  resuming_on_source_ = true;
  for (const sim::EventId id : pending_) engine_.cancel(id);
  deferred_.clear();
  end_phase(why);
  if (loop_ && loop_->state() != precopy::PrecopyState::done) loop_->abort();
  if (channel_) channel_->break_stream();
  vasi_to(vasi_, power::VasiState::aborted);
  record_.outcome_detail = "resumed on the source after a failed blackout: " + why;
  if (engine_.tracer()) trace("migration.resume_on_source", {{"why", why}});
  begin_phase("resume on source");
  schedule(settings_.protocol.resume_on_source, &Migration::finish_resume_on_source);
}

void Migration::finish_resume_on_source() {
  if (!source_.operating()) return;  // on_system_failed has made it a stranded failure
  const power::Outcome r = source_.hypervisor().resume(source_id_);
  SIM_CHECK_AT(engine_.now(), r.ok(), id_, "resume on the source: " + r.reason());
  record_.blackout = engine_.now() - suspended_at_;
  end_phase();
  set_state(MigrationState::stopping, record_.outcome_detail);
  begin_phase("rollback");
  schedule(settings_.protocol.rollback_cleanup, &Migration::finish_rollback);
}

void Migration::on_system_failed(const power::ManagedSystem& system) {
  const bool is_source = &system == &source_;
  const bool is_destination = &system == destination_;
  if (!is_source && !is_destination) return;
  switch (state_) {
    case MigrationState::validating:
    case MigrationState::queued:
      // Nothing was prepared yet: the request cannot go on (verify found queued requests that
      // would otherwise start from a dead server).
      for (const sim::EventId id : pending_) engine_.cancel(id);
      end_phase("system failed");
      return terminate(MigrationState::rejected, MigrationOutcome::rejected,
                       std::string(is_source ? "source" : "destination") + " system " + system.name() +
                           " failed before the migration started");
    case MigrationState::stopping:
      // A rollback cannot bring the partition back on a dead source (verify: Stopping + source
      // failure); the destination side is undone by `-o r`.
      if (is_source) return fail("source system " + system.name() + " failed during the rollback", true);
      return;
    case MigrationState::preparing:
    case MigrationState::precopy:
    case MigrationState::suspending:
      if (is_destination) return roll_back("destination system " + system.name() + " failed");
      return fail("source system " + system.name() + " failed; the partition went down with it", true);
    case MigrationState::suspended:
      if (is_destination)
        return resume_on_source("destination system " + system.name() + " failed during the blackout");
      // The frozen partition's only complete copy went down with its server: stranded (§6).
      record_.stranded = true;
      return fail("source system " + system.name() + " failed during the blackout; the partition is stranded", true);
    case MigrationState::resumed:
      return fail(std::string(is_source ? "source" : "destination") + " system " + system.name() +
                      " failed during post-copy",
                  true);
    default:
      return;  // validation/admission re-check the systems; completion tolerates a dead source
  }
}

bool Migration::recover(bool force) {
  if (state_ != MigrationState::failed) return false;
  if (engine_.tracer()) trace("migration.recover", {{"force", force}});
  set_state(MigrationState::recovering);
  begin_phase("recovery");
  schedule(settings_.protocol.recover, &Migration::finish_recovery);
  return true;
}

// `migrlpar -o r` (§6): the partition ends up defined, and running if it can, in exactly one place.
void Migration::finish_recovery() {
  std::string where;
  if (!executing_on_destination_) {
    release_destination_resources();
    if (!inactive_ && !partition_lost_ && source_.operating() && lpar_.executing_on().empty()) {
      const power::Outcome r = source_.hypervisor().resume(source_id_);
      SIM_CHECK_AT(engine_.now(), r.ok(), id_, "recover on the source: " + r.reason());
    }
    if (lpar_.state() == power::LparState::migrating_running)
      (void)lpar_.change_state(partition_lost_ ? power::LparState::error : power::LparState::running);
    if (lpar_.state() == power::LparState::migrating_not_activated) (void)lpar_.change_state(power::LparState::not_activated);
    where = partition_lost_ ? "defined on " + source_.name() + " (needs a restart)" : "running on " + source_.name();
    if (inactive_) where = "defined on " + source_.name() + " (Not Activated)";
  } else {
    if (source_.operating()) clean_source();
    else world_.set_home(lpar_, destination_->name());
    where = partition_lost_ ? "defined on " + destination_->name() + " (crashed; needs a restart)"
                            : "running on " + destination_->name();
  }
  vasi_to(vasi_, power::VasiState::invalid);
  end_phase(where);
  terminate(MigrationState::recovered, MigrationOutcome::recovered, where);
}

}  // namespace models::migration
