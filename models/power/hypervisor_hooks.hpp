// The two hooks through which the Hypervisor lets the memory model in, without models/power
// knowing anything about pages or migrations: DirtyTracker (PHYP's dirty page list during
// pre-copy, §2.4) and DemandPageServer (the source PHYP answering the destination's demand-paging
// requests after resume, §2.6). models/memory implements them; the Migration registers them.
#pragma once

#include <cstdint>

namespace models::power {

class Lpar;

class DirtyTracker {
 public:
  virtual ~DirtyTracker() = default;
  // Called once when the hypervisor starts recording writes of `lpar` (start of pass 1).
  virtual void start_tracking(const Lpar& lpar) = 0;
  // Called once when recording stops (completion, rollback or removal of the partition).
  virtual void stop_tracking(const Lpar& lpar) = 0;
};

class DemandPageServer {
 public:
  virtual ~DemandPageServer() = default;
  // The source hypervisor accepted a request for page `page_index` of `lpar` (page_size units).
  // Timing (RTT + page time) is the caller's business; this only says the request got through.
  virtual void on_page_request(const Lpar& lpar, std::uint64_t page_index) = 0;
};

}  // namespace models::power
