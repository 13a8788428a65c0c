#include "models/power/msp.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/check.hpp"

namespace models::power {

Msp::Msp(sim::Engine& engine, std::string name, MspConfig config)
    : engine_(engine), name_(std::move(name)), config_(std::move(config)) {
  SIM_CHECK(config_.cfg_msp_lpm_ops >= 1 && config_.cfg_msp_lpm_ops <= 8, name_, "cfg_msp_lpm_ops outside 1-8");
  SIM_CHECK(config_.concurrency_lvl >= 1 && config_.concurrency_lvl <= 5, name_, "concurrency_lvl outside 1-5");
  SIM_CHECK(config_.cpu_capacity.in_hundredths() > 0, name_, "MSP CPU capacity must be positive");
  SIM_CHECK(config_.rate_per_cpu.value() > 0.0, name_, "MSP rate per CPU must be positive");
  SIM_CHECK(config_.max_lpm_threads >= 1, name_, "max_lpm_threads must be at least 1");
}

// Checked in the order an operator would look: the tunable first, then the VASI adapter, then the
// VIOS-wide thread budget that concurrency levels below 4 exhaust early (§5.3).
Outcome Msp::admit(std::string_view migration) {
  if (!operating_) return Outcome::refused("MSP " + name_ + " is not operating");
  if (holds(migration)) {
    return Outcome::refused("MSP " + name_ + " already serves migration " + std::string(migration));
  }
  if (active_migrations() >= config_.cfg_msp_lpm_ops) {
    return Outcome::refused("MSP " + name_ + " already runs " + std::to_string(active_migrations()) + " of " +
                            std::to_string(config_.cfg_msp_lpm_ops) + " migrations (cfg_msp_lpm_ops)");
  }
  const int threads = threads_per_migration();
  if (threads_in_use() + threads > config_.max_lpm_threads) {
    return Outcome::refused("MSP " + name_ + " has no free LPM threads: " + std::to_string(threads_in_use()) +
                            " of " + std::to_string(config_.max_lpm_threads) + " in use, " +
                            std::to_string(threads) + " needed (concurrency_lvl " +
                            std::to_string(config_.concurrency_lvl) + ")");
  }
  if (!vasi_.try_open()) {
    return Outcome::refused("VASI adapter of MSP " + name_ + " has no free operation (max_vasi_ops " +
                            std::to_string(vasi_.max_ops()) + ")");
  }
  admitted_.emplace(std::string(migration), threads);
  if (engine_.tracer())
    engine_.trace("msp.admit", name_, {{"migration", std::string(migration)}, {"active", active_migrations()}});
  cap_changed();
  return Outcome::success();
}

bool Msp::can_admit(std::string_view migration) const {
  return operating_ && !holds(migration) && active_migrations() < config_.cfg_msp_lpm_ops &&
         threads_in_use() + threads_per_migration() <= config_.max_lpm_threads && vasi_.ops_in_use() < vasi_.max_ops();
}

void Msp::release(std::string_view migration) {
  const auto it = admitted_.find(migration);
  SIM_CHECK(it != admitted_.end(), name_, "release of a migration the MSP does not serve");
  admitted_.erase(it);
  vasi_.close();
  if (engine_.tracer())
    engine_.trace("msp.release", name_, {{"migration", std::string(migration)}, {"active", active_migrations()}});
  cap_changed();
}

sim::BytesPerSecond Msp::cap_with(int migrations) const {
  SIM_CHECK(migrations >= 1, name_, "cap asked for no migration");
  const double threads = threads_per_migration();
  const double cpu_per_thread = std::min(1.0, config_.cpu_capacity.as_cores() / (migrations * threads));
  return config_.rate_per_cpu * (threads * cpu_per_thread);
}

void Msp::cap_changed() {
  const sim::BytesPerSecond cap = per_migration_cap();
  if (engine_.tracer())
    engine_.trace("msp.cap", name_, {{"bytes_per_second", cap.value()}, {"active", active_migrations()}});
  if (cap_listener_) cap_listener_(cap);
}

void Msp::set_operating(bool operating) {
  if (operating_ == operating) return;
  operating_ = operating;
  if (engine_.tracer()) engine_.trace("msp.state", name_, {{"operating", operating}});
}

}  // namespace models::power
