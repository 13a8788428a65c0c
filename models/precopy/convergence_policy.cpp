#include "models/precopy/convergence_policy.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace models::precopy {

const char* to_string(ConvergenceAction action) {
  switch (action) {
    case ConvergenceAction::abort: return "abort";
    case ConvergenceAction::postcopy: return "postcopy";
    case ConvergenceAction::force_stop_and_copy: return "force_stop_and_copy";
  }
  return "?";
}

const char* to_string(ConvergencePolicyKind kind) {
  switch (kind) {
    case ConvergencePolicyKind::powervm: return "powervm";
    case ConvergencePolicyKind::nova: return "nova";
    case ConvergencePolicyKind::kubevirt: return "kubevirt";
    case ConvergencePolicyKind::auto_converge: return "auto_converge";
    case ConvergencePolicyKind::custom: return "custom";
  }
  return "?";
}

ConvergenceConfig convergence_preset(ConvergencePolicyKind kind) {
  ConvergenceConfig c;  // powervm: nothing above the stop policy and the HMC's migration timeout
  c.policy = kind;
  switch (kind) {
    case ConvergencePolicyKind::nova:  // nova/conf/libvirt.py defaults
      c.ramp_max_downtime = sim::Duration::from_ns(500'000'000);
      c.ramp_steps = 10;
      c.ramp_step_delay_per_gib = sim::Duration::from_ns(75'000'000'000);
      c.completion_timeout_per_gib = sim::Duration::from_ns(800'000'000'000);
      c.completion_action = ConvergenceAction::abort;
      break;
    case ConvergencePolicyKind::kubevirt:  // pkg/virt-config/virt-config.go defaults
      c.stall_timeout = sim::Duration::from_ns(150'000'000'000);
      c.stall_action = ConvergenceAction::abort;
      c.completion_timeout_per_gib = sim::Duration::from_ns(150'000'000'000);
      c.completion_action = ConvergenceAction::abort;
      c.monitor_interval = sim::Duration::from_ns(400'000'000);  // monitorSleepPeriodMS
      c.min_gib = 0;  // KubeVirt multiplies by the data size as it is
      c.ramp_max_downtime = sim::Duration::from_ns(300'000'000);  // QEMU's downtime-limit, untouched
      c.ramp_steps = 1;
      c.ramp_step_delay_per_gib = sim::Duration::zero();
      break;
    case ConvergencePolicyKind::auto_converge:  // QEMU cpu-throttle defaults over QEMU's 300 ms limit
      c.auto_converge = true;
      c.ramp_max_downtime = sim::Duration::from_ns(300'000'000);
      c.ramp_steps = 1;
      c.ramp_step_delay_per_gib = sim::Duration::zero();
      break;
    case ConvergencePolicyKind::powervm:
    case ConvergencePolicyKind::custom: break;
  }
  return c;
}

ConvergencePolicy::ConvergencePolicy(ConvergenceConfig config, double memory_bytes)
    : config_(config), gib_(std::max(memory_bytes / double(1LL << 30), config.min_gib)) {
  SIM_CHECK(!config_.owns_stop || config_.ramp_max_downtime > sim::Duration::zero(), to_string(config_.policy),
            "a layer that owns the stop needs a downtime ramp (its stop rule)");
}

sim::Duration ConvergencePolicy::allowed_downtime(sim::Duration elapsed) const {
  if (config_.ramp_max_downtime <= sim::Duration::zero() || config_.ramp_steps < 1) return sim::Duration::zero();
  // downtime_steps(): delay = int(delay × data_gb); step i at delay × i sets base + offset × i,
  // base = max / steps, offset = (max − base) / steps.
  const std::int64_t delay = static_cast<std::int64_t>(config_.ramp_step_delay_per_gib.ns() * gib_);
  const std::int64_t step = delay > 0 ? std::min<std::int64_t>(elapsed.ns() / delay, config_.ramp_steps) : config_.ramp_steps;
  const double max = static_cast<double>(config_.ramp_max_downtime.ns());
  const double steps = static_cast<double>(config_.ramp_steps);
  const double base = max / steps;
  const double offset = (max - base) / steps;
  return sim::Duration::from_ns(static_cast<std::int64_t>(base + offset * static_cast<double>(step)));
}

sim::Duration ConvergencePolicy::completion_timeout() const {
  return sim::Duration::from_ns(static_cast<std::int64_t>(config_.completion_timeout_per_gib.ns() * gib_));
}

std::optional<ConvergencePolicy::Sample> ConvergencePolicy::pass_low(const StopContext& context) const {
  if (config_.monitor_interval <= sim::Duration::zero()) return Sample{context.remaining_bytes(), context.elapsed};
  // Within a pass the remaining falls linearly (expected mode; the pass's mean rate in exact
  // mode) from what the previous sync left to what this pass did not send, then the sync adds
  // what was dirtied. The last poll at or before the sync sees the fall that far.
  const PassStats& pass = context.last();
  const std::int64_t interval = config_.monitor_interval.ns();
  const sim::Duration last_poll = sim::Duration::from_ns(context.elapsed.ns() / interval * interval);
  const sim::Duration since_poll = context.elapsed - last_poll;
  if (since_poll > pass.duration()) return std::nullopt;  // the pass fell between two polls
  const std::size_t n = context.passes->size();
  const double at_start = n >= 2 ? (*context.passes)[n - 2].remaining_pages : context.memory_pages;
  const double unsent = std::max(0.0, at_start - pass.pages_sent);
  const double rate = pass.duration() > sim::Duration::zero() ? pass.pages_sent / pass.duration().seconds() : 0;
  return Sample{(unsent + rate * since_poll.seconds()) * context.page_bytes, last_poll};
}

ConvergenceVerdict ConvergencePolicy::review(const StopContext& context, const StopDecision& decision,
                                             ConvergenceNote& note) {
  ConvergenceVerdict v;
  note = ConvergenceNote{};
  note.policy = std::string(name());
  if (config_.auto_converge) {
    throttle_.evaluate(context, config_.throttle, true);
  }
  v.throttle = throttle_.fraction();
  note.throttle = v.throttle;
  const double remaining = context.remaining_bytes();
  // The bandwidth the stop policy used, else what the last pass achieved.
  double bandwidth = decision.bandwidth.value();
  if (bandwidth <= 0) bandwidth = context.last().effective_bandwidth.value();
  if (bandwidth > 0) note.expected_downtime = sim::ceil_seconds(remaining / bandwidth);
  note.allowed_downtime = allowed_downtime(context.elapsed);
  if (decision.stop && !config_.owns_stop) return v;  // the stop policy ended the pre-copy first
  auto act = [&](const char* rule, ConvergenceAction action) {
    v.kind = action == ConvergenceAction::abort ? ConvergenceVerdict::Kind::abort : ConvergenceVerdict::Kind::stop;
    v.rule = rule;
    v.action = action;
    note.action = action == ConvergenceAction::abort ? "abort" : "stop";
    note.rule = rule;
    note.then = to_string(action);
  };
  // KubeVirt's progress watermark: the lowest remaining seen, and when it was last lowered.
  if (const std::optional<Sample> low = pass_low(context); low && (watermark_ < 0 || low->remaining < watermark_)) {
    watermark_ = low->remaining;
    last_progress_ = low->at;
  }
  if (config_.completion_timeout_per_gib > sim::Duration::zero() && context.elapsed >= completion_timeout()) {
    act("completion-timeout", config_.completion_action);
  } else if (config_.stall_timeout > sim::Duration::zero() && context.elapsed - last_progress_ > config_.stall_timeout) {
    act("stall", config_.stall_action);
  } else if (note.allowed_downtime > sim::Duration::zero() && bandwidth > 0 &&
             note.expected_downtime <= note.allowed_downtime) {
    v.kind = ConvergenceVerdict::Kind::stop;
    v.rule = "downtime-ramp";
    note.action = "stop";
    note.rule = v.rule;
  }
  return v;
}

}  // namespace models::precopy
