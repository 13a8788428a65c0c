#include "models/memory/workload.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <utility>

#include "sim/check.hpp"

namespace models::memory {

namespace {
constexpr const char* kWorkloadComponent = "memory/workload";

// Σ_{k=a}^{b-1} k^−s: exact for short runs, midpoint integral otherwise (relative error
// O(s²/a²), far below the binning error it sits beside).
// Bins of ranks [a, b) about 2 % wide, at least one rank.
std::int64_t zipf_bin_end(std::int64_t a, std::int64_t working_set) {
  return std::min(working_set + 1, std::max(a + 1, static_cast<std::int64_t>(static_cast<double>(a) * 1.02)));
}

double zipf_mass(std::int64_t a, std::int64_t b, double s) {
  if (b - a <= 256) {
    double sum = 0;
    for (std::int64_t k = a; k < b; ++k) sum += std::pow(static_cast<double>(k), -s);
    return sum;
  }
  const double x1 = static_cast<double>(a) - 0.5;
  const double x2 = static_cast<double>(b) - 0.5;
  if (std::abs(s - 1.0) < 1e-12) return std::log(x2 / x1);
  return (std::pow(x2, 1.0 - s) - std::pow(x1, 1.0 - s)) / (1.0 - s);
}

// The bins' Zipf masses for a working set and exponent: a pure function of the two, and the
// short bins are summed term by term (~13 000 pow calls). An evacuation builds one workload per
// migration, most of them alike, and that was 6 % of a 2 000-LPAR run (cachegrind), so the last
// few results are kept per thread (sweeps run threads; no lock, same values, same output).
const std::vector<double>& zipf_bin_masses(std::int64_t working_set, double s) {
  struct Entry {
    std::int64_t working_set;
    double s;
    std::vector<double> masses;
  };
  constexpr std::size_t kKept = 8;
  thread_local std::vector<Entry> kept;
  thread_local std::size_t next = 0;
  for (const Entry& e : kept)
    if (e.working_set == working_set && e.s == s) return e.masses;
  Entry e{working_set, s, {}};
  for (std::int64_t a = 1; a <= working_set;) {  // Zipf ranks k = a.. are page ranks k − 1
    const std::int64_t b = zipf_bin_end(a, working_set);
    e.masses.push_back(zipf_mass(a, b, s));
    a = b;
  }
  if (kept.size() < kKept) return kept.emplace_back(std::move(e)).masses;
  Entry& slot = kept[next];
  next = (next + 1) % kKept;
  slot = std::move(e);
  return slot.masses;
}

// One class per Zipf bin of ranks [0, working_set), then the unwritten rest.
std::vector<PageClass> zipf_classes(std::int64_t working_set, std::int64_t total_pages, double s, double rate) {
  const std::vector<double>& mass = zipf_bin_masses(working_set, s);
  std::vector<PageClass> classes;
  classes.reserve(mass.size() + 1);
  for (std::int64_t a = 1; a <= working_set;) {
    const std::int64_t b = zipf_bin_end(a, working_set);
    classes.push_back({a - 1, b - a, 0.0});
    a = b;
  }
  double h = 0;
  for (double m : mass) h += m;
  for (std::size_t i = 0; i < mass.size(); ++i)
    classes[i].rate_per_page = rate * mass[i] / h / static_cast<double>(classes[i].pages);
  if (working_set < total_pages) classes.push_back({working_set, total_pages - working_set, 0.0});
  return classes;
}

// Zipf workloads alike in working set, size, exponent and rate share one class list: a list is
// about a thousand classes, built once per migration and kept for its life, and a data centre's
// LPARs come from a few templates (the lists were 11 % of a 1 000-LPAR evacuation's heap). Per
// thread, like the masses (sweeps run threads); an entry lasts as long as a workload uses it.
std::shared_ptr<const std::vector<PageClass>> shared_zipf_classes(std::int64_t working_set, std::int64_t total_pages,
                                                                  double s, double rate) {
  using Key = std::tuple<std::int64_t, std::int64_t, std::uint64_t, std::uint64_t>;
  thread_local std::map<Key, std::weak_ptr<const std::vector<PageClass>>> shared;
  const Key key{working_set, total_pages, std::bit_cast<std::uint64_t>(s), std::bit_cast<std::uint64_t>(rate)};
  std::weak_ptr<const std::vector<PageClass>>& entry = shared[key];
  if (auto classes = entry.lock()) return classes;
  auto classes = std::make_shared<const std::vector<PageClass>>(zipf_classes(working_set, total_pages, s, rate));
  entry = classes;
  if (shared.size() > 1024) std::erase_if(shared, [](const auto& e) { return e.second.expired(); });
  return classes;
}
}  // namespace

Workload::Workload(WorkloadConfig config, std::int64_t total_pages, std::int64_t touched_pages)
    : config_(std::move(config)), total_pages_(total_pages), touched_pages_(touched_pages) {
  SIM_CHECK(total_pages_ > 0 && touched_pages_ >= 0 && touched_pages_ <= total_pages_, kWorkloadComponent,
            "page counts out of range");
  SIM_CHECK(config_.rate >= 0, kWorkloadComponent, "negative rate");
  sequential_ = config_.kind == WorkloadKind::constant || config_.kind == WorkloadKind::trace;
  build_profile();
  build_classes();
}

void Workload::set_throttle(double throttle) {
  SIM_CHECK(throttle >= 0 && throttle < 1, kWorkloadComponent, "throttle outside [0, 1)");
  throttle_ = throttle;
}

void Workload::build_profile() {
  if (config_.kind == WorkloadKind::trace) {
    SIM_CHECK(!config_.trace.empty() && config_.phases.empty(), kWorkloadComponent,
              "trace needs samples and no phases");
    for (std::size_t k = 0; k < config_.trace.size(); ++k) {
      const TraceSample& s = config_.trace[k];
      SIM_CHECK(s.pages_per_second >= 0, kWorkloadComponent, "negative trace rate");
      SIM_CHECK(k == 0 || s.at > config_.trace[k - 1].at, kWorkloadComponent, "trace times not increasing");
      starts_.push_back(k == 0 ? 0.0 : s.at.seconds());  // the first rate applies from the start
      multipliers_.push_back(s.pages_per_second);
    }
    if (config_.repeat) cycle_ = config_.trace.back().at.seconds();  // 0 (no cycle) for one sample at 0
  } else {
    double t = 0;
    for (const Phase& p : config_.phases) {
      SIM_CHECK(p.length > sim::Duration::zero() && p.multiplier >= 0, kWorkloadComponent, "bad phase");
      starts_.push_back(t);
      multipliers_.push_back(p.multiplier);
      t += p.length.seconds();
    }
    if (config_.repeat && !config_.phases.empty()) cycle_ = t;
  }
  prefix_.assign(starts_.size(), 0.0);
  for (std::size_t k = 1; k < starts_.size(); ++k)
    prefix_[k] = prefix_[k - 1] + (starts_[k] - starts_[k - 1]) * multipliers_[k - 1];
}

void Workload::build_classes() {
  const double rate = config_.rate;
  const auto fraction_of = [&](double f) {
    return std::clamp(static_cast<std::int64_t>(std::llround(f * static_cast<double>(total_pages_))),
                      std::int64_t{0}, total_pages_);
  };
  std::vector<PageClass> classes;
  switch (config_.kind) {
    case WorkloadKind::constant:
    case WorkloadKind::trace:
      // The cursor's span, then the rest: classes for the page states, whose rates stay 0
      // because a sequential writer is not a Poisson writer per page.
      total_rate_ = config_.kind == WorkloadKind::trace ? 1.0 : rate;
      span_ = config_.kind == WorkloadKind::trace
                  ? touched_pages_
                  : std::min(touched_pages_, std::max<std::int64_t>(fraction_of(config_.working_set_fraction), 1));
      if (span_ > 0) classes.push_back({0, span_, 0.0});
      if (span_ < total_pages_) classes.push_back({span_, total_pages_ - span_, 0.0});
      classes_ = std::make_shared<const std::vector<PageClass>>(std::move(classes));
      return;
    case WorkloadKind::uniform: {
      const std::int64_t w = fraction_of(config_.working_set_fraction);
      if (w > 0) classes.push_back({0, w, rate / static_cast<double>(w)});
      if (w < total_pages_) classes.push_back({w, total_pages_ - w, 0.0});
      break;
    }
    case WorkloadKind::hot_cold: {
      const std::int64_t h = fraction_of(config_.hot_fraction);
      const double share = std::clamp(config_.hot_write_share, 0.0, 1.0);
      if (h > 0) classes.push_back({0, h, rate * share / static_cast<double>(h)});
      if (h < total_pages_)
        classes.push_back({h, total_pages_ - h, rate * (h > 0 ? 1.0 - share : 1.0) /
                                                    static_cast<double>(total_pages_ - h)});
      break;
    }
    case WorkloadKind::zipf: {
      SIM_CHECK(config_.zipf_exponent > 0, kWorkloadComponent, "zipf exponent must be > 0");
      classes_ = shared_zipf_classes(fraction_of(config_.working_set_fraction), total_pages_, config_.zipf_exponent,
                                     rate);
      break;
    }
  }
  if (!classes_) classes_ = std::make_shared<const std::vector<PageClass>>(std::move(classes));
  total_rate_ = 0;
  for (const PageClass& c : *classes_) total_rate_ += c.rate_per_page * static_cast<double>(c.pages);
}

double Workload::integral_within(double seconds) const {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), seconds);
  const std::size_t k = it == starts_.begin() ? 0 : static_cast<std::size_t>(it - starts_.begin()) - 1;
  return prefix_[k] + (seconds - starts_[k]) * multipliers_[k];
}

double Workload::integral_from_origin(double seconds) const {
  if (cycle_ <= 0) return integral_within(seconds);
  const double cycles = std::floor(seconds / cycle_);
  const double per_cycle = integral_within(cycle_);
  return cycles * per_cycle + integral_within(seconds - cycles * cycle_);
}

double Workload::exposure(sim::Time from, sim::Time to) const {
  SIM_CHECK(to >= from, kWorkloadComponent, "exposure over a negative interval");
  const double keep = 1.0 - throttle_;
  if (starts_.empty()) return (to - from).seconds() * keep;
  return (integral_from_origin((to - origin_).seconds()) -
          integral_from_origin((from - origin_).seconds())) * keep;
}

}  // namespace models::memory
