// The happy path of active partition mobility, one member function per step of
// lpm-protocol.md §2.1; failure paths are in migration_faults.cpp, resource moves in
// migration_resources.cpp.
#include "models/migration/migration.hpp"

#include <algorithm>

#include "models/migration/migration_cost.hpp"
#include "sim/check.hpp"

namespace models::migration {

namespace {
power::ManagedSystem& home_system(World& world, const MigrationRequest& r) {
  power::ManagedSystem* s = world.system(r.source_system);
  SIM_CHECK(s != nullptr, r.lpar, "source system " + r.source_system + " does not exist");
  return *s;
}
// The partition of that name on the source (another system may have one of the same name).
power::Lpar& partition(World& world, const MigrationRequest& r) {
  power::Lpar* l = world.lpar_on(r.source_system, r.lpar);
  if (l == nullptr) l = world.lpar(r.lpar);
  SIM_CHECK(l != nullptr, r.lpar, "partition " + r.lpar + " does not exist");
  return *l;
}
}  // namespace

Migration::Migration(World& world, std::string id, MigrationRequest request, const MigrationSettings& settings,
                     MemoryProfile profile, Hooks hooks)
    : world_(world),
      engine_(world.engine()),
      id_(std::move(id)),
      request_(std::move(request)),
      settings_(settings),
      profile_(std::move(profile)),
      hooks_(std::move(hooks)),
      lpar_(partition(world, request_)),
      source_(home_system(world, request_)),
      destination_(world.system(request_.destination_system)),
      vasi_(engine_, id_ + "/vasi") {
  record_.lpar = lpar_.name();
  record_.lpar_id = lpar_.id();
  record_.source = source_.name();
  record_.destination = request_.destination_system;
  record_.operation = request_.operation == MigrlparOperation::validate ? "v" : "m";
  record_.memory = lpar_.config().memory_desired;
  inactive_ = lpar_.state() == power::LparState::not_activated;
  record_.migration_type = inactive_ ? "inactive" : "active";
  const auto* entry = source_.hypervisor().find(lpar_.name());
  source_id_ = entry != nullptr ? entry->id : lpar_.id();
}

Migration::~Migration() {
  for (const sim::EventId id : pending_) engine_.cancel(id);
  engine_.cancel(migration_deadline_);
  engine_.cancel(suspend_deadline_);
}

void Migration::trace(const std::string& kind, std::vector<sim::TraceField> fields) const {
  engine_.trace(kind, id_, std::move(fields));
}

void Migration::schedule(sim::Duration delay, void (Migration::*step)()) {
  std::erase_if(pending_, [this](sim::EventId id) { return !engine_.is_pending(id); });
  pending_.push_back(engine_.schedule_in(delay, [this, step] { (this->*step)(); }));
}

void Migration::set_state(MigrationState next, const std::string& why) {
  SIM_CHECK_AT(engine_.now(), is_legal_transition(state_, next), id_,
               std::string("illegal migration transition ") + std::string(to_string(state_)) + " -> " +
                   std::string(to_string(next)));
  const MigrationState from = state_;
  state_ = next;
  if (engine_.tracer()) {
    std::vector<sim::TraceField> fields{{"from", std::string(to_string(from))}, {"to", std::string(to_string(next))}};
    if (!why.empty()) fields.emplace_back("why", why);
    trace("migration.state", std::move(fields));
  }
  if (hooks_.state_changed) hooks_.state_changed(*this, from);
}

void Migration::begin_phase(const std::string& name) {
  end_phase();
  record_.phases.push_back({name, engine_.now(), engine_.now(), {}});
  open_phase_ = record_.phases.size() - 1;
  if (engine_.tracer()) trace("migration.phase", {{"phase", name}, {"event", "begin"}});
}

void Migration::end_phase(const std::string& detail) {
  if (!open_phase_) return;
  PhaseRecord& p = record_.phases[*open_phase_];
  p.end = engine_.now();
  if (!detail.empty()) p.detail = detail;
  if (engine_.tracer())
    trace("migration.phase", {{"phase", p.name}, {"event", "end"}, {"duration_ns", (p.end - p.start).ns()}});
  open_phase_.reset();
}

// Run-to-run variation (issue 17): one stream per migration id ("db01#2"), so a migration's
// factors depend on the seed and its own name only, never on other partitions or threads.
void Migration::draw_variation() {
  if (!settings_.variation.enabled) return;
  variation_ = RunVariation::draw(settings_.variation, engine_.rng(id_, "run-variation"));
  if (engine_.tracer())
    trace("migration.variation", {{"validation", variation_.validation},
                                  {"preparation", variation_.preparation},
                                  {"completion", variation_.completion},
                                  {"dirty_rate", variation_.dirty_rate},
                                  {"stop_and_copy_speed", variation_.stop_and_copy_speed},
                                  {"switchover_cost", variation_.switchover_cost},
                                  {"live_rate", variation_.live_rate}});
}

// Step 3 (§2.2, §3): the HMC validates; its duration grows with the adapters to check.
void Migration::start() {
  record_.requested = engine_.now();
  draw_variation();
  migration_deadline_ = engine_.schedule_in(settings_.protocol.migration_timeout, [this] { on_migration_timeout(); });
  set_state(MigrationState::validating);
  begin_phase("validation");
  const auto& cfg = lpar_.config();
  const auto adapters = static_cast<std::int64_t>(cfg.vscsi.size() + cfg.vfc.size() + cfg.veth.size() + cfg.vnic.size());
  sim::Duration d = settings_.protocol.validation_base + settings_.protocol.validation_per_adapter * adapters;
  if (request_.npiv_disk_validation) d += settings_.protocol.npiv_disk_validation * static_cast<std::int64_t>(cfg.vfc.size());
  if (bare_hypervisor()) d = sim::Duration::zero();  // no HMC: the hypervisor checks nothing over RMC
  schedule(sim::scaled(d, variation_.validation), &Migration::finish_validation);
}

void Migration::finish_validation() {
  if (!hmc_connected_) return when_hmc_reachable([this] { finish_validation(); });
  preflight_ = hooks_.validate(*this);
  record_.validation = preflight_.messages;
  if (!preflight_.ok()) {
    end_phase("refused");
    return terminate(MigrationState::rejected, MigrationOutcome::rejected, "validation errors");
  }
  if (request_.operation == MigrlparOperation::validate) {
    end_phase("passed");
    return terminate(MigrationState::validated, MigrationOutcome::validated, "validation passed (-o v)");
  }
  end_phase("passed");
  if (!inactive_) msp_pairs_ = preflight_.msp_pairs;  // inactive migration uses no MSPs (§4.1)
  // Step 4: the recommended mappings (computed by validation) are accepted as they stand.
  begin_phase("mapping");
  end_phase(std::to_string(preflight_.adapters.size()) + " adapters planned");
  if (hooks_.admit(*this)) return prepare();
  set_state(MigrationState::queued);
  begin_phase("queued");
  if (hooks_.queued) hooks_.queued(*this);
}

void Migration::admitted() {
  SIM_CHECK_AT(engine_.now(), state_ == MigrationState::queued, id_, "admitted while not queued");
  end_phase();
  prepare();
}

// Step 5 (§2.3): shell and resources on the destination, adapters on its VIOSes, the MSP pair,
// the VASI stream, and the OS told a migration is coming.
void Migration::prepare() {
  record_.started = engine_.now();
  if (inactive_) return prepare_inactive();
  if (!msp_pairs_.empty()) {
    record_.source_msp = msp_pairs_.front().source->partition().name();
    record_.dest_msp = msp_pairs_.front().destination->partition().name();
  }
  set_state(MigrationState::preparing);
  begin_phase("preparation");
  const power::Outcome taken = take_destination_resources();
  if (!taken) return roll_back("preparation failed: " + taken.reason());
  (void)lpar_.change_state(power::LparState::migrating_running);
  const power::Outcome enabled = vasi_.transition_to(power::VasiState::enabled);
  SIM_CHECK_AT(engine_.now(), enabled.ok(), id_, enabled.reason());
  schedule(preparation_time(), &Migration::finish_preparation);
}

void Migration::finish_preparation() {
  if (!hmc_connected_) return when_hmc_reachable([this] { finish_preparation(); });
  end_phase();
  start_precopy();
}

// Step 6 (§2.4): the MSPs stream memory while the partition runs; the pre-copy core decides when.
void Migration::start_precopy() {
  set_state(MigrationState::precopy);
  begin_phase("precopy");
  // Every pair is set up (§5.4, S9); one that lost an MSP during preparation is failed at once.
  channel_ = std::make_unique<RedundantChannel>(engine_, *world_.network(), msp_pairs_, id_,
                                                settings_.protocol.msp_failover);
  for (const power::Vios* v : failed_msps_) (void)channel_->fail_pairs_of(*v, "mover service partition " + v->name() + " failed");
  channel_->check_paths();
  if (channel_->live_pairs() == 0) return roll_back("migration stream lost: no mover service partition pair left");
  memory::MemoryConfig mem = profile_.memory;
  mem.memory = lpar_.config().memory_desired;
  static_cast<memory::PageStreamConfig&>(mem) = settings_.precopy.page_stream;
  workload_ = std::make_unique<memory::Workload>(varied_workload(), mem.pages(), mem.touched_pages());
  pages_ = memory::make_page_state(mem, *workload_, engine_.rng(lpar_.name(), "dirty-pages"));
  policy_ = make_stop_policy(settings_.stop_policy);
  loop_ = std::make_unique<precopy::PrecopyLoop>(engine_, id_, *pages_, *workload_, *channel_, *policy_, settings_.precopy);
  loop_->set_stop_and_copy_variation({variation_.stop_and_copy_speed, variation_.switchover_cost});
  loop_->set_live_rate_variation(variation_.live_rate);
  const precopy::ConvergenceConfig& layer = request_.convergence ? *request_.convergence : settings_.convergence;
  if (layer.active()) {
    convergence_ = std::make_unique<precopy::ConvergencePolicy>(layer, mem.memory.as_double());
    loop_->set_convergence(convergence_.get());
  }
  // Linux: the HMC runs `drmgr -p pre` now; it sleeps 5 s, then hands the stream id to the
  // kernel, which polls the VASI state every second from then on (§2.3, §2.5, S7).
  os_ready_at_ = engine_.now() + settings_.protocol.linux_pre_sleep;
  loop_->start({.on_stop_decided = [this](const precopy::StopReport& r) { on_stop_decided(r); },
                .on_failed = [this](const std::string& why) { on_stream_lost(why); },
                .on_abort_requested = [this](const std::string& why) { (void)stop(why); }});
}

// The partition's workload with this run's factor on every rate of its profile.
memory::WorkloadConfig Migration::varied_workload() const {
  memory::WorkloadConfig w = profile_.workload;
  if (variation_.dirty_rate == 1.0) return w;
  w.rate *= variation_.dirty_rate;
  for (memory::TraceSample& s : w.trace) s.pages_per_second *= variation_.dirty_rate;
  return w;
}

// Step 7 (§2.5): the HMC triggers the suspension; the VASI stream goes Suspending and the OS joins.
void Migration::on_stop_decided(const precopy::StopReport& report) {
  record_.stop = report;
  if (!hmc_connected_) return when_hmc_reachable([this, report] { on_stop_decided(report); });
  // The MSPs' TCP connection must still be there to trigger the suspension; a path lost between
  // two passes is found here, before the point of no return.
  if (!channel_->reachable()) return roll_back("migration stream lost: no path between the MSPs at the suspend point");
  end_phase(report.decision.rule);
  set_state(MigrationState::suspending);
  begin_phase("suspend");
  const power::Outcome o = vasi_.transition_to(power::VasiState::suspending);
  SIM_CHECK_AT(engine_.now(), o.ok(), id_, o.reason());
  suspend_attempt_ = 0;
  pending_.push_back(engine_.schedule_in(os_suspend_latency(), [this] { try_suspend(); }));
  suspend_deadline_ = engine_.schedule_in(settings_.protocol.suspend_timeout, [this] {
    if (state_ == MigrationState::suspending)
      roll_back("the partition did not suspend within " + sim::format_duration(settings_.protocol.suspend_timeout));
  });
}

void Migration::on_migration_timeout() {
  const std::string why = "migration timed out after " + sim::format_duration(settings_.protocol.migration_timeout);
  if (!stop(why)) trace("migration.timeout", {{"action", "none: past the suspend point, left to finish"}});
}

// When the OS notices Suspending: Linux at its next 1 s poll after drmgr's 5 s sleep; AIX and
// IBM i after their (assumed) quiesce latency. Then all CPUs join.
sim::Duration Migration::os_suspend_latency() const {
  const auto& p = settings_.protocol;
  if (bare_hypervisor()) return p.bare_suspend_latency;  // the hypervisor stops the vCPUs itself
  const sim::Duration join = p.cpu_join + p.cpu_join_per_vcpu * lpar_.config().processors.virtual_procs;
  switch (lpar_.os()) {
    case power::OsType::linux: {
      const sim::Time now = engine_.now();
      sim::Time poll = os_ready_at_;
      if (poll < now) {
        const std::int64_t period = p.linux_vasi_poll.ns();
        const std::int64_t ticks = ((now - poll).ns() + period - 1) / period;
        poll = poll + sim::Duration::from_ns(ticks * period);
      }
      return (poll - now) + join;
    }
    case power::OsType::aix: return p.aix_suspend_latency + join;
    case power::OsType::ibmi: return p.ibmi_suspend_latency + join;
  }
  return join;
}

void Migration::try_suspend() {
  if (state_ != MigrationState::suspending) return;
  ++suspend_attempt_;
  if (!os_refuses_suspend_) return on_os_suspended();
  if (engine_.tracer()) trace("migration.suspend_attempt", {{"attempt", suspend_attempt_}, {"result", "refused"}});
  if (suspend_attempt_ >= settings_.protocol.suspend_attempts) {
    // §2.5 step 8: H_VASI_SIGNAL CANCEL — the migration is cancelled, the partition carries on.
    end_phase(std::to_string(suspend_attempt_) + " join attempts refused");
    return roll_back("the partition's OS could not suspend (" + std::to_string(suspend_attempt_) +
                     " attempts); cancelled with H_VASI_SIGNAL");
  }
  // Gaps 1, 10, 100, 1000 ms between attempts (S6), each attempt paying the join again.
  sim::Duration gap = settings_.protocol.first_retry_gap;
  for (int i = 1; i < suspend_attempt_; ++i) gap = gap * 10;
  const auto& p = settings_.protocol;
  const sim::Duration join = p.cpu_join + p.cpu_join_per_vcpu * lpar_.config().processors.virtual_procs;
  pending_.push_back(engine_.schedule_in(gap + join, [this] { try_suspend(); }));
}

void Migration::on_os_suspended() {
  engine_.cancel(suspend_deadline_);
  const power::Outcome s = source_.hypervisor().suspend(source_id_);
  SIM_CHECK_AT(engine_.now(), s.ok(), id_, s.reason());
  const power::Outcome v = vasi_.transition_to(power::VasiState::suspended);
  SIM_CHECK_AT(engine_.now(), v.ok(), id_, v.reason());
  suspended_at_ = engine_.now();
  end_phase(std::to_string(suspend_attempt_) + " join attempt(s)");
  set_state(MigrationState::suspended);
  begin_phase("stop_and_copy");
  (void)loop_->suspend();
  loop_->run_blackout([this](const precopy::BlackoutReport& r) { on_blackout_done(r); });
  // MUTANT (verify self-test): resume at once, while the blackout transfer is still running.
  if (settings_.mutant == Mutant::early_resume) schedule(sim::Duration::zero(), &Migration::on_resumed);
}

// Step 8 (§2.6): the destination hypervisor resumes the partition before all memory is there.
void Migration::on_blackout_done(const precopy::BlackoutReport& report) {
  end_phase(std::to_string(static_cast<std::int64_t>(report.pages_left)) + " pages left for post-copy");
  begin_phase("resume");
  const sim::Duration resume =
      bare_hypervisor() ? settings_.protocol.bare_resume_latency : settings_.protocol.hypervisor_resume;
  schedule(sim::scaled(resume, variation_.switchover_cost), &Migration::on_resumed);
}

void Migration::on_resumed() {
  if (state_ != MigrationState::suspended) return;
  power::Hypervisor& dest = destination_->hypervisor();
  dest.commit_shell(*dest_id_);
  const power::Outcome r = dest.resume(*dest_id_);
  if (!r) return resume_on_source("the destination could not resume the partition: " + r.reason());
  executing_on_destination_ = true;
  const power::Outcome v = vasi_.transition_to(power::VasiState::resumed);
  SIM_CHECK_AT(engine_.now(), v.ok(), id_, v.reason());
  record_.blackout = engine_.now() - suspended_at_;
  end_phase();
  set_state(MigrationState::resumed);
  begin_phase("postcopy");
  if (settings_.mutant == Mutant::early_source_free) clean_source();  // MUTANT (verify self-test)
  tail_ = std::make_unique<precopy::PostcopyTail>(engine_, id_, *pages_, *channel_, settings_.postcopy,
                                                  settings_.precopy.chunk);
  tail_->start([this](const precopy::PostcopyReport& r) { on_postcopy_done(r); },
               [this](const std::string& why) { on_stream_lost(why); });
}

void Migration::on_postcopy_done(const precopy::PostcopyReport& report) {
  if (state_ != MigrationState::resumed) return;  // the stream failed first (verify: link down in post-copy)
  record_.postcopy_window = report.window();
  record_.remote_faults = report.demand_faults;
  record_.fault_stall = report.stall;
  pages_->check_complete();  // invariant 2: no lost update
  const power::Outcome v = vasi_.transition_to(power::VasiState::completed);
  SIM_CHECK_AT(engine_.now(), v.ok(), id_, v.reason());
  end_phase(std::to_string(static_cast<std::int64_t>(report.demand_faults)) + " demand faults");
  complete();
}

// Step 9 (§2.7): the HMC reclaims everything the partition used on the source.
void Migration::complete() {
  if (!hmc_connected_) return when_hmc_reachable([this] { complete(); });
  set_state(MigrationState::completing);
  begin_phase("completion");
  schedule(completion_time(), &Migration::finish_completion);
}

void Migration::finish_completion() {
  if (settings_.mutant != Mutant::skip_source_cleanup) clean_source();  // MUTANT check (verify self-test)
  (void)lpar_.change_state(power::LparState::running);
  end_phase();
  // Step 10 (§2.8): what the user still has to do.
  if (!lpar_.config().workload_group.empty())
    record_.post_requisites.push_back("add " + lpar_.name() + " back to partition workload group " +
                                      lpar_.config().workload_group);
  record_.post_requisites.push_back("the partition keeps compatibility mode " +
                                    std::string(power::hmc_name(lpar_.config().current_compat_mode)) +
                                    " until its next restart on " + destination_->name());
  terminate(MigrationState::completed, MigrationOutcome::completed, "running on " + destination_->name());
}

void Migration::terminate(MigrationState final_state, MigrationOutcome outcome, const std::string& detail) {
  engine_.cancel(migration_deadline_);
  engine_.cancel(suspend_deadline_);
  set_state(final_state, detail);
  record_.outcome = outcome;
  record_.outcome_detail = detail;
  record_.recoverable = final_state == MigrationState::failed;
  record_.ended = engine_.now();
  if (loop_) record_.passes = loop_->passes();
  if (channel_) {
    record_.bytes_sent = channel_->bytes_delivered();
    record_.msp_pairs = channel_->pair_uses();
  } else {
    record_.msp_pairs.clear();
    for (const MspPair& p : msp_pairs_) record_.msp_pairs.push_back({p.source->name(), p.destination->name(), 0, {}, {}});
  }
  if (loop_) record_cost();
  if (engine_.tracer()) trace("migration.outcome", {{"outcome", to_string(outcome)}, {"detail", detail}});
  if (final_state == MigrationState::completed) release_memory_model();
  if (hooks_.finished) hooks_.finished(*this);
}

// A completed migration's memory model is spent: its passes and cost are in the record, and no
// fault or recovery can reach it again. Letting it go keeps a data centre's live state to the
// migrations in flight (issue 18: the page-state and workload class arrays of finished migrations
// were half the heap of a 1 000-LPAR evacuation). Dependents first: the tail and the loop hold
// the page state, which holds the workload. Events they left behind check their liveness flags.
void Migration::release_memory_model() {
  tail_.reset();
  loop_.reset();
  convergence_.reset();
  policy_.reset();
  pages_.reset();
  workload_.reset();
}

void Migration::record_cost() {
  CostInputs in;
  // Each MSP pair moved its share of the stream (redundant pairs split it, §5.4).
  for (std::size_t i = 0; i < msp_pairs_.size() && i < record_.msp_pairs.size(); ++i) {
    const power::Msp* src = msp_pairs_[i].source->msp();
    const power::Msp* dst = msp_pairs_[i].destination->msp();
    if (src != nullptr && dst != nullptr)
      in.movers.push_back({record_.msp_pairs[i].bytes, src->config().rate_per_cpu, dst->config().rate_per_cpu});
  }
  in.source_power = source_.config().power;
  in.source_cores = source_.config().installed_processors;
  if (destination_ != nullptr) {
    in.dest_power = destination_->config().power;
    in.dest_cores = destination_->config().installed_processors;
  }
  in.partition_cores = lpar_.config().processors.capacity().as_cores();
  if (channel_) in.link_bytes = channel_->link_bytes();
  in.now = engine_.now();
  record_.cost = cost_of(record_, in);
}

power::Msp* Migration::source_msp() const {
  return msp_pairs_.empty() ? nullptr : msp_pairs_.front().source->msp();
}

power::Msp* Migration::dest_msp() const {
  return msp_pairs_.empty() ? nullptr : msp_pairs_.front().destination->msp();
}

void Migration::close_record(sim::Time end) {
  if (channel_ && !is_terminal(state_) && state_ != MigrationState::failed) {
    record_.bytes_sent = channel_->bytes_delivered();
    record_.msp_pairs = channel_->pair_uses();
  }
  // A partition frozen at the end of the run, stranded by a failure or still in its blackout, has
  // been frozen since the suspend: its blackout is measured up to the end of the run.
  if (record_.stranded || (state_ == MigrationState::suspended && !record_.blackout))
    record_.blackout = end - suspended_at_;
}

}  // namespace models::migration
