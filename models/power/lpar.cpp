#include "models/power/lpar.hpp"

#include <string>
#include <utility>

#include "sim/check.hpp"

namespace models::power {

std::string_view os_name(OsType os) {
  switch (os) {
    case OsType::aix: return "aix";
    case OsType::linux: return "linux";
    case OsType::ibmi: return "ibmi";
  }
  return "unknown";
}

Lpar::Lpar(sim::Engine& engine, LparConfig config) : engine_(engine), config_(std::move(config)) {
  SIM_CHECK(config_.id > 0, config_.name, "partition id must be positive");
  SIM_CHECK(!config_.name.empty(), "lpar", "partition without a name");
  SIM_CHECK(config_.memory_min <= config_.memory_desired && config_.memory_desired <= config_.memory_max,
            config_.name, "memory must satisfy min <= desired <= max");
  SIM_CHECK(config_.page_size.count() > 0, config_.name, "page size must be positive");
}

Outcome Lpar::change_state(LparState to) {
  const LparState from = config_.state;
  if (!is_legal_transition(from, to)) {
    return Outcome::refused("illegal state change for " + config_.name + ": " +
                            std::string(hmc_name(from)) + " → " + std::string(hmc_name(to)));
  }
  config_.state = to;
  if (engine_.tracer())
    engine_.trace("lpar.state", config_.name,
                  {{"from", std::string(hmc_name(from))}, {"to", std::string(hmc_name(to))}});
  return Outcome::success();
}

void Lpar::renumber(int new_id) {
  SIM_CHECK(new_id > 0, config_.name, "partition id must be positive");
  if (engine_.tracer()) engine_.trace("lpar.renumber", config_.name, {{"from", config_.id}, {"to", new_id}});
  config_.id = new_id;
}

void Lpar::set_executing_on(std::string system) {
  if (engine_.tracer()) engine_.trace("lpar.executing", config_.name, {{"from", executing_on_}, {"to", system}});
  executing_on_ = std::move(system);
}

}  // namespace models::power
