#include "app/studies/settings_builder.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/dirty_trace.hpp"

namespace app::studies {

namespace mm = models::migration;
namespace mem = models::memory;
namespace sc = app::scenario;

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& pointer, const std::string& message) {
  throw sc::ScenarioError({sc::Diagnostic{file, line, 0, pointer, message, {}}});
}

double pages_per_second(const sc::DirtyRate& r, sim::Bytes page) {
  return r.unit == sc::DirtyRate::Unit::pages_per_second ? r.value : r.value / page.as_double();
}

mm::StopPolicyConfig stop_policy(const sc::StopPolicySpec& spec, models::precopy::PrecopyConfig& precopy) {
  return std::visit(
      [&precopy](const auto& p) -> mm::StopPolicyConfig {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, sc::PowervmPolicySpec>) {
          models::precopy::PowervmPolicyConfig c;
          c.max_remaining_fraction = 0;  // the scenario states its threshold in bytes
          c.max_remaining_bytes = p.remaining_threshold.as_double();
          c.no_progress_passes = static_cast<int>(p.no_progress_passes);
          c.max_passes = static_cast<int>(p.max_passes);
          c.max_time = p.max_precopy_time;
          return c;
        } else if constexpr (std::is_same_v<P, sc::XenPolicySpec>) {
          models::precopy::XenPolicyConfig c;
          c.target_pages = static_cast<double>(p.min_remaining_pages);
          c.max_iters = static_cast<int>(p.max_iterations);
          c.max_factor = p.max_factor;
          return c;
        } else if constexpr (std::is_same_v<P, sc::QemuPolicySpec>) {
          models::precopy::QemuPolicyConfig c;
          c.downtime_limit = p.downtime_limit;
          c.auto_converge = p.auto_converge;
          c.throttle_trigger_threshold = p.throttle_trigger_threshold * 100;
          c.cpu_throttle_initial = p.cpu_throttle_initial * 100;
          c.cpu_throttle_increment = p.cpu_throttle_increment * 100;
          c.max_cpu_throttle = p.max_cpu_throttle * 100;
          precopy.live_rate_limit = p.max_bandwidth;  // QEMU's max-bandwidth applies to live passes only
          precopy.bandwidth_window = p.bandwidth_window;
          return c;
        } else {
          models::precopy::SimgridPolicyConfig c;
          c.max_downtime = p.max_downtime;
          return c;
        }
      },
      spec);
}

mm::MigrationSettings migration_settings(const sc::HmcSpec& hmc) {
  mm::MigrationSettings s;
  s.precopy.switchover = hmc.precopy.mode == sc::MigrationMode::hybrid ? models::precopy::SwitchoverMode::hybrid
                                                                        : models::precopy::SwitchoverMode::pure_precopy;
  s.precopy.chunk = hmc.precopy.chunk_size;
  s.postcopy.chunk = hmc.precopy.chunk_size;
  s.precopy.state_bytes = hmc.precopy.device_state_size;
  s.stop_policy = stop_policy(hmc.stop_policy, s.precopy);
  s.protocol.validation_base = hmc.phase_times.validation;
  s.protocol.shell_creation = hmc.phase_times.preparation;
  s.protocol.profile_update = hmc.phase_times.completion;
  s.protocol.migration_timeout = hmc.timeouts.migration;
  s.protocol.suspend_timeout = hmc.timeouts.suspend;
  s.protocol.platform = hmc.platform.kind == sc::Platform::bare_hypervisor ? mm::Platform::bare_hypervisor
                                                                           : mm::Platform::powervm;
  s.protocol.bare_suspend_latency = hmc.platform.suspend_latency;
  s.protocol.bare_resume_latency = hmc.platform.resume_latency;
  s.precopy.switchover_rate = hmc.precopy.switchover_rate;
  s.precopy.switchover_cost = hmc.precopy.switchover_cost;
  s.precopy.live_rate_efficiency = hmc.precopy.live_rate_efficiency;
  s.convergence = hmc.convergence;
  return s;
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
          c.working_set_fraction = s.working_set_fraction * w.touched_fraction;  // of all memory
        } else if constexpr (std::is_same_v<S, sc::UniformDirtySpec>) {
          c.kind = mem::WorkloadKind::uniform;
          c.rate = pages_per_second(s.write_rate, page);
          c.working_set_fraction = s.working_set_fraction * w.touched_fraction;  // of all memory
        } else if constexpr (std::is_same_v<S, sc::HotColdDirtySpec>) {
          c.kind = mem::WorkloadKind::hot_cold;
          const double hot = pages_per_second(s.hot_write_rate, page);
          const double cold = pages_per_second(s.cold_write_rate, page);
          c.rate = hot + cold;
          c.hot_fraction = s.hot_fraction * w.touched_fraction;
          c.hot_write_share = c.rate > 0 ? hot / c.rate : 1.0;
        } else {
          c.kind = mem::WorkloadKind::zipf;
          c.rate = pages_per_second(s.write_rate, page);
          c.zipf_exponent = s.exponent;
          c.working_set_fraction = w.touched_fraction;
        }
      },
      d);
  return c;
}

bool same_shape(const mem::WorkloadConfig& a, const mem::WorkloadConfig& b) {
  return a.kind == b.kind && a.working_set_fraction == b.working_set_fraction && a.hot_fraction == b.hot_fraction &&
         a.hot_write_share == b.hot_write_share && a.zipf_exponent == b.zipf_exponent;
}

mem::WorkloadConfig workload(const sc::WorkloadSpec& w, sim::Bytes page, const std::filesystem::path& dir,
                             const std::string& pointer) {
  if (const auto* phases = std::get_if<sc::PhasesDirtySpec>(&w.dirty)) {
    // The memory model scales one workload's rate over time; phases may change the rate only.
    mem::WorkloadConfig base = steady(phases->phases.front().dirty, w, page);
    for (std::size_t i = 0; i < phases->phases.size(); ++i) {
      const mem::WorkloadConfig p = steady(phases->phases[i].dirty, w, page);
      if (!same_shape(base, p))
        fail("", 0, pointer + "/dirty/phases/" + std::to_string(i),
             "every phase must use the dirty model and shape of the first phase (only the rates may change)");
      base.phases.push_back({phases->phases[i].duration, base.rate > 0 ? p.rate / base.rate : 0.0});
    }
    base.phases_repeat = phases->repeat;
    return base;
  }
  if (const auto* trace = std::get_if<sc::TraceDirtySpec>(&w.dirty)) {
    mem::WorkloadConfig c;
    c.kind = mem::WorkloadKind::trace;
    c.trace = read_dirty_trace(dir, trace->file, pointer + "/dirty/file");
    return c;
  }
  sc::SteadyDirtySpec s;
  std::visit([&s](const auto& d) {
    using D = std::decay_t<decltype(d)>;
    if constexpr (!std::is_same_v<D, sc::PhasesDirtySpec> && !std::is_same_v<D, sc::TraceDirtySpec>) s = d;
  }, w.dirty);
  return steady(s, w, page);
}

// `-i source_msp_id` / `dest_msp_id` name the MSP by its VIOS partition id (the loader checked
// that it exists and is an MSP); the model selects MSPs by VIOS name.
std::optional<std::string> msp_by_id(const sc::ScenarioSpec& spec, const std::string& system, std::optional<std::int64_t> id) {
  if (!id) return std::nullopt;
  for (const auto& s : spec.managed_systems) {
    if (s.name != system) continue;
    for (const auto& v : s.vios) {
      if (v.id == *id) return v.name;
    }
  }
  return std::nullopt;
}

mm::MigrationRequest request(const sc::ScenarioSpec& spec, const sc::MigrlparSpec& m, const std::string& lpar) {
  mm::MigrationRequest r;
  switch (m.operation) {
    case sc::MigrlparOperation::m: r.operation = mm::MigrlparOperation::migrate; break;
    case sc::MigrlparOperation::v: r.operation = mm::MigrlparOperation::validate; break;
    case sc::MigrlparOperation::s: r.operation = mm::MigrlparOperation::stop; break;
    case sc::MigrlparOperation::r: r.operation = mm::MigrlparOperation::recover; break;
  }
  r.source_system = m.managed_system;
  r.destination_system = m.target_managed_system.value_or("");
  r.lpar = lpar;
  if (m.dest_lpar_id) r.dest_lpar_id = static_cast<int>(*m.dest_lpar_id);
  r.dest_profile = m.profile_name;
  r.source_msp = m.source_msp_name ? m.source_msp_name : msp_by_id(spec, m.managed_system, m.source_msp_id);
  r.dest_msp = m.dest_msp_name ? m.dest_msp_name : msp_by_id(spec, r.destination_system, m.dest_msp_id);
  r.redundant_msps = static_cast<mm::Requirement>(m.redundant_msps);
  r.npiv_disk_validation = m.npiv_validation == sc::NpivValidation::portdisk;
  r.force = m.force;
  return r;
}

// -p names, --id numbers and --all become one request per partition, in the order given
// (--all: the source system's partitions in id order).
std::vector<std::string> partitions_named(const sc::MigrlparSpec& m, const sc::ScenarioSpec& spec) {
  std::vector<std::string> names = m.lpar_names;
  for (const auto& s : spec.managed_systems) {
    if (s.name != m.managed_system) continue;
    for (const auto id : m.lpar_ids) {
      for (const auto& l : s.lpars) {
        if (l.id == id) names.push_back(l.name);
      }
    }
    if (m.all) {
      std::vector<const sc::LparSpec*> sorted;
      for (const auto& l : s.lpars) sorted.push_back(&l);
      std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
      for (const auto* l : sorted) names.push_back(l->name);
    }
  }
  return names;
}

mm::FaultPlan fault_plan(const sc::FaultSpec& f) {
  mm::FaultPlan p;
  switch (f.kind) {
    case sc::FaultKind::link_down: p.kind = mm::FaultKind::link_down; break;
    case sc::FaultKind::link_up: p.kind = mm::FaultKind::link_up; break;
    case sc::FaultKind::msp_crash: p.kind = mm::FaultKind::msp_crash; break;
    case sc::FaultKind::vios_crash: p.kind = mm::FaultKind::vios_crash; break;
    case sc::FaultKind::system_failure: p.kind = mm::FaultKind::system_failure; break;
    case sc::FaultKind::os_suspend_refusal: p.kind = mm::FaultKind::os_refuses_suspend; break;
    case sc::FaultKind::hmc_disconnect: p.kind = mm::FaultKind::hmc_disconnect; break;
    case sc::FaultKind::hmc_stop: p.kind = mm::FaultKind::hmc_stop; break;
  }
  p.target = f.target;
  if (f.at) p.at = sim::Time::zero() + *f.at;
  if (f.at_point) {
    static constexpr mm::MigrationState states[] = {
        mm::MigrationState::validating, mm::MigrationState::preparing, mm::MigrationState::precopy,
        mm::MigrationState::suspending, mm::MigrationState::suspended, mm::MigrationState::resumed,
        mm::MigrationState::completing};
    p.point = mm::ProtocolPoint{f.at_point->lpar, states[static_cast<int>(f.at_point->point)], 0};
    if (f.at_point->point == sc::ProtocolPoint::precopy) p.point->pass = static_cast<int>(f.at_point->pass);
  }
  p.repair_after = f.repair_after;
  return p;
}

}  // namespace

std::vector<mem::TraceSample> read_dirty_trace(const std::filesystem::path& scenario_dir, const std::string& file,
                                               const std::string& pointer) {
  std::vector<mem::TraceSample> samples;
  for (const auto& s : sc::read_dirty_trace_file(scenario_dir, file, pointer))
    samples.push_back({s.at, s.pages_per_second});
  return samples;
}

BuiltScenario build_settings(const sc::ScenarioSpec& spec, const mm::World& world, const std::filesystem::path& scenario_dir) {
  (void)world;
  BuiltScenario b;
  b.settings = migration_settings(spec.hmc);
  b.limits.max_per_pair = static_cast<int>(spec.hmc.limits.max_per_msp_pair);
  b.limits.max_per_pair_on_slow_links = static_cast<int>(spec.hmc.limits.max_on_slow_link);
  b.limits.slow_link_bits_per_second = spec.hmc.limits.slow_link_bandwidth.bits_per_second();
  for (std::size_t si = 0; si < spec.managed_systems.size(); ++si) {
    for (std::size_t li = 0; li < spec.managed_systems[si].lpars.size(); ++li) {
      const auto& l = spec.managed_systems[si].lpars[li];
      const std::string pointer = "/managed_systems/" + std::to_string(si) + "/lpars/" + std::to_string(li) + "/workload";
      mm::MemoryProfile p;
      p.memory.page_size = spec.hmc.precopy.tracking_granularity;
      p.memory.touched_fraction = l.workload.touched_fraction;
      p.memory.send_untouched = spec.hmc.precopy.send_untouched;
      p.memory.zero_page_fraction = l.workload.zero_page_fraction;
      p.memory.top_block = l.workload.top_block;
      p.memory.compression_ratio = 1.0 / l.workload.compression_ratio;  // spec: ≥ 1 reduction factor
      p.memory.page_header = spec.hmc.precopy.page_header;
      p.memory.zero_page_record = spec.hmc.precopy.zero_page_record;
      p.memory.representation = spec.simulation.memory_representation == sc::MemoryRepresentation::exact
                                     ? mem::Representation::exact
                                     : mem::Representation::expected;
      p.workload = workload(l.workload, p.memory.page_size, scenario_dir, pointer);
      b.profiles[l.name] = std::move(p);
    }
  }
  for (const auto& a : spec.actions) {
    for (const auto& name : partitions_named(a.migrlpar, spec)) {
      b.requests.push_back({a.at, request(spec, a.migrlpar, name)});
      b.requests.back().request.convergence = a.convergence;
    }
  }
  for (const auto& f : spec.faults) b.faults.push_back(fault_plan(f));
  for (const auto& t : spec.network.background_traffic) b.background.push_back({t.link, t.rate, t.start, t.stop});
  return b;
}

}  // namespace app::studies
