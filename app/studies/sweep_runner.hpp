// SweepRunner: runs a list of sweep variants on `jobs` threads that live as long as the runner,
// while the caller consumes the results in order (journal a batch, gather it over MPI) as soon as
// each prefix is done. Threads claim a few positions at a time from a shared counter, so one slow
// variant does not leave a thread idle until a batch ends; the caller is one of the `jobs`
// threads (it runs variants while it waits), so `jobs` = 1 runs everything on the calling thread.
// Each result is a pure function of its variant index, so the order of claims never shows.
//   SweepRunner runner(sweep, {0, 1, 2, 3}, 2, [&](const VariantResult& r) { return to_jsonl_row(r, names); });
//   runner.wait_for(2);  // positions 0 and 1 are done: runner.result(0), runner.text(0)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/studies/sweep.hpp"

namespace app::studies {

class SweepRunner {
 public:
  // Formats a finished row on the thread that ran it (a JSON Lines row, say); none: no text.
  using Format = std::function<std::string(const VariantResult&)>;

  SweepRunner(const Sweep& sweep, std::vector<std::size_t> indices, int jobs, Format format = {});
  ~SweepRunner();  // stops claiming new variants and joins the threads
  SweepRunner(const SweepRunner&) = delete;
  SweepRunner& operator=(const SweepRunner&) = delete;

  std::size_t size() const { return indices_.size(); }
  // Returns when positions [0, end) are done, running variants on this thread meanwhile.
  // Rethrows the first exception a variant threw (and stops the others).
  void wait_for(std::size_t end);
  // After wait_for covered `position`: its result and its formatted text.
  VariantResult& result(std::size_t position) { return results_[position]; }
  std::string& text(std::size_t position) { return texts_[position]; }

 private:
  // Claims and runs one group of positions; false when none is left (or after an error).
  bool run_some(Sweep::VariantCache& cache);
  void work();

  const Sweep& sweep_;
  std::vector<std::size_t> indices_;
  Format format_;
  std::size_t claim_size_ = 1;
  std::vector<VariantResult> results_;
  std::vector<std::string> texts_;
  Sweep::VariantCache caller_cache_;  // the calling thread's, across wait_for calls

  std::mutex mutex_;
  std::condition_variable progressed_;
  std::size_t next_ = 0;           // the next position to claim (under mutex_)
  std::vector<char> done_;         // per position (under mutex_)
  std::size_t done_prefix_ = 0;    // positions [0, done_prefix_) are done (under mutex_)
  std::exception_ptr error_;       // the first failure (under mutex_)
  bool stopping_ = false;          // under mutex_
  std::vector<std::thread> threads_;
};

}  // namespace app::studies
