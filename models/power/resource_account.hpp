// models::power::ResourceAccount: one countable resource of a ManagedSystem (memory in LMBs,
// processors in hundredths) split into free / reserved / used. Reserved is capacity promised to
// a partition shell still being created (§2.3); used belongs to defined partitions or the
// hypervisor. ManagedSystem owns two of these; the Hypervisor moves units between the buckets.
// free + reserved + used == capacity at all times and no bucket goes negative (SIM_CHECK).
#pragma once

#include <cstdint>
#include <string>

namespace models::power {

class ResourceAccount {
 public:
  // `component` names the owner in SIM_CHECK messages ("sysA/memory").
  ResourceAccount(std::string component, std::int64_t capacity);

  std::int64_t capacity() const { return capacity_; }
  std::int64_t free() const { return free_; }
  std::int64_t reserved() const { return reserved_; }
  std::int64_t used() const { return used_; }

  // free → reserved; false (nothing changes) when fewer than n are free. n ≥ 0.
  bool try_reserve(std::int64_t n);
  // reserved → used: the shell is committed. Committing more than is reserved is a bug.
  void commit(std::int64_t n);
  // reserved → free: the shell is abandoned.
  void release(std::int64_t n);
  // free → used directly (a partition defined at set-up time); false when short.
  bool try_allocate(std::int64_t n);
  // used → free: the partition is deleted (source cleanup, §2.7).
  void deallocate(std::int64_t n);

 private:
  void check_balance(const char* op) const;

  std::string component_;
  std::int64_t capacity_;
  std::int64_t free_;
  std::int64_t reserved_ = 0;
  std::int64_t used_ = 0;
};

}  // namespace models::power
