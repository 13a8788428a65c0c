#include "app/studies/link_series.hpp"

#include <algorithm>
#include <cmath>

namespace app::studies {

LinkSeries::LinkSeries(std::vector<Link> links, sim::Duration resolution, std::vector<report::LinkSample>& out)
    : links_(std::move(links)), resolution_ns_(std::max<std::int64_t>(resolution.ns(), 0)), out_(out),
      state_(links_.size()), first_(out_.size()) {}

void LinkSeries::keep(std::uint32_t link, sim::Time at, double throughput, double utilisation) {
  State& s = state_[link];
  if (s.kept >= 0 && std::abs(throughput - s.kept) < 0.01 * links_[link].capacity) return;
  s.kept = throughput;
  out_.push_back({at, links_[link].name, sim::BytesPerSecond(throughput), utilisation});
  kept_.push_back(link);
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
  if (resolution_ns_ == 0) {
    if (s.pending && s.last != at) keep(link, s.last, s.throughput, s.utilisation);
    s.pending = true;
    s.last = at;
    s.throughput = throughput;
    s.utilisation = utilisation;
    return;
  }
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
  for (std::uint32_t link = 0; link < state_.size() && resolution_ns_ == 0; ++link) {
    State& s = state_[link];
    if (s.pending) keep(link, s.last, s.throughput, s.utilisation);
    s.pending = false;
  }
  // Each link's points are in time order already; equal times go in link order (not in the order
  // the links happened to change in, which depends on how changes at one instant were batched).
  std::vector<std::size_t> order(kept_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto* points = out_.data() + first_;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return points[a].at < points[b].at || (points[a].at == points[b].at && kept_[a] < kept_[b]);
  });
  std::vector<report::LinkSample> sorted;
  sorted.reserve(order.size());
  for (const std::size_t i : order) sorted.push_back(std::move(out_[first_ + i]));
  std::move(sorted.begin(), sorted.end(), out_.begin() + static_cast<std::ptrdiff_t>(first_));
  kept_.clear();
}

}  // namespace app::studies
