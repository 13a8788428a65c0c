#include "app/studies/link_series.hpp"

#include <algorithm>
#include <cmath>

namespace app::studies {

LinkSeries::LinkSeries(std::vector<Link> links, sim::Duration resolution, std::vector<report::LinkSample>& out)
    : links_(std::move(links)), resolution_ns_(std::max<std::int64_t>(resolution.ns(), 0)), out_(out),
      state_(links_.size()) {}

void LinkSeries::keep(std::uint32_t link, sim::Time at, double throughput, double utilisation) {
  State& s = state_[link];
  if (s.kept >= 0 && std::abs(throughput - s.kept) < 0.01 * links_[link].capacity) return;
  s.kept = throughput;
  out_.push_back({at, links_[link].name, sim::BytesPerSecond(throughput), utilisation});
}

// The open interval ends at `until` (its end, or the run's end): its mean becomes a point, and
// whole intervals after it up to the latest change held the latest value.
void LinkSeries::close_interval(std::uint32_t link, State& s, sim::Time until) {
  const double held = static_cast<double>((until - s.last).ns());
  s.throughput_area += s.throughput * held;
  s.utilisation_area += s.utilisation * held;
  const double covered = static_cast<double>((until - s.covered_from).ns());
  if (covered > 0) keep(link, s.covered_from, s.throughput_area / covered, s.utilisation_area / covered);
  s.throughput_area = s.utilisation_area = 0;
  s.last = until;
  s.covered_from = until;
}

void LinkSeries::change(sim::Time at, std::uint32_t link, double throughput, double utilisation) {
  State& s = state_[link];
  if (resolution_ns_ == 0) return keep(link, at, throughput, utilisation);
  const std::int64_t interval = at.ns() / resolution_ns_;
  if (!s.seen) {
    s.seen = true;
    s.interval = interval;
    s.covered_from = s.last = at;
  } else if (interval != s.interval) {
    close_interval(link, s, sim::Time::from_ns((s.interval + 1) * resolution_ns_));
    // Intervals in between held the value unchanged: one point at the first of them.
    if (interval > s.interval + 1) keep(link, s.last, s.throughput, s.utilisation);
    s.interval = interval;
    s.covered_from = s.last = sim::Time::from_ns(interval * resolution_ns_);
  }
  const double held = static_cast<double>((at - s.last).ns());
  s.throughput_area += s.throughput * held;
  s.utilisation_area += s.utilisation * held;
  s.last = at;
  s.throughput = throughput;
  s.utilisation = utilisation;
}

void LinkSeries::finish(sim::Time end) {
  if (resolution_ns_ > 0) {
    for (std::uint32_t link = 0; link < state_.size(); ++link) {
      State& s = state_[link];
      if (!s.seen) continue;
      const sim::Time interval_end = sim::Time::from_ns((s.interval + 1) * resolution_ns_);
      const sim::Time until = std::min(end, interval_end);
      if (until > s.covered_from) {
        close_interval(link, s, until);
      } else {
        keep(link, s.covered_from, s.throughput, s.utilisation);  // nothing covered: the value as it stands
      }
      if (end > interval_end) keep(link, interval_end, s.throughput, s.utilisation);
    }
  }
  // Each link's points are in time order already; stable, so equal times keep the order they came in.
  std::stable_sort(out_.begin(), out_.end(),
                   [](const report::LinkSample& a, const report::LinkSample& b) { return a.at < b.at; });
}

}  // namespace app::studies
