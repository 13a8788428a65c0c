#include "models/memory/exact_page_state.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "sim/check.hpp"

namespace models::memory {

namespace {
constexpr const char* kExactComponent = "memory/exact";
__extension__ using U128 = unsigned __int128;

std::uint64_t coprime_near_golden(std::uint64_t n) {
  if (n <= 2) return 1;
  auto a = static_cast<std::uint64_t>(static_cast<double>(n) * 0.6180339887498949) | 1U;
  while (std::gcd(a, n) != 1) a += 2;
  return a % n == 0 ? 1 : a;
}

std::uint64_t zipf_working_set(const Workload& w) {
  if (w.config().kind != WorkloadKind::zipf) return 1;
  std::uint64_t ws = 0;
  for (const PageClass& c : w.classes())
    if (c.rate_per_page > 0) ws = static_cast<std::uint64_t>(c.first_rank + c.pages);
  return std::max<std::uint64_t>(ws, 1);
}
}  // namespace

ExactPageState::ExactPageState(const MemoryConfig& config, Workload& workload, sim::RngStream rng)
    : PageState(config),
      workload_(workload),
      rng_(rng),
      pages_(static_cast<std::uint64_t>(config.pages())),
      touched_(static_cast<std::uint64_t>(config.touched_pages())),
      top_pages_(static_cast<std::uint64_t>(top_block_pages(config, workload))),
      spread_pages_(pages_ - top_pages_),
      multiplier_(coprime_near_golden(spread_pages_)),
      verify_(config.verify_versions),
      dirty_((pages_ + 63) / 64, 0),
      pending_((pages_ + 63) / 64, 0),
      zipf_(workload.config().kind == WorkloadKind::zipf),
      zipf_dist_(zipf_working_set(workload), std::max(workload.config().zipf_exponent, 1e-9)) {
  SIM_CHECK(workload.total_pages() == config.pages(), kExactComponent, "workload built for other memory");
  const auto touched = static_cast<std::uint64_t>(config.touched_pages());
  const auto fill_all = [&](std::vector<std::uint64_t>& bits) {
    std::fill(bits.begin(), bits.end(), ~std::uint64_t{0});
    if (pages_ % 64 != 0) bits.back() = (std::uint64_t{1} << (pages_ % 64)) - 1;
  };
  if (touched == pages_ || config.send_untouched) {  // no 2^28 multiplications for a 1 TiB LPAR
    fill_all(dirty_);
    dirty_count_ = static_cast<std::int64_t>(pages_);
  } else {
    dirty_count_ = static_cast<std::int64_t>(touched);
  }
  if (config.send_untouched && touched < pages_) {
    zero_.assign(dirty_.size(), 0);
    fill_all(zero_);
  }
  if (touched < pages_ && (!zero_.empty() || !config.send_untouched)) {
    for (std::uint64_t r = 0; r < touched; ++r) {
      const std::uint64_t p = page_of_rank(r);
      if (!zero_.empty()) zero_[p / 64] &= ~(std::uint64_t{1} << (p % 64));
      if (!config.send_untouched) dirty_[p / 64] |= std::uint64_t{1} << (p % 64);
    }
  }
  if (verify_) {  // touched pages hold version 1 at the source; the destination has nothing yet
    version_.assign(pages_, 0);
    dest_version_.assign(pages_, 0);
    for (std::uint64_t r = 0; r < touched; ++r) version_[page_of_rank(r)] = 1;
  }
  double acc = 0;
  for (const PageClass& c : workload.classes()) {
    acc += c.rate_per_page * static_cast<double>(c.pages);
    class_cumulative_.push_back(acc);
  }
}

std::uint64_t ExactPageState::page_of_rank(std::uint64_t rank) const {
  if (top_pages_ > 0) {
    if (rank >= touched_ - top_pages_ && rank < touched_) return pages_ - touched_ + rank;
    if (rank >= touched_) rank -= top_pages_;  // the untouched ranks spread below the block
  }
  if (spread_pages_ <= (std::uint64_t{1} << 32)) return rank * multiplier_ % spread_pages_;  // no overflow
  return static_cast<std::uint64_t>(static_cast<U128>(rank) * multiplier_ % spread_pages_);
}

void ExactPageState::advance(sim::Time now) {
  if (!started_) {
    started_ = true;
    last_advance_ = now;
    if (workload_.total_rate() > 0)
      next_write_ = sim::exponential(rng_, 1.0 / workload_.total_rate());
    return;
  }
  const double exposure = workload_.exposure(last_advance_, now);
  last_advance_ = now;
  if (phase_ == PagePhase::frozen || exposure <= 0 || workload_.total_rate() <= 0) return;
  const double scaled = phase_ == PagePhase::postcopy ? exposure * touch_factor_ : exposure;
  if (workload_.sequential())
    sample_sequential_writes(scaled);
  else
    sample_poisson_writes(scaled);
}

void ExactPageState::sample_poisson_writes(double exposure) {
  // Superposed Poisson writer in exposure time: exponential gaps at the total rate, then a
  // rank from the class shares (§3: each page an independent Poisson process).
  exposure_clock_ += exposure;
  const double mean_gap = 1.0 / workload_.total_rate();
  // Writes land at random over a bitmap far larger than the caches: draw a batch, prefetch its
  // words, then apply it in order (same writes, same order, overlapped cache misses).
  constexpr std::size_t kBatch = 32;
  std::uint64_t batch[kBatch];
  while (next_write_ <= exposure_clock_) {
    std::size_t n = 0;
    while (n < kBatch && next_write_ <= exposure_clock_) {
      batch[n] = page_of_rank(sample_rank());
      __builtin_prefetch(&dirty_[batch[n] / 64], 1);
      if (verify_) __builtin_prefetch(&version_[batch[n]], 1);
      ++n;
      next_write_ += sim::exponential(rng_, mean_gap);
    }
    for (std::size_t i = 0; i < n; ++i) write(batch[i]);
  }
}

std::uint64_t ExactPageState::sample_rank() {
  if (zipf_) return zipf_dist_(rng_) - 1;
  const auto& classes = workload_.classes();
  const double u = rng_.uniform01() * class_cumulative_.back();
  std::size_t i = 0;
  while (i + 1 < classes.size() && u >= class_cumulative_[i]) ++i;
  const PageClass& c = classes[i];
  return static_cast<std::uint64_t>(c.first_rank) +
         rng_.uniform_below(static_cast<std::uint64_t>(c.pages));
}

void ExactPageState::sample_sequential_writes(double exposure) {
  const auto span = static_cast<std::uint64_t>(workload_.sequential_span());
  if (span == 0) return;
  const double next = cursor_ + workload_.total_rate() * exposure;
  auto from = static_cast<std::uint64_t>(std::floor(cursor_));
  const auto to = static_cast<std::uint64_t>(std::floor(next));
  // More than a full sweep dirties every page once; the extra laps change nothing but versions.
  if (to - from > span) from = to - span;
  for (std::uint64_t r = from; r < to; ++r) write(page_of_rank(r % span));
  cursor_ = std::fmod(next, static_cast<double>(span));
}

void ExactPageState::write(std::uint64_t page) {
  ++writes_;
  const std::size_t w = page / 64;
  const std::uint64_t bit = std::uint64_t{1} << (page % 64);
  if (phase_ == PagePhase::postcopy) {
    if (dirty_[w] & bit) {  // missing at the destination: demand fault fetches the source copy
      dirty_[w] &= ~bit;
      --dirty_count_;
      faults_ += 1;
      if (pending_[w] & bit) {
        pending_[w] &= ~bit;
        --pending_count_;
        if (!zero_.empty() && (zero_[w] & bit)) --zero_pending_count_;
      }
      if (!zero_.empty()) zero_[w] &= ~bit;
      if (verify_) dest_version_[page] = std::max(dest_version_[page], version_[page]);
    }
    if (verify_) dest_version_[page] = ++version_[page];
    return;
  }
  if (verify_) ++version_[page];
  if (!zero_.empty() && (zero_[w] & bit)) {  // the page holds data from now on
    zero_[w] &= ~bit;
    if (pending_[w] & bit) --zero_pending_count_;
  }
  if (!(dirty_[w] & bit)) {
    dirty_[w] |= bit;
    ++dirty_count_;
  }
}

double ExactPageState::remaining_pages() const {
  if (pending_count_ == 0) return static_cast<double>(dirty_count_);
  if (dirty_count_ == 0 || phase_ == PagePhase::postcopy) return static_cast<double>(pending_count_);
  std::int64_t n = 0;
  for (std::size_t w = 0; w < dirty_.size(); ++w) n += std::popcount(dirty_[w] | pending_[w]);
  return static_cast<double>(n);
}

void ExactPageState::sync() {
  SIM_CHECK(phase_ != PagePhase::postcopy, kExactComponent, "sync after resume");
  std::int64_t n = 0;
  std::int64_t zero = 0;
  for (std::size_t w = 0; w < dirty_.size(); ++w) {
    pending_[w] |= dirty_[w];
    dirty_[w] = 0;
    n += std::popcount(pending_[w]);
    if (!zero_.empty()) zero += std::popcount(pending_[w] & zero_[w]);
  }
  pending_count_ = n;
  zero_pending_count_ = zero;
  dirty_count_ = 0;
}

Chunk ExactPageState::take(double max_pages) {
  auto need = static_cast<std::int64_t>(std::floor(max_pages));
  std::vector<std::pair<std::uint64_t, std::uint32_t>> list;
  const bool record = record_pages();
  const bool zeros = !zero_.empty();
  std::int64_t taken = 0;
  std::int64_t zero_taken = 0;
  // From the scan position, wrapping at the end of memory, until enough or nothing is pending.
  while (need > 0 && taken < pending_count_) {
    if (scan_word_ >= pending_.size()) scan_word_ = 0;
    std::uint64_t bits = pending_[scan_word_];
    if (bits == 0) {
      ++scan_word_;
      continue;
    }
    std::uint64_t take_bits = bits;
    if (std::popcount(bits) > need || record) {
      take_bits = 0;
      std::uint64_t rest = bits;
      for (std::int64_t k = 0; k < need && rest != 0; ++k) {
        const std::uint64_t low = rest & (~rest + 1);
        take_bits |= low;
        rest &= rest - 1;
      }
      if (record)
        for (std::uint64_t t = take_bits; t != 0; t &= t - 1) {
          const std::uint64_t page = scan_word_ * 64 + static_cast<std::uint64_t>(std::countr_zero(t));
          list.emplace_back(page, verify_ ? version_[page] : 0);
        }
    }
    const int count = std::popcount(take_bits);
    need -= count;
    taken += count;
    if (zeros) zero_taken += std::popcount(take_bits & zero_[scan_word_]);
    pending_[scan_word_] = bits & ~take_bits;
    if (pending_[scan_word_] != 0) break;  // continue inside this word next time
    ++scan_word_;
  }
  pending_count_ -= taken;
  zero_pending_count_ -= zero_taken;
  Chunk chunk{static_cast<double>(taken), static_cast<double>(zero_taken), 0};
  if (record && taken > 0) {
    chunk.id = next_chunk_id_++;
    in_flight_.emplace(chunk.id, std::move(list));
  }
  return chunk;
}

void ExactPageState::deliver(const Chunk& chunk) {
  if (chunk.id == 0) return;
  const auto it = in_flight_.find(chunk.id);
  SIM_CHECK(it != in_flight_.end(), kExactComponent, "chunk delivered twice");
  for (const auto& [page, version] : it->second) {
    // max(): a page re-sent later, or written after a demand fetch, is never rolled back.
    if (verify_) dest_version_[page] = std::max(dest_version_[page], version);
    const std::uint64_t bit = std::uint64_t{1} << (page % 64);
    if (phase_ == PagePhase::postcopy && (dirty_[page / 64] & bit)) {
      dirty_[page / 64] &= ~bit;
      --dirty_count_;
    }
  }
  in_flight_.erase(it);
}

void ExactPageState::begin_postcopy(double touch_factor) {
  SIM_CHECK(phase_ == PagePhase::frozen && dirty_count_ == 0, kExactComponent,
            "post-copy starts from a frozen, synced state");
  phase_ = PagePhase::postcopy;
  touch_factor_ = touch_factor;
  dirty_ = pending_;  // missing = not yet pushed (in-flight blackout chunks are delivered)
  dirty_count_ = pending_count_;
  scan_word_ = 0;
}

double ExactPageState::take_faults() { return std::exchange(faults_, 0.0); }

void ExactPageState::check_complete() const {
  SIM_CHECK(pending_count_ == 0 && dirty_count_ == 0 && in_flight_.empty(), kExactComponent,
            "pages still pending or missing at completion");
  if (!verify_) return;
  for (std::uint64_t p = 0; p < pages_; ++p)
    SIM_CHECK(dest_version_[p] == version_[p], kExactComponent,
              "lost update: page " + std::to_string(p) + " has version " +
                  std::to_string(version_[p]) + " but the destination holds " +
                  std::to_string(dest_version_[p]));
}

}  // namespace models::memory
