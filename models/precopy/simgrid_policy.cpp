#include "models/precopy/simgrid_policy.hpp"

namespace models::precopy {

StopDecision SimgridPolicy::decide(const StopContext& context) {
  const PassStats& pass = context.last();
  // An empty round measures nothing: keep the previous bandwidth.
  if (pass.duration() > sim::Duration::zero() && pass.wire_bytes > 0)
    bandwidth_ = sim::BytesPerSecond(pass.wire_bytes / pass.duration().seconds());
  StopDecision d;
  d.remaining_bytes = context.remaining_bytes();
  d.bandwidth = bandwidth_;
  d.threshold_bytes = bandwidth_.value() * config_.max_downtime.seconds();
  if (bandwidth_.value() > 0) d.expected_downtime = sim::ceil_seconds(d.remaining_bytes / bandwidth_.value());
  if (d.remaining_bytes <= d.threshold_bytes)
    d.rule = "remaining-below-threshold";
  else if (context.elapsed >= config_.timeout)
    d.rule = "timeout";
  d.stop = d.rule != "continue";
  return d;
}

}  // namespace models::precopy
