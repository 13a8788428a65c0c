// models::power::VasiAdapter: the one VASI adapter an MSP uses for LPM (`max_lpm_vasi` = 1) and
// its count of concurrent operations, bounded by `max_vasi_ops` = 8, read-only on a real VIOS
// (§5.2, §5.3, S11). Owned by Msp; each admitted migration holds one operation.
#pragma once

#include "sim/check.hpp"

namespace models::power {

class VasiAdapter {
 public:
  static constexpr int kMaxVasiOps = 8;

  // The limit is a constructor argument only so that tests can exercise it below 8.
  explicit VasiAdapter(int max_ops = kMaxVasiOps) : max_ops_(max_ops) {
    SIM_CHECK(max_ops >= 1, "vasi-adapter", "max_vasi_ops must be at least 1");
  }

  int max_ops() const { return max_ops_; }
  int ops_in_use() const { return in_use_; }
  // False (nothing changes) when all operations are in use.
  bool try_open() {
    if (in_use_ >= max_ops_) return false;
    ++in_use_;
    return true;
  }
  void close() {
    SIM_CHECK(in_use_ > 0, "vasi-adapter", "close without an open operation");
    --in_use_;
  }

 private:
  int max_ops_;
  int in_use_ = 0;
};

}  // namespace models::power
