// models::memory::ExactPageState: one bit per page for "dirty" and one for "pending" (2 bits per
// page; in post-copy the dirty bitmap is reused as "missing at the destination"), with
// send_untouched a third for "holds only zeros"; writes sampled one by one from the workload; the
// scan takes 64 pages per word and keeps its position across syncs. With verify_versions, a 32-bit
// version per page at source and destination proves no update is lost. Built by
// make_page_state(); driven by models/precopy.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "models/memory/page_state.hpp"
#include "sim/random.hpp"

namespace models::memory {

class ExactPageState final : public PageState {
 public:
  ExactPageState(const MemoryConfig& config, Workload& workload, sim::RngStream rng);

  void advance(sim::Time now) override;
  double dirty_pages() const override { return static_cast<double>(dirty_count_); }
  double pending_pages() const override { return static_cast<double>(pending_count_); }
  double pending_zero_pages() const override { return static_cast<double>(zero_pending_count_); }
  double remaining_pages() const override;
  void sync() override;
  Chunk take(double max_pages) override;
  void deliver(const Chunk& chunk) override;
  void freeze() override { phase_ = PagePhase::frozen; }
  void begin_postcopy(double touch_factor) override;
  double take_faults() override;
  double page_writes() const override { return static_cast<double>(writes_); }
  bool fluid() const override { return false; }
  PagePhase phase() const override { return phase_; }
  void check_complete() const override;

  // Address of the page of workload rank `rank`: the top block's ranks (the highest touched ones)
  // fill the top of memory in rank order; every other rank goes through an affine bijection that
  // spreads every class (hot set, Zipf ranks) evenly over the addresses below, so an
  // address-order scan meets the classes in proportion — the expected mode's assumption.
  std::uint64_t page_of_rank(std::uint64_t rank) const;

 private:
  void write(std::uint64_t page);
  void sample_poisson_writes(double exposure);
  void sample_sequential_writes(double exposure);
  std::uint64_t sample_rank();
  bool record_pages() const { return verify_ || phase_ == PagePhase::postcopy; }

  Workload& workload_;
  sim::RngStream rng_;
  std::uint64_t pages_;
  std::uint64_t touched_;     // ranks [0, touched_) hold data at the start
  std::uint64_t top_pages_;   // ranks [touched_ − top_pages_, touched_) sit at the top of memory
  std::uint64_t spread_pages_;  // pages_ − top_pages_: the addresses the other ranks spread over
  std::uint64_t multiplier_;  // coprime with spread_pages_
  bool verify_;
  PagePhase phase_ = PagePhase::precopy;
  std::vector<std::uint64_t> dirty_;    // precopy: written since sync; post-copy: missing
  std::vector<std::uint64_t> pending_;  // to send in this pass / to push
  std::vector<std::uint64_t> zero_;     // pages never written (all zeros); empty unless send_untouched
  std::int64_t dirty_count_ = 0;
  std::int64_t pending_count_ = 0;
  std::int64_t zero_pending_count_ = 0;
  std::size_t scan_word_ = 0;
  std::vector<std::uint32_t> version_;  // verify only: latest version anywhere
  std::vector<std::uint32_t> dest_version_;
  std::map<std::uint64_t, std::vector<std::pair<std::uint64_t, std::uint32_t>>> in_flight_;
  std::uint64_t next_chunk_id_ = 1;
  sim::Time last_advance_ = sim::Time::zero();
  bool started_ = false;
  double exposure_clock_ = 0;  // Poisson writes: cumulative exposure and the next write's
  double next_write_ = 0;
  double cursor_ = 0;          // sequential writer: position in ranks
  double touch_factor_ = 1;
  std::vector<double> class_cumulative_;  // cumulative write share per class
  bool zipf_ = false;
  sim::ZipfDistribution zipf_dist_;
  std::int64_t writes_ = 0;
  double faults_ = 0;
};

}  // namespace models::memory
