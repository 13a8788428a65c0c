#include "sim/phold.hpp"

#include <string>

#include "sim/ziggurat.hpp"

namespace sim {

Phold::Phold(Engine& engine, PholdConfig config) : engine_(engine), config_(config), per_lp_(config.lps, 0) {
  rng_.reserve(config.lps);
  for (std::uint32_t i = 0; i < config.lps; ++i) rng_.push_back(engine.rng("lp/" + std::to_string(i), "phold"));
}

// The ziggurat draws the delay without a logarithm in 98.9 % of events (issue 18: the logarithm
// was 67 of PHOLD's ≈ 390 instructions per event).
Duration Phold::draw_delay(std::uint32_t lp) {
  return ceil_seconds(exponential_ziggurat(rng_[lp], config_.mean_delay.seconds()));
}

void Phold::start() {
  for (std::uint32_t lp = 0; lp < config_.lps; ++lp) {
    for (std::uint32_t k = 0; k < config_.initial_events_per_lp; ++k) {
      engine_.schedule_in(draw_delay(lp), [this, lp] { on_event(lp); });
    }
  }
}

void Phold::on_event(std::uint32_t lp) {
  ++processed_;
  ++per_lp_[lp];
  const auto dest = static_cast<std::uint32_t>(rng_[lp].uniform_below(config_.lps));
  const Duration delay = draw_delay(lp);
  if (config_.trace_events)
    engine_.trace("phold.event", "lp/" + std::to_string(lp),
                  {{"dest", static_cast<std::int64_t>(dest)}, {"delay_ns", delay.ns()}});
  engine_.schedule_in(delay, [this, dest] { on_event(dest); });
  if (config_.max_events != 0 && processed_ >= config_.max_events) engine_.stop();
}

}  // namespace sim
