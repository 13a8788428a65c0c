// models::precopy::XenPolicy: Xen's stop rules, as shipped (precopy-models.md §1.3).
// classic (xc_domain_save, Xen 3.x–4.5, also Akoush's model): after live round `iter`, stop when
//   pages sent (+ skipped) in that round < 50, or iter ≥ max_iters (DEF_MAX_ITERS = 29: at most
//   30 rounds counting the final one), or total pages sent > max_factor × memory pages
//   (DEF_MAX_FACTOR = 3). The adaptive-rate rule 4 (ADAPTIVE_SAVE builds) is not modelled.
// v2 (xg_sr_save.c "simple precopy policy"): stop when the dirty count < 50
//   (SPP_TARGET_DIRTY_COUNT) or after 5 iterations (SPP_MAX_ITERATIONS).
// Note the classic rule looks at what the round *sent*: a VM that dirties nothing still runs a
// second, empty live round before the final one — as Xen does.
#pragma once

#include "models/precopy/stop_policy.hpp"

namespace models::precopy {

enum class XenVariant { classic, v2 };

struct XenPolicyConfig {
  XenVariant variant = XenVariant::classic;
  int max_iters = 29;          // DEF_MAX_ITERS (classic); v2: SPP_MAX_ITERATIONS = 5
  double max_factor = 3.0;     // DEF_MAX_FACTOR (classic only)
  int target_pages = 50;       // the hard-coded 50 pages of both variants
  static XenPolicyConfig migration_v2() { return {XenVariant::v2, 5, 3.0, 50}; }
};

class XenPolicy final : public StopPolicy {
 public:
  explicit XenPolicy(XenPolicyConfig config = {}) : config_(config) {}
  std::string_view name() const override { return "xen"; }
  StopDecision decide(const StopContext& context) override;

 private:
  XenPolicyConfig config_;
};

}  // namespace models::precopy
