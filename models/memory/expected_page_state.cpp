#include "models/memory/expected_page_state.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/check.hpp"

namespace models::memory {

namespace {
constexpr const char* kExpectedComponent = "memory/expected";

// The per-class temporaries of an advance, one set per thread for all the partitions it simulates
// and grown to the largest class count seen: an advance runs at every chunk, and per-partition
// scratch arrays were written cold at each (issue 18: 1.7 KiB per partition, a fifth of the
// last-level write misses of a 3 000-LPAR evacuation); shared, they stay in cache.
struct AdvanceScratch {
  Eigen::ArrayXd share;
  Eigen::ArrayXd fetched;
};
AdvanceScratch& advance_scratch(Eigen::Index classes) {
  thread_local AdvanceScratch scratch;
  if (scratch.share.size() < classes) {
    scratch.share.resize(classes);
    scratch.fetched.resize(classes);
  }
  return scratch;
}
}  // namespace

ExpectedPageState::ExpectedPageState(const MemoryConfig& config, Workload& workload)
    : PageState(config),
      workload_(workload),
      tracks_zero_pages_(config.send_untouched),
      total_pages_(static_cast<double>(config.pages())) {
  SIM_CHECK(workload.total_pages() == config.pages(), kExpectedComponent, "workload built for other memory");
  const std::int64_t touched = config.touched_pages();
  const std::int64_t top = top_block_pages(config, workload);
  top_dirty_ = static_cast<double>(top);
  sequential_ = workload.sequential() && workload.sequential_span() > 0;
  const auto& classes = workload.classes();
  const auto n = static_cast<Eigen::Index>(classes.size());
  pages_.resize(n);
  rate_.resize(n);
  dirty_.resize(n);
  if (tracks_zero_pages_) zero_dirty_ = Eigen::ArrayXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const PageClass& c = classes[static_cast<std::size_t>(i)];
    pages_[i] = static_cast<double>(c.pages);
    rate_[i] = workload.sequential() ? 0.0 : c.rate_per_page;
    // Touched = ranks below `touched`: the overlap of this class's rank range with it; the top
    // block's ranks [touched − top, touched) start in their own pool.
    const auto held = static_cast<double>(std::clamp(touched - c.first_rank, std::int64_t{0}, c.pages));
    const auto in_top = static_cast<double>(
        std::clamp(c.first_rank + c.pages - (touched - top), std::int64_t{0}, c.pages) -
        std::clamp(c.first_rank + c.pages - touched, std::int64_t{0}, c.pages));
    dirty_[i] = (config.send_untouched ? pages_[i] : held) - in_top;
    if (config.send_untouched) zero_dirty_[i] = pages_[i] - held;
  }
  pending_ = Eigen::ArrayXd::Zero(n);
  ahead_ = Eigen::ArrayXd::Zero(n);
  if (tracks_zero_pages_) {
    zero_pending_ = Eigen::ArrayXd::Zero(n);
    zero_ahead_ = Eigen::ArrayXd::Zero(n);
  }
  if (sequential_) {
    // The span is ranks [0, S) of class 0; its initial dirty set is the low ranks that hold data.
    span_pending_ = SpanProfile(pages_[0]);
    span_dirty_ = SpanProfile(pages_[0]);
    span_dirty_.paint(0, dirty_[0], 1.0);
  }
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
  if (workload_.sequential()) {  // the cursor's arc since the sync joins the dirty set, exactly
    if (sequential_) {
      const double swept = workload_.total_rate() * exposure;
      span_dirty_.paint(sweep(swept), swept, 1.0);
      dirty_[0] = span_dirty_.mass();
    }
    return;
  }
  // Pages not dirty since the sync turn dirty with probability 1 − e^(−λE) (§3); a zero page
  // written at all holds data from then on.
  dirty_ -= (pages_ - dirty_) * (-rate_ * exposure).expm1();
  if (!tracks_zero_pages_) return;
  auto unwritten = advance_scratch(rate_.size()).share.head(rate_.size());
  unwritten = (-rate_ * exposure).exp();
  zero_dirty_ *= unwritten;
  zero_pending_ *= unwritten;
  zero_ahead_ *= unwritten;
}

void ExpectedPageState::fault_for(double exposure) {
  writes_ += workload_.total_rate() * exposure;
  AdvanceScratch& scratch = advance_scratch(pages_.size());
  auto share = scratch.share.head(pages_.size());  // of each class's pages touched
  if (workload_.sequential()) {  // the cursor's arc faults the pages of it still missing
    share.setZero();
    if (sequential_ && pending_[0] > 0) {
      const double swept = workload_.total_rate() * exposure;
      const double from = sweep(swept);
      share[0] = std::min(1.0, span_scale() * span_pending_.mass(from, swept) / pending_[0]);
      span_pending_.paint(from, swept, 0.0);
    }
  } else {
    share = -(-rate_ * exposure).expm1();
  }
  auto fetched = scratch.fetched.head(pages_.size());
  fetched = pending_ * share;
  pending_ -= fetched;
  if (tracks_zero_pages_) zero_pending_ *= 1.0 - share;
  faults_ += fetched.sum();
}

double ExpectedPageState::sweep(double pages) {
  const double from = cursor_;
  cursor_ = std::fmod(cursor_ + pages, pages_[0]);
  return from;
}

double ExpectedPageState::span_scale() const {
  const double shape = span_pending_.mass();
  return shape > 0 ? pending_[0] / shape : 0.0;
}

Eigen::ArrayXd ExpectedPageState::overlap() const {
  // A page is pending (left over) and dirty independently given its class: union by inclusion-
  // exclusion. Zero-size classes never hold pages. The sequential span's sets are arcs: their
  // overlap is where the cursor's arc lies on pending ones.
  Eigen::ArrayXd both = (pages_ > 0).select(pending_ * dirty_ / pages_.max(1e-300), 0.0);
  if (sequential_) both[0] = std::min({span_scale() * span_pending_.overlap(span_dirty_), pending_[0], dirty_[0]});
  return both;
}

double ExpectedPageState::remaining_pages() const {
  return (pending_ + dirty_ - overlap()).sum() + top_pending_ + top_dirty_;
}

void ExpectedPageState::sync() {
  SIM_CHECK(phase_ != PagePhase::postcopy, kExpectedComponent, "sync after resume");
  const Eigen::ArrayXd both = overlap();
  if (sequential_) {  // pending ∪ dirty along the span, before pending_[0] changes the scale
    span_pending_.scale(span_scale());
    span_pending_.merge_indicator(span_dirty_);
    span_dirty_ = SpanProfile(pages_[0]);
  }
  const Eigen::ArrayXd added = dirty_ - both;
  pending_ += added;
  zero_pending_ += zero_dirty_;  // only the never-synced initial set holds zero pages
  if (!synced_) {  // the first sync: all of it lies ahead of the first lap
    synced_ = true;
    first_lap_ = true;
    ahead_ = pending_;
    zero_ahead_ = zero_pending_;
  } else if (first_lap_) {
    // A class's dirty pages are spread over the addresses, (1 − scan) of them ahead; of those,
    // the ones already pending there (ahead/n of the dirty) add nothing. In the usual first lap
    // every page ahead is pending, so what a sync adds lies behind the scan.
    const Eigen::ArrayXd fresh_ahead =
        (pages_ > 0).select(dirty_ * ((1.0 - scan_) - ahead_ / pages_.max(1e-300)), 0.0);
    ahead_ += fresh_ahead.max(0.0).min(added.max(0.0));
  }
  zero_dirty_.setZero();
  dirty_.setZero();
  top_pending_ += std::exchange(top_dirty_, 0.0);
}

Chunk ExpectedPageState::take_ahead(double max_pages) {
  const double available = ahead_.sum();
  if (available <= 0 || max_pages <= 0) return {};
  const double share = std::min(1.0, max_pages / available);
  const Eigen::ArrayXd taken = ahead_ * share;
  const double zero = zero_ahead_.sum() * share;
  pending_ = (pending_ - taken).max(0.0);
  zero_pending_ = (zero_pending_ - zero_ahead_ * share).max(0.0);
  ahead_ -= taken;
  zero_ahead_ *= 1.0 - share;
  scan_ += (1.0 - scan_) * share;  // ahead pages lie evenly over the addresses not yet passed
  return {std::min(max_pages, available), zero, 0};
}

Chunk ExpectedPageState::take_spread(double max_pages) {
  const double available = pending_.sum();
  if (available <= 0 || max_pages <= 0) return {};
  // Exact mode scans addresses in order and every class is spread evenly over them, so a chunk
  // draws from the classes in proportion to what they still have pending.
  if (max_pages >= available) {
    const double zero = zero_pending_.sum();
    pending_.setZero();
    zero_pending_.setZero();
    return {available, zero, 0};
  }
  const double keep = 1.0 - max_pages / available;
  const double zero = zero_pending_.sum() * (1.0 - keep);
  pending_ *= keep;
  zero_pending_ *= keep;
  return {max_pages, zero, 0};
}

Chunk ExpectedPageState::take(double max_pages) {
  // The exact scan goes on from where it is: through what is left of the first lap below the
  // top block, then the block, then (wrapping) the pages dirtied behind it. Taking the block
  // before those matters after an early sync: the pages left pending are then working-set pages
  // that the next sync finds dirty anyway, not block pages that it does not.
  Chunk chunk;
  double want = max_pages;
  const auto add = [&](const Chunk& c) {
    chunk.pages += c.pages;
    chunk.zero_pages += c.zero_pages;
    want -= c.pages;
  };
  if (first_lap_ && want > 0) add(take_ahead(want));
  if (top_pending_ > 0 && want > 0) {
    const double top = std::min(want, top_pending_);
    top_pending_ -= top;
    add({top, 0, 0});
  }
  if (first_lap_ && want > 0) first_lap_ = false;  // past the block: the scan wraps
  if (want > 0) add(take_spread(want));
  return chunk;
}

void ExpectedPageState::begin_postcopy(double touch_factor) {
  SIM_CHECK(phase_ == PagePhase::frozen && dirty_.sum() == 0, kExpectedComponent,
            "post-copy starts from a frozen, synced state");
  phase_ = PagePhase::postcopy;
  touch_factor_ = touch_factor;
  first_lap_ = false;  // the background push sends what is missing, wherever it lies
}

double ExpectedPageState::take_faults() { return std::exchange(faults_, 0.0); }

void ExpectedPageState::check_complete() const {
  SIM_CHECK(pending_.sum() + top_pending_ <= 1e-9 * std::max(1.0, total_pages_) && dirty_.sum() == 0,
            kExpectedComponent, "pages still pending or missing at completion");
}

}  // namespace models::memory
