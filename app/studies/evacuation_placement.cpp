// Destination choice for an evacuation: validation per candidate, then a capacity-tracking fill.
#include "app/studies/evacuation_placement.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <stdexcept>

#include "app/studies/simulation.hpp"
#include "models/migration/validation.hpp"

namespace app::studies {

namespace {

namespace mm = models::migration;

double pages_per_second(const scenario::DirtyRate& r) {
  return r.unit == scenario::DirtyRate::Unit::pages_per_second ? r.value : r.value / 4096;
}

double dirty_rate(const scenario::WorkloadSpec& w) {
  if (const auto* c = std::get_if<scenario::ConstantDirtySpec>(&w.dirty))
    return pages_per_second(c->dirty_rate);
  if (const auto* u = std::get_if<scenario::UniformDirtySpec>(&w.dirty))
    return pages_per_second(u->write_rate);
  if (const auto* h = std::get_if<scenario::HotColdDirtySpec>(&w.dirty))
    return pages_per_second(h->hot_write_rate) + pages_per_second(h->cold_write_rate);
  if (const auto* z = std::get_if<scenario::ZipfDirtySpec>(&w.dirty))
    return pages_per_second(z->write_rate);
  return 0;
}

// What is left on a destination as the placement fills it.
struct Room {
  std::int64_t lmbs = 0;
  std::int64_t hundredths = 0;
};

std::string room_text(const mm::World& world, const std::string& system, const Room& room) {
  const auto* s = world.system(system);
  return fmt::format("{} has {} GiB and {:.2f} processing units left for it", system,
                     (s->lmb_size() * room.lmbs).as_double() / double(1LL << 30),
                     static_cast<double>(room.hundredths) / 100);
}

// One `-o v` request per (LPAR, destination) on a copy of the scenario without its actions.
void validate_all(const scenario::ScenarioSpec& base,
                                           const std::filesystem::path& dir,
                                           const std::string& system,
                                           const std::vector<LparPlacement>& lpars,
                                           const std::vector<std::string>& destinations,
                                           Placement& out) {
  scenario::ScenarioSpec spec = base;
  spec.actions.clear();
  spec.faults.clear();
  for (const auto& l : lpars)
    for (const auto& d : destinations) {
      scenario::ActionSpec a;
      a.migrlpar.operation = models::migration::MigrlparOperation::validate;
      a.migrlpar.managed_system = system;
      a.migrlpar.target_managed_system = d;
      a.migrlpar.lpar_names = {l.lpar};
      spec.actions.push_back(a);
    }
  RunOptions options;
  options.time_series = false;
  Simulation simulation(spec, dir, options);
  const mm::World& world = simulation.world();
  for (const auto& name : destinations) {
    auto& msps = out.msps[name];
    for (const auto* v : world.msps_on(name)) msps.push_back(v->partition().name());
  }
  for (const auto* v : world.msps_on(system)) out.msps[system].push_back(v->partition().name());
  std::vector<DestinationCheck> checks;
  for (const auto& r : simulation.built().requests) {
    DestinationCheck c{r.request.destination_system, {}};
    for (const auto& m : mm::validate(world, r.request).messages)
      if (m.severity == mm::ValidationMessage::Severity::error) c.errors.push_back(mm::hmc_line(m));
    checks.push_back(std::move(c));
  }
  // Fill: largest memory first (ties: as listed), each to the passing destination with the most
  // memory left that still has room for it.
  std::map<std::string, Room> room;
  for (const auto& d : destinations) {
    const auto* s = world.system(d);
    room[d] = {s->memory().free(), s->processors().free()};
  }
  std::vector<std::size_t> order(lpars.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return lpars[a].memory_bytes > lpars[b].memory_bytes;
  });
  auto& placed = out.lpars;
  for (const std::size_t i : order) {
    LparPlacement& p = placed[i];
    const auto* lpar = world.lpar(p.lpar);
    std::string best;
    std::vector<std::string> full;
    for (std::size_t k = 0; k < destinations.size(); ++k) {
      const DestinationCheck& c = checks[i * destinations.size() + k];
      p.checks.push_back(c);
      if (!c.ok()) continue;
      const auto* s = world.system(c.destination);
      const Room& r = room[c.destination];
      const std::int64_t lmbs = s->lmbs_for(lpar->config().memory_desired);
      const std::int64_t units = lpar->processor_capacity().in_hundredths();
      if (lmbs > r.lmbs || units > r.hundredths) {
        full.push_back(room_text(world, c.destination, r));
        continue;
      }
      if (best.empty() || r.lmbs * s->lmb_size().count() >
                              room[best].lmbs * world.system(best)->lmb_size().count())
        best = c.destination;
    }
    if (!best.empty()) {
      p.destination = best;
      room[best].lmbs -= world.system(best)->lmbs_for(lpar->config().memory_desired);
      room[best].hundredths -= lpar->processor_capacity().in_hundredths();
      continue;
    }
    std::string why;
    for (const auto& c : p.checks)
      if (!c.ok()) why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", c.destination,
                                      c.errors.front());
    for (const auto& f : full)
      why += fmt::format("{}{} after the larger LPARs placed before it", why.empty() ? "" : "; ", f);
    p.reason = "no destination can host it — " + why;
  }
}

}  // namespace

Placement place_lpars(const scenario::ScenarioSpec& spec, const std::filesystem::path& dir,
                      const std::string& system, const std::vector<std::string>& destinations) {
  Placement out;
  const scenario::ManagedSystemSpec* source = nullptr;
  for (const auto& s : spec.managed_systems) {
    if (s.config.name == system) source = &s;
    else if (destinations.empty()) out.destinations.push_back(s.config.name);
  }
  if (source == nullptr) throw std::invalid_argument(fmt::format("no managed system named {}", system));
  for (const auto& d : destinations) {
    const bool known = std::any_of(spec.managed_systems.begin(), spec.managed_systems.end(),
                                   [&](const auto& s) { return s.config.name == d; });
    if (!known || d == system)
      throw std::invalid_argument(
          fmt::format("--destinations: {} is not another managed system of the scenario", d));
    out.destinations.push_back(d);
  }
  if (out.destinations.empty()) throw std::invalid_argument("no destination system");
  for (const auto& l : source->lpars) {
    if (l.config.state == models::power::LparState::running)
      out.lpars.push_back({l.config.name, l.config.memory_desired.as_double(), dirty_rate(l.workload), {}, {}, {}});
    else
      out.not_running.push_back(
          {l.config.name, "not activated: an inactive migration is not simulated (move it with migrlpar "
                   "-o m as an inactive migration, or leave it if the firmware update allows)"});
  }
  if (out.lpars.empty())
    throw std::invalid_argument(fmt::format("{} has no running LPAR to evacuate", system));
  validate_all(spec, dir, system, out.lpars, out.destinations, out);
  return out;
}

}  // namespace app::studies
