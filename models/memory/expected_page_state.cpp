#include "models/memory/expected_page_state.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/check.hpp"

namespace models::memory {

namespace {
constexpr const char* kComponent = "memory/expected";
}  // namespace

ExpectedPageState::ExpectedPageState(const MemoryConfig& config, Workload& workload)
    : PageState(config), workload_(workload), total_pages_(static_cast<double>(config.pages())) {
  SIM_CHECK(workload.total_pages() == config.pages(), kComponent, "workload built for other memory");
  const std::int64_t touched = config.touched_pages();
  if (workload.sequential()) {  // the cursor only ever writes touched pages
    pages_ = Eigen::ArrayXd::Constant(1, static_cast<double>(touched));
    rate_ = Eigen::ArrayXd::Zero(1);
    dirty_ = pages_;
  } else {
    const auto& classes = workload.classes();
    const auto n = static_cast<Eigen::Index>(classes.size());
    pages_.resize(n);
    rate_.resize(n);
    dirty_.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const PageClass& c = classes[static_cast<std::size_t>(i)];
      pages_[i] = static_cast<double>(c.pages);
      rate_[i] = c.rate_per_page;
      // Touched = ranks below `touched`: the overlap of this class's rank range with it.
      dirty_[i] = static_cast<double>(std::clamp(touched - c.first_rank, std::int64_t{0}, c.pages));
    }
  }
  pending_ = Eigen::ArrayXd::Zero(pages_.size());
}

void ExpectedPageState::advance(sim::Time now) {
  if (!started_) {
    started_ = true;
    last_advance_ = now;
    return;
  }
  const double exposure = workload_.exposure(last_advance_, now);
  last_advance_ = now;
  if (phase_ == PagePhase::frozen || exposure <= 0 || workload_.total_rate() <= 0) return;
  if (phase_ == PagePhase::postcopy)
    fault_for(exposure * touch_factor_);
  else
    dirty_for(exposure);
}

void ExpectedPageState::dirty_for(double exposure) {
  writes_ += workload_.total_rate() * exposure;
  if (workload_.sequential()) {  // distinct pages since sync = min(D·t, S), exactly
    dirty_ = (dirty_ + workload_.total_rate() * exposure).min(pages_);
    return;
  }
  // Pages not dirty since the sync turn dirty with probability 1 − e^(−λE) (§3).
  dirty_ -= (pages_ - dirty_) * (-rate_ * exposure).expm1();
}

void ExpectedPageState::fault_for(double exposure) {
  writes_ += workload_.total_rate() * exposure;
  Eigen::ArrayXd fetched;
  if (workload_.sequential()) {  // the cursor touches min(D·E, S) distinct pages, missing ones fault
    const double touched = std::min(workload_.total_rate() * exposure, pages_[0]);
    fetched = pending_ * (pages_[0] > 0 ? touched / pages_[0] : 0.0);
  } else {
    fetched = -pending_ * (-rate_ * exposure).expm1();
  }
  pending_ -= fetched;
  faults_ += fetched.sum();
}

double ExpectedPageState::remaining_pages() const {
  // A page is pending (left over) and dirty independently given its class: union by inclusion-
  // exclusion. Zero-size classes never hold pages.
  const Eigen::ArrayXd overlap = (pages_ > 0).select(pending_ * dirty_ / pages_.max(1e-300), 0.0);
  return (pending_ + dirty_ - overlap).sum();
}

void ExpectedPageState::sync() {
  SIM_CHECK(phase_ != PagePhase::postcopy, kComponent, "sync after resume");
  const Eigen::ArrayXd overlap = (pages_ > 0).select(pending_ * dirty_ / pages_.max(1e-300), 0.0);
  pending_ = pending_ + dirty_ - overlap;
  dirty_.setZero();
}

Chunk ExpectedPageState::take(double max_pages) {
  const double available = pending_.sum();
  if (available <= 0 || max_pages <= 0) return {};
  // Exact mode scans addresses in order and every class is spread evenly over them, so a chunk
  // draws from the classes in proportion to what they still have pending.
  if (max_pages >= available) {
    pending_.setZero();
    return {available, 0};
  }
  pending_ *= 1.0 - max_pages / available;
  return {max_pages, 0};
}

void ExpectedPageState::begin_postcopy(double touch_factor) {
  SIM_CHECK(phase_ == PagePhase::frozen && dirty_.sum() == 0, kComponent,
            "post-copy starts from a frozen, synced state");
  phase_ = PagePhase::postcopy;
  touch_factor_ = touch_factor;
}

double ExpectedPageState::take_faults() { return std::exchange(faults_, 0.0); }

void ExpectedPageState::check_complete() const {
  SIM_CHECK(pending_.sum() <= 1e-9 * std::max(1.0, total_pages_) && dirty_.sum() == 0, kComponent,
            "pages still pending or missing at completion");
}

}  // namespace models::memory
