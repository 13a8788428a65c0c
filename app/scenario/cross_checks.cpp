#include "app/scenario/cross_checks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "app/scenario/input_file.hpp"

namespace app::scenario::detail {

namespace {

std::string at(const std::string& base, std::size_t i) { return base + "/" + std::to_string(i); }

// Remembers where each name was first defined, to report duplicates and suggest near misses.
class NameIndex {
 public:
  // Returns false (after reporting) when `name` was already defined.
  bool define(Context& ctx, const std::string& what, const std::string& name, const std::string& ptr) {
    const auto [it, fresh] = first_.emplace(name, ptr);
    if (!fresh) ctx.error(ptr, "duplicate " + what + " " + quote(name) + " (first defined at " + it->second + ")");
    else names_.push_back(name);
    return fresh;
  }
  bool contains(const std::string& name) const { return first_.count(name) != 0; }
  const std::string& where(const std::string& name) const { return first_.at(name); }
  void require(Context& ctx, const std::string& what, const std::string& name, const std::string& ptr) const {
    if (!name.empty() && !contains(name) && !ctx.full()) ctx.error(ptr, "unknown " + what + " " + quote(name), closest_match(name, names_));
  }

 private:
  std::map<std::string, std::string> first_;
  std::vector<std::string> names_;
};

struct Where {
  std::size_t system = 0;
  std::size_t index = 0;
};

class Checker {
 public:
  Checker(Context& ctx, const ScenarioSpec& spec) : ctx_(ctx), spec_(spec) {}

  void run() {
    index_world();
    for (std::size_t s = 0; s < spec_.managed_systems.size(); ++s) check_system(s);
    check_network();
    for (std::size_t i = 0; i < spec_.actions.size(); ++i) check_action(i);
    for (std::size_t i = 0; i < spec_.faults.size(); ++i) check_fault(i);
    check_outputs();
  }

 private:
  static std::string sys_ptr(std::size_t s) { return at("/managed_systems", s); }

  // Partition names are unique per managed system, as on the HMC (§3.4: a same-named partition
  // on the destination is the HMC's own check); VIOS names stay unique in the scenario, which
  // refers to them by name.
  void index_world() {
    for (std::size_t s = 0; s < spec_.managed_systems.size(); ++s) {
      const auto& sys = spec_.managed_systems[s];
      systems_.define(ctx_, "managed system name", sys.config.name, sys_ptr(s) + "/name");
      NameIndex partitions;
      for (std::size_t i = 0; i < sys.lpars.size(); ++i) {
        if (partitions.define(ctx_, "partition name", sys.lpars[i].config.name, at(sys_ptr(s) + "/lpars", i) + "/name") &&
            !lpars_.contains(sys.lpars[i].config.name)) {
          lpars_.define(ctx_, "LPAR", sys.lpars[i].config.name, at(sys_ptr(s) + "/lpars", i));
          lpar_at_[sys.lpars[i].config.name] = {s, i};
        }
      }
      for (std::size_t i = 0; i < sys.vios.size(); ++i) {
        const std::string ptr = at(sys_ptr(s) + "/vios", i) + "/name";
        if (partitions.define(ctx_, "partition name", sys.vios[i].config.partition.name, ptr) &&
            vios_.define(ctx_, "VIOS name", sys.vios[i].config.partition.name, ptr))
          vios_at_[sys.vios[i].config.partition.name] = {s, i};
      }
    }
    for (std::size_t i = 0; i < spec_.network.nodes.size(); ++i)
      nodes_.define(ctx_, "network node", spec_.network.nodes[i].name, at("/network/nodes", i) + "/name");
    for (std::size_t i = 0; i < spec_.network.links.size(); ++i)
      links_.define(ctx_, "link name", spec_.network.links[i].name, at("/network/links", i) + "/name");
  }

  void check_system(std::size_t s) {
    const auto& spec = spec_.managed_systems[s];
    const auto& sys = spec.config;
    const std::string ptr = sys_ptr(s);
    std::map<std::int64_t, std::string> ids;
    auto define_id = [&](std::int64_t id, const std::string& p) {
      const auto [it, fresh] = ids.emplace(id, p);
      if (!fresh) ctx_.error(p, "duplicate partition id " + std::to_string(id) + " on system " + quote(sys.name) + " (first defined at " + it->second + ")");
    };
    sim::Bytes memory_used;
    double processors_used = 0.0;
    for (std::size_t i = 0; i < spec.vios.size(); ++i) {
      const std::string vp = at(ptr + "/vios", i);
      const auto& vios = spec.vios[i].config;
      const auto& partition = vios.partition;
      define_id(partition.id, vp + "/id");
      check_lmb_multiple(sys, partition.memory_desired, vp + "/memory");
      memory_used += partition.memory_desired;
      processors_used += partition.processors.capacity().as_cores();
      check_msp(vios, vp);
      std::map<std::string, std::size_t> seas;
      for (std::size_t k = 0; k < vios.seas.size(); ++k) {
        const auto [first, fresh] = seas.emplace(vios.seas[k].name, k);
        if (!fresh)
          ctx_.error(at(vp + "/seas", k) + "/name", "duplicate SEA name " + quote(first->first) + " on VIOS " +
                                                        quote(partition.name) + " (first at " + at(vp + "/seas", first->second) + ")");
      }
    }
    std::map<std::string, std::map<std::int64_t, std::string>> vios_slots;
    for (std::size_t i = 0; i < spec.lpars.size(); ++i) {
      const auto& lpar = spec.lpars[i].config;
      const std::string lp = at(ptr + "/lpars", i);
      define_id(lpar.id, lp + "/id");
      const std::array<std::pair<const char*, sim::Bytes>, 3> memory{
          {{"min", lpar.memory_min}, {"desired", lpar.memory_desired}, {"max", lpar.memory_max}}};
      for (const auto& [key, bytes] : memory) check_lmb_multiple(sys, bytes, lp + "/memory/" + key);
      const std::array<std::pair<const char*, models::power::CompatMode>, 2> modes{
          {{"/current_compatibility_mode", lpar.current_compat_mode},
           {"/preferred_compatibility_mode", lpar.preferred_compat_mode}}};
      for (const auto& [key, mode] : modes) {
        const bool ok = mode == models::power::CompatMode::default_mode ||
                        std::find(sys.compat_modes.begin(), sys.compat_modes.end(), mode) != sys.compat_modes.end();
        if (!ok) ctx_.error(lp + key, "compatibility mode " + quote(scenario::to_string(mode)) + " is not supported by system " + quote(sys.name));
      }
      if (lpar.state == models::power::LparState::running) {
        memory_used += lpar.memory_desired;
        processors_used += lpar.processors.capacity().as_cores();
      }
      for (std::size_t a = 0; a < spec.lpars[i].virtual_adapters.size(); ++a)
        check_adapter(s, spec.lpars[i].virtual_adapters[a], at(lp + "/virtual_adapters", a), vios_slots);
      lpar_ids_.insert({sys.name, lpar.id});
    }
    if (memory_used > sys.installed_memory)
      ctx_.error(ptr + "/memory", "running partitions need " + sim::format_bytes(memory_used) + " (desired memory of LPARs and VIOS) but system " +
                                      quote(sys.name) + " has " + sim::format_bytes(sys.installed_memory));
    if (processors_used > static_cast<double>(sys.installed_processors) + 1e-9)
      ctx_.error(ptr + "/processors", "running partitions need " + shortest_number(processors_used) + " processors but system " +
                                          quote(sys.name) + " has " + std::to_string(sys.installed_processors));
  }

  void check_lmb_multiple(const models::power::ManagedSystemConfig& sys, sim::Bytes b, const std::string& p) {
    if (sys.lmb_size.count() > 0 && b.count() > 0 && b.count() % sys.lmb_size.count() != 0)
      ctx_.error(p, "expected a multiple of the LMB size " + sim::format_bytes(sys.lmb_size) + " of system " + quote(sys.name) +
                        "; found " + quote(sim::format_bytes(b)));
  }

  void check_msp(const models::power::ViosConfig& v, const std::string& vp) {
    if (!v.msp) return;
    const std::string p = vp + "/msp/interface";
    const auto& name = v.msp_config.ip_interface;
    nodes_.require(ctx_, "network node", name, p);
    if (switches_.empty())
      for (const auto& node : spec_.network.nodes)
        if (node.kind != models::network::NodeKind::msp_interface) switches_.insert(node.name);
    if (switches_.count(name) != 0) ctx_.error(p, "network node " + quote(name) + " is a switch, not an msp_interface");
    const auto [it, fresh] = msp_interfaces_.emplace(name, p);
    if (!fresh) ctx_.error(p, "network node " + quote(name) + " is already the interface of another MSP (" + it->second + ")");
  }

  void check_adapter(std::size_t s, const VirtualAdapterSpec& a, const std::string& ap,
                     std::map<std::string, std::map<std::int64_t, std::string>>& slots) {
    if (!a.vios) return;
    const auto& sys = spec_.managed_systems[s];
    const auto it = vios_at_.find(*a.vios);
    if (it == vios_at_.end() || it->second.system != s) {
      std::vector<std::string> here;
      for (const auto& v : sys.vios) here.push_back(v.config.partition.name);
      std::string message = "unknown VIOS " + quote(*a.vios) + " on system " + quote(sys.config.name);
      if (it != vios_at_.end()) {
        ctx_.error(ap + "/vios", message + " (it is on system " + quote(spec_.managed_systems[it->second.system].config.name) + ")");
        return;
      }
      ctx_.error(ap + "/vios", message, closest_match(*a.vios, here));
      return;
    }
    const auto& spec = sys.vios[it->second.index];
    const auto& vios = spec.config;
    const std::string& vios_name = vios.partition.name;
    if (a.vios_slot) {
      const std::string p = ap + "/vios_slot";
      const auto [slot, fresh] = slots[vios_name].emplace(*a.vios_slot, ap);
      if (!fresh) ctx_.error(p, "VIOS slot " + std::to_string(*a.vios_slot) + " of " + quote(vios_name) + " is already used by " + slot->second);
      else if (*a.vios_slot >= vios.max_virtual_slots)
        ctx_.error(p, "VIOS slot " + std::to_string(*a.vios_slot) + " is not below max_virtual_slots " + std::to_string(vios.max_virtual_slots) + " of " + quote(vios_name));
    }
    const auto luns = a.luns.value_or(std::vector<std::string>{});
    for (std::size_t l = 0; l < luns.size(); ++l)
      if (std::find(vios.visible_luns.begin(), vios.visible_luns.end(), luns[l]) == vios.visible_luns.end())
        ctx_.error(at(ap + "/luns", l), "LUN " + quote(luns[l]) + " is not visible to VIOS " + quote(vios_name), closest_match(luns[l], vios.visible_luns));
    if (a.type == VirtualAdapterType::vfc && a.physical_port &&
        std::find(spec.fc_ports.begin(), spec.fc_ports.end(), *a.physical_port) == spec.fc_ports.end())
      ctx_.error(ap + "/physical_port", "FC port " + quote(*a.physical_port) + " is not one of the fc_ports of VIOS " + quote(vios_name),
                 closest_match(*a.physical_port, spec.fc_ports));
    const auto wwpns = a.wwpns.value_or(std::vector<std::string>{});
    for (std::size_t w = 0; w < wwpns.size(); ++w) {
      const auto [first, fresh] = wwpns_.emplace(wwpns[w], at(ap + "/wwpns", w));
      if (!fresh) ctx_.error(at(ap + "/wwpns", w), "duplicate WWPN " + quote(wwpns[w]) + " (first at " + first->second + ")");
    }
  }

  // Simulated time is int64 nanoseconds (±292 years): a rate so low that moving the partitions'
  // memory would take longer than kMaxTransferSeconds cannot be simulated, and is refused here
  // rather than overflowing the clock.
  static constexpr double kMaxTransferSeconds = 1e9;  // ≈ 31.7 years

  double total_memory_bytes() const {
    double total = 0;
    for (const auto& sys : spec_.managed_systems)
      for (const auto& l : sys.lpars) total += l.config.memory_desired.as_double();
    return total;
  }

  // `memory`: total_memory_bytes(), summed once by check_network (per rate it made validating
  // a data centre quadratic in its size).
  void check_rate(double bytes_per_second, double memory, const std::string& p, const std::string& what) {
    if (memory <= 0 || bytes_per_second * kMaxTransferSeconds >= memory) return;
    ctx_.error(p, what + " " + quote(sim::format_rate(sim::BytesPerSecond(bytes_per_second))) +
                      " is too slow to simulate: moving the partitions' " + sim::format_bytes(sim::Bytes(static_cast<std::int64_t>(memory))) +
                      " would take longer than 1e9 s; expected at least " +
                      sim::format_rate(sim::BytesPerSecond(std::ceil(memory / kMaxTransferSeconds))));
  }

  void check_network() {
    const double memory = total_memory_bytes();
    for (std::size_t i = 0; i < spec_.managed_systems.size(); ++i)
      for (std::size_t v = 0; v < spec_.managed_systems[i].vios.size(); ++v)
        if (const auto& vios = spec_.managed_systems[i].vios[v].config; vios.msp)
          check_rate(vios.msp_config.rate_per_cpu.value(), memory, at(sys_ptr(i) + "/vios", v) + "/msp/throughput_per_cpu", "MSP throughput");
    for (std::size_t i = 0; i < spec_.network.links.size(); ++i) {
      const auto& l = spec_.network.links[i];
      check_rate(l.config.bandwidth.value(), memory, at("/network/links", i) + "/bandwidth", "link bandwidth");
      nodes_.require(ctx_, "network node", l.a, at("/network/links", i) + "/a");
      nodes_.require(ctx_, "network node", l.b, at("/network/links", i) + "/b");
    }
    for (std::size_t i = 0; i < spec_.network.background_traffic.size(); ++i)
      links_.require(ctx_, "link", spec_.network.background_traffic[i].link, at("/network/background_traffic", i) + "/link");
  }

  void check_time(sim::Duration t, const std::string& p) {
    if (t >= spec_.simulation.end_time)
      ctx_.error(p, "time " + sim::format_duration(t) + " is not before simulation.end_time " + sim::format_duration(spec_.simulation.end_time));
  }

  void check_msp_name(const std::optional<std::string>& name, const std::string& system, const std::string& p) {
    if (!name) return;
    const auto it = vios_at_.find(*name);
    if (it == vios_at_.end()) {
      vios_.require(ctx_, "MSP", *name, p);
      return;
    }
    const auto& sys = spec_.managed_systems[it->second.system];
    if (!sys.vios[it->second.index].config.msp) ctx_.error(p, "VIOS " + quote(*name) + " is not a mover service partition (no \"msp\")");
    else if (sys.config.name != system) ctx_.error(p, "MSP " + quote(*name) + " is on system " + quote(sys.config.name) + ", not " + quote(system));
  }

  void check_action(std::size_t i) {
    const auto& m = spec_.actions[i].migrlpar;
    const std::string p = at("/actions", i);
    const std::string mp = p + "/migrlpar";
    check_time(spec_.actions[i].at, p + "/at");
    systems_.require(ctx_, "managed system", m.managed_system, mp);
    if (m.target_managed_system) systems_.require(ctx_, "managed system", *m.target_managed_system, mp);
    // A VIOS named with -p reaches the HMC, whose own check refuses it (LPMSIM-V020).
    for (const auto& name : m.lpar_names) {
      if (!vios_.contains(name)) lpars_.require(ctx_, "LPAR", name, mp);
    }
    for (const auto id : m.lpar_ids) {
      const bool found = lpar_ids_.count({m.managed_system, id}) != 0;
      if (!found && systems_.contains(m.managed_system))
        ctx_.error(mp, "no LPAR with id " + std::to_string(id) + " on system " + quote(m.managed_system));
    }
    check_msp_name(m.source_msp_name, m.managed_system, mp);
    if (m.target_managed_system) check_msp_name(m.dest_msp_name, *m.target_managed_system, mp);
    check_msp_id(m.source_msp_id, "source_msp_id", m.managed_system, mp);
    if (m.target_managed_system) check_msp_id(m.dest_msp_id, "dest_msp_id", *m.target_managed_system, mp);
  }

  // -i source_msp_id / dest_msp_id: the partition id of an MSP VIOS on that system.
  void check_msp_id(const std::optional<std::int64_t>& id, const char* key, const std::string& system, const std::string& p) {
    if (!id) return;
    for (const auto& sys : spec_.managed_systems) {
      if (sys.config.name != system) continue;
      for (const auto& spec : sys.vios) {
        const auto& v = spec.config;
        if (v.partition.id != *id) continue;
        if (!v.msp) ctx_.error(p, std::string("migrlpar: -i ") + key + "=" + std::to_string(*id) + " is VIOS " + quote(v.partition.name) +
                                      ", not a mover service partition (no \"msp\")");
        return;
      }
      ctx_.error(p, std::string("migrlpar: -i ") + key + "=" + std::to_string(*id) + ": no VIOS with that id on system " +
                        quote(system));
    }
  }

  // The naming rule of fault targets (shared with the injector and the report): a managed
  // system, a link or the HMC ("hmc") by name; a VIOS, MSP or LPAR by "system/name", or by its
  // bare name when that is unique in the scenario.
  std::optional<Where> partition_target(const std::string& target, const NameIndex& names,
                                        const std::map<std::string, Where>& at, const std::string& what,
                                        const std::string& ptr) {
    const auto slash = target.find('/');
    const std::string name = slash == std::string::npos ? target : target.substr(slash + 1);
    if (slash != std::string::npos) {
      const std::string system = target.substr(0, slash);
      if (!systems_.contains(system)) {
        systems_.require(ctx_, "managed system", system, ptr);
        return std::nullopt;
      }
      for (std::size_t s = 0; s < spec_.managed_systems.size(); ++s) {
        const auto& sys = spec_.managed_systems[s];
        if (sys.config.name != system) continue;
        const bool is_lpar = &at == &lpar_at_;
        const std::size_t n = is_lpar ? sys.lpars.size() : sys.vios.size();
        for (std::size_t i = 0; i < n; ++i) {
          if ((is_lpar ? sys.lpars[i].config.name : sys.vios[i].config.partition.name) == name) return Where{s, i};
        }
      }
      ctx_.error(ptr, "unknown " + what + " " + quote(name) + " on managed system " + quote(system));
      return std::nullopt;
    }
    if (!names.contains(name)) {
      names.require(ctx_, what, name, ptr);
      return std::nullopt;
    }
    return at.at(name);
  }

  void check_fault(std::size_t i) {
    const auto& f = spec_.faults[i];
    const std::string p = at("/faults", i);
    if (f.at) check_time(*f.at, p + "/at");
    if (f.at_point) lpars_.require(ctx_, "LPAR", f.at_point->lpar, p + "/at_point/lpar");
    const std::string tp = p + "/target";
    using K = models::migration::FaultKind;
    switch (f.kind) {
      case K::link_down:
      case K::link_up: links_.require(ctx_, "link", f.target, tp); break;
      case K::vios_crash: (void)partition_target(f.target, vios_, vios_at_, "VIOS", tp); break;
      case K::msp_crash:
        if (const auto w = partition_target(f.target, vios_, vios_at_, "MSP", tp);
            w && !spec_.managed_systems[w->system].vios[w->index].config.msp)
          ctx_.error(tp, "VIOS " + quote(f.target) + " is not a mover service partition (no \"msp\")");
        break;
      case K::system_failure: systems_.require(ctx_, "managed system", f.target, tp); break;
      case K::os_refuses_suspend:
      case K::hmc_stop: (void)partition_target(f.target, lpars_, lpar_at_, "LPAR", tp); break;
      case K::hmc_disconnect:
        if (f.target != "hmc") ctx_.error(tp, "expected \"hmc\" (the HMC that orchestrates); found " + quote(f.target));
        break;
      case K::hmc_recover: break;  // not a file word: a file asks `migrlpar -o r`
    }
  }

  // simulation.outputs: written by `lpmsim run`, so a scenario may only name files in its own folder.
  void check_outputs() {
    const auto& o = spec_.simulation.outputs;
    const std::array<std::pair<const char*, const std::string*>, 3> files{
        {{"report", &o.report}, {"trace", &o.trace}, {"html", &o.html}}};
    for (const auto& [key, file] : files) {
      const auto problem = scenario_output_problem(ctx_.base_dir(), *file);
      if (!problem.empty()) ctx_.error(std::string("/simulation/outputs/") + key, quote(*file) + ": " + problem);
    }
  }

  Context& ctx_;
  const ScenarioSpec& spec_;
  std::set<std::pair<std::string, std::int64_t>> lpar_ids_;
  std::set<std::string> switches_;
  NameIndex systems_, lpars_, vios_, nodes_, links_;
  std::map<std::string, Where> lpar_at_, vios_at_;
  std::map<std::string, std::string> msp_interfaces_, wwpns_;
};

}  // namespace

void check_references(Context& ctx, const ScenarioSpec& spec) { Checker(ctx, spec).run(); }

}  // namespace app::scenario::detail
