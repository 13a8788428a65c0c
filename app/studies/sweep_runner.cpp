// SweepRunner: a pool of threads claiming variant positions in order; the caller waits on a prefix.
#include "app/studies/sweep_runner.hpp"

#include <algorithm>

namespace app::studies {

SweepRunner::SweepRunner(const Sweep& sweep, std::vector<std::size_t> indices, int jobs, Format format)
    : sweep_(sweep),
      indices_(std::move(indices)),
      format_(std::move(format)),
      results_(indices_.size()),
      done_(indices_.size(), 0) {
  if (format_) texts_.resize(indices_.size());
  const std::size_t threads = static_cast<std::size_t>(std::max(1, jobs));
  // A few positions per claim: consecutive seeds of one spec stay on one thread's cache, and a
  // thread still finds work until the last few variants.
  claim_size_ = std::clamp<std::size_t>(indices_.size() / (threads * 64), 1, 8);
  const std::size_t helpers = std::min(threads, indices_.size()) - (indices_.empty() ? 0 : 1);
  for (std::size_t t = 0; t < helpers; ++t) threads_.emplace_back([this] { work(); });
}

SweepRunner::~SweepRunner() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  for (auto& t : threads_) t.join();
}

bool SweepRunner::run_some(Sweep::VariantCache& cache) {
  std::size_t begin = 0, end = 0;
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || next_ >= indices_.size()) return false;
    begin = next_;
    end = next_ = std::min(indices_.size(), next_ + claim_size_);
  }
  try {
    for (std::size_t k = begin; k < end; ++k) {
      results_[k] = sweep_.run_variant(indices_[k], cache);
      if (format_) texts_[k] = format_(results_[k]);
    }
  } catch (...) {
    const std::lock_guard lock(mutex_);
    if (!error_) error_ = std::current_exception();
    stopping_ = true;
    progressed_.notify_all();
    return false;
  }
  const std::lock_guard lock(mutex_);
  std::fill(done_.begin() + static_cast<std::ptrdiff_t>(begin), done_.begin() + static_cast<std::ptrdiff_t>(end), 1);
  const std::size_t before = done_prefix_;
  while (done_prefix_ < done_.size() && done_[done_prefix_]) ++done_prefix_;
  if (done_prefix_ != before) progressed_.notify_all();
  return true;
}

void SweepRunner::work() {
  Sweep::VariantCache cache;
  while (run_some(cache)) {
  }
}

void SweepRunner::wait_for(std::size_t end) {
  end = std::min(end, indices_.size());
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (error_) std::rethrow_exception(error_);
      if (done_prefix_ >= end) return;
    }
    if (run_some(caller_cache_)) continue;
    // Nothing left to claim: the positions still missing are running on other threads.
    std::unique_lock lock(mutex_);
    progressed_.wait(lock, [&] { return error_ || done_prefix_ >= end; });
  }
}

}  // namespace app::studies
