#include "models/precopy/xen_policy.hpp"

namespace models::precopy {

StopDecision XenPolicy::decide(const StopContext& context) {
  StopDecision d;
  d.remaining_bytes = context.remaining_bytes();
  const int iter = context.last().index;
  if (config_.variant == XenVariant::v2) {
    d.threshold_bytes = config_.target_pages * context.page_bytes;
    if (context.remaining_pages < config_.target_pages)
      d.rule = "dirty-below-target";
    else if (iter >= config_.max_iters)
      d.rule = "max-iterations";
  } else {
    // xc_domain_save: (iter >= max_iters) || (sent_this_iter + skip_this_iter < 50) ||
    // (total_sent > p2m_size * max_factor).
    d.threshold_bytes = config_.target_pages * context.page_bytes;
    if (iter >= config_.max_iters)
      d.rule = "max-iterations";
    else if (context.last().pages_sent < config_.target_pages)
      d.rule = "sent-below-target";
    else if (context.total_pages_sent > config_.max_factor * context.memory_pages)
      d.rule = "max-factor";
  }
  d.stop = d.rule != "continue";
  return d;
}

}  // namespace models::precopy
