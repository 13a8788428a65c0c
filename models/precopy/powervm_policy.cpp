#include "models/precopy/powervm_policy.hpp"

#include <algorithm>

namespace models::precopy {

StopDecision PowervmPolicy::decide(const StopContext& context) {
  StopDecision d;
  d.remaining_bytes = context.remaining_bytes();
  d.threshold_bytes = std::max(config_.max_remaining_bytes.as_double(), config_.max_remaining_fraction *
                                                                context.touched_pages *
                                                                context.page_bytes);
  const auto& passes = *context.passes;
  if (passes.size() >= 2) {  // "the dirty set stops shrinking"
    const double before = passes[passes.size() - 2].remaining_pages;
    stalled_passes_ = context.remaining_pages > before * (1.0 - config_.min_shrink) ? stalled_passes_ + 1 : 0;
  }
  const int pass = context.last().index;
  if (d.remaining_bytes <= d.threshold_bytes)
    d.rule = "remaining-below-threshold";
  else if (config_.no_progress_passes > 0 && stalled_passes_ >= config_.no_progress_passes)
    d.rule = "no-progress";
  else if (pass >= config_.max_passes)
    d.rule = "max-passes";
  else if (config_.max_time && context.elapsed >= *config_.max_time)
    d.rule = "timeout";
  d.stop = d.rule != "continue";
  return d;
}

}  // namespace models::precopy
