#include "models/precopy/precopy_loop.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/check.hpp"

namespace models::precopy {

const char* to_string(PrecopyState state) {
  switch (state) {
    case PrecopyState::idle: return "idle";
    case PrecopyState::copying: return "copying";
    case PrecopyState::stop_decided: return "stop_decided";
    case PrecopyState::suspended: return "suspended";
    case PrecopyState::blackout: return "stop_and_copy";
    case PrecopyState::done: return "done";
    case PrecopyState::failed: return "failed";
    case PrecopyState::aborted: return "aborted";
  }
  return "?";
}

PrecopyLoop::PrecopyLoop(sim::Engine& engine, std::string component, memory::PageState& pages,
                         memory::Workload& workload, ChunkChannel& channel, StopPolicy& policy,
                         PrecopyConfig config)
    : engine_(engine),
      component_(std::move(component)),
      pages_(pages),
      workload_(workload),
      channel_(channel),
      policy_(policy),
      config_(std::move(config)),
      switchover_(config_.switchover),
      wire_per_page_(pages.wire_bytes_per_page()),
      page_bytes_(pages.memory_config().page_size.as_double()),
      chunk_pages_(std::max<double>(
          1.0, std::floor(config_.chunk.as_double() / pages.memory_config().page_size.as_double()))) {
  SIM_CHECK(config_.max_chunks_in_flight >= 1, component_, "needs at least one chunk in flight");
  SIM_CHECK(config_.live_rate_efficiency > 0 && config_.live_rate_efficiency <= 1, component_,
            "live rate efficiency outside (0, 1]");
}

// In-flight chunk callbacks and the pacing wake-up must not touch a destroyed loop.
PrecopyLoop::~PrecopyLoop() {
  lifeline_.end();
  engine_.cancel(wake_);
}

void PrecopyLoop::set_state(PrecopyState next) {
  if (engine_.tracer())
    engine_.trace("precopy.state", component_, {{"from", to_string(state_)}, {"to", to_string(next)}});
  state_ = next;
}

void PrecopyLoop::start(PrecopyHooks hooks) {
  SIM_CHECK_AT(engine_.now(), state_ == PrecopyState::idle, component_, "pre-copy started twice");
  hooks_ = std::move(hooks);
  started_at_ = window_start_ = engine_.now();
  workload_.set_origin(workload_.config().profile_zero.value_or(engine_.now()));
  pages_.advance(engine_.now());
  set_state(PrecopyState::copying);
  begin_pass();
}

void PrecopyLoop::begin_pass() {
  const sim::Time now = engine_.now();
  pages_.advance(now);
  pages_.sync();
  current_ = PassStats{};
  current_.index = static_cast<int>(passes_.size()) + 1;
  current_.start = now;
  current_.throttle = workload_.throttle();
  writes_at_pass_start_ = pages_.page_writes();
  sync_due_ = false;  // the sync found the dirty set still at or above the threshold: go on
  if (engine_.tracer())
    engine_.trace("precopy.pass_start", component_,
                  {{"pass", current_.index}, {"pending_pages", pages_.pending_pages()}});
  pump();
}

void PrecopyLoop::roll_window() {
  // migration_update_counters(): once at least BUFFER_DELAY has passed, the bandwidth achieved
  // in the window (bytes handed to the stream over its duration) sets the threshold, the rate
  // limiter's budget starts again, and the next iteration checks pending against the threshold.
  const sim::Duration elapsed = engine_.now() - window_start_;
  if (elapsed < policy_.bandwidth_window() || elapsed <= sim::Duration::zero()) return;
  window_bandwidth_ = sim::BytesPerSecond(window_bytes_ / elapsed.seconds());
  sync_threshold_bytes_ = policy_.sync_threshold_bytes(window_bandwidth_);
  window_start_ = engine_.now();
  window_bytes_ = 0;
  check_due_ = true;
}

double PrecopyLoop::slice_budget() const {
  return policy_.live_rate_limit()->value() * policy_.bandwidth_window().seconds();
}

sim::Duration PrecopyLoop::slice_length() const {
  const double efficiency = std::min(1.0, config_.live_rate_efficiency * live_rate_factor_);
  return sim::ceil_seconds(policy_.bandwidth_window().seconds() / efficiency);
}

bool PrecopyLoop::wait_for_slice() {
  // QEMU's rate limit: at most max-bandwidth / 10 bytes per 100 ms slice, then the migration
  // thread sleeps until the slice is over.
  if (!policy_.live_rate_limit() || window_bytes_ < slice_budget()) return false;
  if (!engine_.is_pending(wake_))
    wake_ = engine_.schedule_at(window_start_ + slice_length(), [this, alive = lifeline_.watch()] {
      if (alive.alive()) pump();
    });
  return true;
}

double PrecopyLoop::pages_to_take(double pending) const {
  const double mean_wire = std::max(pages_.pending_wire_bytes_per_page(), 1e-9);
  if (policy_.live_rate_limit()) {  // what is left of the slice, in pages of the pending mix
    const double pages = std::max(1.0, std::ceil((slice_budget() - window_bytes_) / mean_wire));
    return pages_.fluid() ? pages : std::min(pages, chunk_pages_);
  }
  if (!pages_.fluid()) return chunk_pages_;
  // The expected mode's dirtying does not depend on the send order, so a pass (up to the early
  // sync) can leave as one transfer: O(passes) events for a terabyte LPAR.
  return std::max(chunk_pages_, pending - sync_threshold_bytes_ / page_bytes_);
}

void PrecopyLoop::pump() {
  if (state_ != PrecopyState::copying) return;
  roll_window();
  // Without a rate limit nothing paces the loop into slices: the threshold is checked at every
  // step (QEMU returns to the check at least every 50 ms, MAX_WAIT).
  if (!policy_.live_rate_limit()) check_due_ = true;
  while (!sync_due_) {
    const double pending = pages_.pending_pages();
    // The pass ends (a dirty sync) when the scan finds nothing dirty, or when, at a check,
    // the bytes still dirty (every pending page at page size, zero pages included) are below
    // the threshold.
    if (pending <= 0 || (check_due_ && pending * page_bytes_ < sync_threshold_bytes_)) {
      sync_due_ = true;
      break;
    }
    check_due_ = false;
    if (in_flight_ >= config_.max_chunks_in_flight || wait_for_slice()) return;
    const memory::Chunk chunk = pages_.take(pages_to_take(pending));
    if (chunk.pages <= 0) {
      sync_due_ = true;
      break;
    }
    send_chunk(chunk, pages_.wire_bytes(chunk), true);
  }
  if (in_flight_ == 0) end_pass();  // drained: sync
}

sim::Bytes PrecopyLoop::round_wire(double wire) {
  // Whole bytes for the channel, rounding the running total so that no error accumulates.
  wire_exact_ += wire;
  const std::int64_t total = std::llround(wire_exact_);
  const std::int64_t now = total - wire_rounded_;
  wire_rounded_ = total;
  return sim::Bytes(now);
}

void PrecopyLoop::send_chunk(const memory::Chunk& chunk, double wire, bool live) {
  ++in_flight_;
  if (live) window_bytes_ += wire;
  if (!live) blackout_.wire_bytes_taken += wire;
  channel_.send(round_wire(wire), [this, alive = lifeline_.watch(), chunk, wire, live](bool ok) {
    if (alive.alive()) on_chunk_done(chunk, wire, ok, live);
  });
}

void PrecopyLoop::on_chunk_done(const memory::Chunk& chunk, double wire, bool ok, bool live) {
  --in_flight_;
  if (state_ == PrecopyState::aborted || state_ == PrecopyState::failed) return;
  if (!ok) {
    set_state(PrecopyState::failed);
    if (hooks_.on_failed) hooks_.on_failed("chunk transfer failed");
    return;
  }
  pages_.advance(engine_.now());
  pages_.deliver(chunk);
  if (!live) {
    blackout_.pages_sent += chunk.pages;
    blackout_.wire_bytes += wire;
    pump_blackout();
    return;
  }
  current_.pages_sent += chunk.pages;
  current_.wire_bytes += wire;
  total_pages_sent_ += chunk.pages;
  total_wire_bytes_ += wire;
  pump();
}

StopContext PrecopyLoop::context() const {
  StopContext c;
  c.now = engine_.now();
  c.elapsed = engine_.now() - started_at_;
  c.passes = &passes_;
  c.remaining_pages = passes_.back().remaining_pages;
  c.wire_bytes_per_page = wire_per_page_;
  c.page_bytes = page_bytes_;
  c.memory_pages = static_cast<double>(pages_.memory_config().pages());
  c.touched_pages = static_cast<double>(pages_.memory_config().touched_pages());
  c.total_pages_sent = total_pages_sent_;
  c.window_bandwidth = window_bandwidth_;
  return c;
}

void PrecopyLoop::end_pass() {
  const sim::Time now = engine_.now();
  pages_.advance(now);
  current_.end = now;
  current_.pages_dirtied = pages_.dirty_pages();
  current_.page_writes = pages_.page_writes() - writes_at_pass_start_;
  current_.remaining_pages = pages_.remaining_pages();
  const double seconds = current_.duration().seconds();
  if (seconds > 0) {
    current_.effective_bandwidth = sim::BytesPerSecond(current_.wire_bytes / seconds);
    current_.dirty_rate = current_.pages_dirtied / seconds;
  }
  passes_.push_back(current_);
  StopDecision decision = policy_.decide(context());
  if (convergence_ != nullptr && !apply_convergence(decision)) return;
  passes_.back().decision = decision;
  trace_pass(passes_.back());
  if (decision.throttle != workload_.throttle()) {
    if (engine_.tracer())
      engine_.trace("precopy.throttle", component_,
                    {{"from", workload_.throttle()}, {"to", decision.throttle}});
    workload_.set_throttle(decision.throttle);
  }
  if (!decision.stop) {
    begin_pass();
    return;
  }
  set_state(PrecopyState::stop_decided);
  stop_at_ = now;
  const StopReport report{now, static_cast<int>(passes_.size()), current_.remaining_pages,
                          current_.remaining_pages * pages_.pending_wire_bytes_per_page(), decision};
  if (hooks_.on_stop_decided) hooks_.on_stop_decided(report);
}

// The management layer's turn after the stop policy's (convergence_policy.hpp). Returns false
// when it aborted the migration: the loop is then aborted and the protocol told.
bool PrecopyLoop::apply_convergence(StopDecision& decision) {
  ConvergenceNote& note = passes_.back().convergence;
  const ConvergenceVerdict v = convergence_->review(context(), decision, note);
  decision.throttle = std::max(decision.throttle, v.throttle);
  if (decision.stop && convergence_->config().owns_stop) {  // overruled: only the layer stops
    note.overruled = decision.rule;
    decision.stop = false;
    decision.rule = "continue";
  }
  if (engine_.tracer())
    engine_.trace("precopy.convergence", component_,
                  {{"pass", passes_.back().index}, {"policy", note.policy}, {"action", note.action},
                   {"rule", note.rule}, {"then", note.then}, {"allowed_downtime", note.allowed_downtime},
                   {"expected_downtime", note.expected_downtime}, {"throttle", note.throttle},
                   {"overruled", note.overruled}});
  if (v.kind == ConvergenceVerdict::Kind::abort) {
    passes_.back().decision = decision;
    trace_pass(passes_.back());
    const std::string why = std::string(convergence_->name()) + " management layer: " + v.rule + " → abort";
    if (hooks_.on_abort_requested) hooks_.on_abort_requested(why);  // the protocol rolls back and aborts the loop
    if (state_ != PrecopyState::aborted) abort();
    return false;
  }
  if (v.kind == ConvergenceVerdict::Kind::stop) {
    decision.stop = true;
    decision.rule = std::string(convergence_->name()) + ":" + v.rule;
    if (v.action == ConvergenceAction::postcopy) switchover_ = SwitchoverMode::hybrid;
    if (v.action == ConvergenceAction::force_stop_and_copy) switchover_ = SwitchoverMode::pure_precopy;
  }
  return true;
}

void PrecopyLoop::trace_pass(const PassStats& p) const {
  if (!engine_.tracer()) return;
  const StopDecision& d = p.decision;
  engine_.trace("precopy.pass", component_,
                {{"pass", p.index}, {"start", p.start.since_start()}, {"duration", p.duration()},
                 {"pages_sent", p.pages_sent}, {"wire_bytes", p.wire_bytes},
                 {"pages_dirtied", p.pages_dirtied}, {"page_writes", p.page_writes},
                 {"remaining_pages", p.remaining_pages},
                 {"bandwidth", p.effective_bandwidth.value()}, {"dirty_rate", p.dirty_rate},
                 {"throttle", p.throttle}});
  engine_.trace("precopy.decision", component_,
                {{"pass", p.index}, {"policy", std::string(policy_.name())}, {"stop", d.stop},
                 {"rule", d.rule}, {"remaining_bytes", d.remaining_bytes},
                 {"threshold_bytes", d.threshold_bytes}, {"bandwidth", d.bandwidth.value()},
                 {"expected_downtime", d.expected_downtime}, {"throttle", d.throttle}});
}

SuspendReport PrecopyLoop::suspend() {
  SIM_CHECK_AT(engine_.now(), state_ == PrecopyState::stop_decided, component_,
               "suspend before the stop decision");
  pages_.advance(engine_.now());
  pages_.freeze();
  SuspendReport report{engine_.now(), pages_.dirty_pages(), 0};
  pages_.sync();
  report.remaining_pages = pages_.pending_pages();
  set_state(PrecopyState::suspended);
  if (engine_.tracer())
    engine_.trace("precopy.suspend", component_,
                  {{"dirtied_since_stop", report.dirtied_since_stop}, {"remaining_pages", report.remaining_pages}});
  return report;
}

void PrecopyLoop::run_blackout(std::function<void(const BlackoutReport&)> on_done) {
  SIM_CHECK_AT(engine_.now(), state_ == PrecopyState::suspended, component_, "blackout before suspend");
  on_blackout_done_ = std::move(on_done);
  set_state(PrecopyState::blackout);
  blackout_ = BlackoutReport{};
  blackout_.start = engine_.now();
  blackout_.state_bytes = config_.state_bytes;
  switchover_cost_paid_ = false;
  slowdown_paid_ = false;
  send_chunk(memory::Chunk{}, config_.state_bytes.as_double(), false);
  pump_blackout();
}

void PrecopyLoop::pump_blackout() {
  if (state_ != PrecopyState::blackout) return;
  // The stop-and-copy runs without the live rate limit (QEMU lifts it, §4.1), at most at the
  // switchover rate when one is set.
  while (switchover_ == SwitchoverMode::pure_precopy &&
         in_flight_ < config_.max_chunks_in_flight && pages_.pending_pages() > 0) {
    if (wait_for_switchover_rate()) return;
    const double want = pages_.fluid() ? pages_.pending_pages() : chunk_pages_;
    const memory::Chunk chunk = pages_.take(want);
    if (chunk.pages <= 0) break;
    send_chunk(chunk, pages_.wire_bytes(chunk), false);
  }
  if (in_flight_ != 0 || wait_for_switchover_rate() || wait_for_slower_stop_and_copy()) return;
  if (config_.switchover_cost > sim::Duration::zero() && !switchover_cost_paid_) {
    switchover_cost_paid_ = true;
    wake_ = engine_.schedule_in(sim::scaled(config_.switchover_cost, variation_.fixed_cost), [this, alive = lifeline_.watch()] {
      if (alive.alive()) finish_blackout();
    });
    return;
  }
  finish_blackout();
}

bool PrecopyLoop::wait_for_switchover_rate() {
  if (!config_.switchover_rate) return false;
  // A faster run paces faster (as far as the path allows); a slower one is held afterwards.
  const double rate = config_.switchover_rate->value() * std::max(variation_.speed, 1.0);
  const sim::Time allowed = blackout_.start + sim::ceil_seconds(blackout_.wire_bytes_taken / rate);
  if (engine_.now() >= allowed) return false;
  if (!engine_.is_pending(wake_))
    wake_ = engine_.schedule_at(allowed, [this, alive = lifeline_.watch()] {
      if (alive.alive()) pump_blackout();
    });
  return true;
}

// A slower run (speed < 1) holds the blackout after its transfer for the difference: the
// transfer then took transfer / speed, whatever set its pace (the path or the switchover rate).
bool PrecopyLoop::wait_for_slower_stop_and_copy() {
  if (variation_.speed >= 1.0 || slowdown_paid_) return false;
  slowdown_paid_ = true;
  const sim::Duration transfer = engine_.now() - blackout_.start;
  wake_ = engine_.schedule_in(sim::scaled(transfer, 1.0 / variation_.speed - 1.0), [this, alive = lifeline_.watch()] {
    if (alive.alive()) pump_blackout();
  });
  return true;
}

void PrecopyLoop::finish_blackout() {
  blackout_.end = engine_.now();
  blackout_.pages_left = pages_.pending_pages();
  workload_.set_throttle(0);  // the partition resumes on the destination unthrottled
  set_state(PrecopyState::done);
  if (engine_.tracer())
    engine_.trace("precopy.blackout", component_,
                  {{"transfer_time", blackout_.transfer_time()}, {"state_bytes", blackout_.state_bytes.count()},
                   {"pages_sent", blackout_.pages_sent}, {"wire_bytes", blackout_.wire_bytes},
                   {"pages_left", blackout_.pages_left}});
  if (on_blackout_done_) on_blackout_done_(blackout_);
}

void PrecopyLoop::abort() {
  engine_.cancel(wake_);
  set_state(PrecopyState::aborted);
}

}  // namespace models::precopy
