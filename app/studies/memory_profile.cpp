// A partition's memory profile from the file's workload object: the memory model takes page
// rates and fractions of all memory, the file states rates in pages or bytes per second and
// fractions of touched memory, and a trace dirty model names a file.
#include "app/studies/memory_profile.hpp"

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/dirty_trace.hpp"

namespace app::studies {

namespace mm = models::migration;
namespace mem = models::memory;
namespace sc = app::scenario;
using namespace sim::literals;

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& pointer, const std::string& message) {
  throw sc::ScenarioError({sc::Diagnostic{file, line, 0, pointer, message, {}}});
}

double pages_per_second(const sc::DirtyRate& r, sim::Bytes page) {
  return r.unit == sc::DirtyRate::Unit::pages_per_second ? r.value : r.value / page.as_double();
}

// One steady dirty model as the memory model's workload kind and shape (rates at multiplier 1).
mem::WorkloadConfig steady(const sc::SteadyDirtySpec& d, const sc::WorkloadSpec& w, sim::Bytes page) {
  mem::WorkloadConfig c;
  std::visit(
      [&](const auto& s) {
        using S = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<S, sc::ConstantDirtySpec>) {
          c.kind = mem::WorkloadKind::constant;
          c.rate = pages_per_second(s.dirty_rate, page);
          c.working_set_fraction = s.working_set_fraction * w.content.touched_fraction;  // of all memory
        } else if constexpr (std::is_same_v<S, sc::UniformDirtySpec>) {
          c.kind = mem::WorkloadKind::uniform;
          c.rate = pages_per_second(s.write_rate, page);
          c.working_set_fraction = s.working_set_fraction * w.content.touched_fraction;  // of all memory
        } else if constexpr (std::is_same_v<S, sc::HotColdDirtySpec>) {
          c.kind = mem::WorkloadKind::hot_cold;
          const double hot = pages_per_second(s.hot_write_rate, page);
          const double cold = pages_per_second(s.cold_write_rate, page);
          c.rate = hot + cold;
          c.hot_fraction = s.hot_fraction * w.content.touched_fraction;
          c.hot_write_share = c.rate > 0 ? hot / c.rate : 1.0;
        } else {
          c.kind = mem::WorkloadKind::zipf;
          c.rate = pages_per_second(s.write_rate, page);
          c.zipf_exponent = s.exponent;
          c.working_set_fraction = w.content.touched_fraction;
        }
      },
      d);
  return c;
}

bool same_shape(const mem::WorkloadConfig& a, const mem::WorkloadConfig& b) {
  return a.kind == b.kind && a.working_set_fraction == b.working_set_fraction && a.hot_fraction == b.hot_fraction &&
         a.hot_write_share == b.hot_write_share && a.zipf_exponent == b.zipf_exponent;
}

// A day clock's phases as lengths from simulated time 0 (= start_of_day): the phase running at
// start_of_day first, then the others in order, wrapping at midnight, over one 24-hour cycle.
std::vector<std::pair<sim::Duration, std::size_t>> daily_segments(const sc::PhasesDirtySpec& d, sim::Duration start_of_day) {
  constexpr sim::Duration kDay = 24_h;
  const std::size_t n = d.phases.size();
  std::vector<sim::Duration> from(n);
  for (std::size_t i = 0; i < n; ++i) from[i] = d.phases[i].from->since_midnight;
  // The phase running at start_of_day: the last that began at or before it (the last of the
  // previous day when start_of_day is before the first).
  std::size_t k = n - 1;
  for (std::size_t i = 0; i < n; ++i)
    if (from[i] <= start_of_day) k = i;
  std::vector<std::pair<sim::Duration, std::size_t>> out;
  sim::Duration t = start_of_day;  // the wall clock, unwrapped past midnight
  const sim::Duration end = start_of_day + kDay;
  while (t < end) {
    const std::size_t next = (k + 1) % n;
    sim::Duration boundary = from[next];
    while (boundary <= t) boundary += kDay;  // the next phase's next beginning
    boundary = std::min(boundary, end);
    out.emplace_back(boundary - t, k);
    t = boundary;
    k = next;
  }
  return out;
}

mem::WorkloadConfig workload(const sc::WorkloadSpec& w, sim::Bytes page, const sc::SimulationSpec& simulation,
                             const std::filesystem::path& dir, const std::string& pointer) {
  if (const auto* phases = std::get_if<sc::PhasesDirtySpec>(&w.dirty)) {
    // The memory model scales one workload's rate over time; phases may change the rate only.
    // The base is the fastest phase, so that any phase (the first too) may be 0.
    std::vector<mem::WorkloadConfig> each;
    for (const auto& p : phases->phases) each.push_back(steady(p.dirty, w, page));
    std::size_t fastest = 0;
    for (std::size_t i = 1; i < each.size(); ++i)
      if (each[i].rate > each[fastest].rate) fastest = i;
    mem::WorkloadConfig base = each[fastest];
    for (std::size_t i = 0; i < each.size(); ++i)
      if (!same_shape(base, each[i]) && each[i].rate > 0)
        fail("", 0, pointer + "/dirty/phases/" + std::to_string(i),
             "every phase must have the shape of the others (working set, hot fraction and hot/cold ratio, Zipf "
             "exponent); only the rates may change");
    const auto multiplier = [&](std::size_t i) { return base.rate > 0 ? each[i].rate / base.rate : 0.0; };
    if (phases->clock == sc::PhaseClock::day) {
      for (const auto& [length, i] : daily_segments(*phases, simulation.start_of_day.since_midnight))
        base.phases.push_back({length, multiplier(i)});
      base.repeat = true;
    } else {
      for (std::size_t i = 0; i < each.size(); ++i) base.phases.push_back({*phases->phases[i].duration, multiplier(i)});
      base.repeat = phases->repeat;
    }
    if (phases->clock != sc::PhaseClock::migration) base.profile_zero = sim::Time::zero();
    return base;
  }
  if (const auto* trace = std::get_if<sc::TraceDirtySpec>(&w.dirty)) {
    mem::WorkloadConfig c;
    c.kind = mem::WorkloadKind::trace;
    c.trace = read_dirty_trace(dir, trace->file, pointer + "/dirty/file");
    c.repeat = trace->repeat;
    return c;
  }
  sc::SteadyDirtySpec s;
  std::visit([&s](const auto& d) {
    using D = std::decay_t<decltype(d)>;
    if constexpr (!std::is_same_v<D, sc::PhasesDirtySpec> && !std::is_same_v<D, sc::TraceDirtySpec>) s = d;
  }, w.dirty);
  return steady(s, w, page);
}

}  // namespace

std::vector<mem::TraceSample> read_dirty_trace(const std::filesystem::path& scenario_dir, const std::string& file,
                                               const std::string& pointer) {
  std::vector<mem::TraceSample> samples;
  for (const auto& s : sc::read_dirty_trace_file(scenario_dir, file, pointer))
    samples.push_back({s.at, s.pages_per_second});
  return samples;
}

mm::MemoryProfile memory_profile(const sc::WorkloadSpec& w, sim::Bytes page, const sc::SimulationSpec& simulation,
                                 const std::filesystem::path& dir, const std::string& pointer) {
  mm::MemoryProfile p;
  static_cast<mem::MemoryContent&>(p.memory) = w.content;
  p.memory.representation = simulation.memory_representation;
  p.workload = workload(w, page, simulation, dir, pointer);
  return p;
}

}  // namespace app::studies
