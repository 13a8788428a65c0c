// Writing the scenario: systems (lssyscfg -r sys, lshwres --level sys, lslparmigr -r sys), their
// partitions (lssyscfg -r lpar with lshwres mem/proc/virtualio --level lpar), MSPs and the network
// between them (assumed), a validation request per system (assumed), and what had to be assumed.
#include "app/hmc_import/estate_import.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>

#include "app/hmc_import/scenario_builder.hpp"

namespace app::hmc_import {

namespace {

using detail::Fields;
using detail::PartitionData;
using detail::ScenarioBuilder;
using detail::SystemData;
using json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 7> kModes{"default", "power7", "power8", "power9_base",
                                                 "power9",  "power10", "power11"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "POWER9_base" → "power9_base"; nullopt for a mode lpmsim does not model (POWER6, POWER7+ …).
std::optional<std::string> compat_mode(std::string_view hmc) {
  const std::string m = lower(hmc);
  if (std::find(kModes.begin(), kModes.end(), m) != kModes.end()) return m;
  return std::nullopt;
}

json system_modes(ScenarioBuilder& b, const SystemData& s, const std::string& ptr) {
  json modes = json::array();
  if (s.config) {
    Fields f(*s.config, HmcCommand::lssyscfg_sys, b.problems);
    for (const auto& m : f.list("lpar_proc_compat_modes")) {
      if (auto mode = compat_mode(m)) modes.push_back(*mode);
      else f.warning("lpar_proc_compat_modes", "mode " + in_quotes(m) + " is not modelled by lpmsim; left out");
    }
  }
  if (modes.empty()) {
    modes = json::array({"default", "power8", "power9_base", "power9", "power10"});
    b.assume(ptr + "/compatibility_modes", "default … power10",
             "no lpar_proc_compat_modes from lssyscfg -r sys", s.name);
  }
  return modes;
}

std::string generation_of(const json& modes) {
  std::string best = "power10";
  int rank = -1;
  for (const auto& m : modes) {
    const std::string mode = m.get<std::string>();
    const std::string gen = mode == "power9_base" ? "power9" : mode;
    static constexpr std::array<std::string_view, 4> kGens{"power8", "power9", "power10", "power11"};
    const auto it = std::find(kGens.begin(), kGens.end(), gen);
    if (it != kGens.end() && it - kGens.begin() > rank) {
      rank = static_cast<int>(it - kGens.begin());
      best = gen;
    }
  }
  return best;
}

// Memory (MB) and processing units a partition uses, for sizing a system the listings do not size.
struct Usage {
  std::int64_t memory_mb = 0;
  double processors = 0;
};

json partition_memory(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr,
                      bool running, Usage& usage) {
  json m;
  if (!p.memory) {
    m = {{"min", "1GiB"}, {"desired", "4GiB"}, {"max", "8GiB"}};
    b.assume(ptr + "/memory", "min 1GiB, desired 4GiB, max 8GiB",
             "no lshwres -r mem --level lpar line for the partition", p.name);
    if (running) usage.memory_mb += 4096;
    return m;
  }
  Fields f(*p.memory, HmcCommand::lshwres_mem_lpar, b.problems);
  if (const std::string* mode = f.text("mem_mode", false); mode && *mode == "shared")
    f.warning("mem_mode", "shared memory (AMS) is not modelled; imported as dedicated memory");
  const auto cur = f.integer("curr_mem", 0, 1LL << 40, "megabytes");
  const bool pending = !running || (cur && *cur == 0);
  const char* prefix = pending ? "pend_" : "curr_";
  if (!pending && !cur) return m;  // curr_mem already reported
  const auto lo = f.integer(std::string(prefix) + "min_mem", 1, 1LL << 40, "megabytes");
  const auto mid = pending ? f.integer("pend_mem", 1, 1LL << 40, "megabytes") : cur;
  const auto hi = f.integer(std::string(prefix) + "max_mem", 1, 1LL << 40, "megabytes");
  if (lo && mid && hi) {
    m = {{"min", detail::megabytes(*lo)}, {"desired", detail::megabytes(*mid)},
         {"max", detail::megabytes(*hi)}};
    if (running) usage.memory_mb += *mid;
  }
  return m;
}

json partition_processors(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr,
                          bool running, Usage& usage) {
  if (!p.processors) {
    b.assume(ptr + "/processors", "shared, 1.0 processing unit, 1 virtual processor",
             "no lshwres -r proc --level lpar line for the partition", p.name);
    if (running) usage.processors += 1;
    return {{"mode", "shared"}, {"desired", 1.0}, {"virtual_processors", 1}};
  }
  Fields f(*p.processors, HmcCommand::lshwres_proc_lpar, b.problems);
  const std::string prefix = running ? "curr_" : "pend_";
  const std::string* mode = f.text(prefix + "proc_mode", running);
  const bool shared = !mode || *mode == "shared";
  if (mode && *mode != "shared" && *mode != "ded")
    f.error(prefix + "proc_mode", "expected shared or ded; found " + in_quotes(*mode));
  json out;
  out["mode"] = shared ? "shared" : "dedicated";
  const auto procs = f.integer(prefix + "procs", 1, 4096, "a number of processors in [1, 4096]");
  if (shared) {
    const auto units = f.number(prefix + "proc_units", 0.05, 4096, "processing units in [0.05, 4096]");
    if (units) out["desired"] = *units;
    if (procs) out["virtual_processors"] = *procs;
    if (running && units) usage.processors += *units;
  } else if (procs) {
    out["desired"] = static_cast<double>(*procs);
    if (running) usage.processors += static_cast<double>(*procs);
  }
  return out;
}

// aixlinux partitions: the OS from os_version ("AIX 7.3 …", "Linux/Red Hat …").
std::string partition_os(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr) {
  if (p.env == "os400") return "ibmi";
  const std::string* v = p.config->find("os_version");
  if (v && lower(*v).starts_with("linux")) return "linux";
  if (v && lower(*v).starts_with("aix")) return "aix";
  b.assume(ptr + "/os", "\"aix\"", "os_version does not say AIX or Linux (partition not running?)",
           p.name);
  return "aix";
}

bool partition_running(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr) {
  Fields f(*p.config, HmcCommand::lssyscfg_lpar, b.problems);
  const std::string* state = f.text("state");
  if (!state || *state == "Running" || *state == "Migrating - Running") return true;
  if (*state == "Not Activated" || *state == "Migrating - Not Activated") return false;
  b.assume(ptr + "/state", "\"running\"", "the HMC state is neither Running nor Not Activated",
           p.name + " (" + *state + ")");
  return true;
}

void common_partition_keys(ScenarioBuilder& b, const PartitionData& p, json& out) {
  Fields f(*p.config, HmcCommand::lssyscfg_lpar, b.problems);
  if (const std::string* rmc = f.text("rmc_state", false)) out["rmc_active"] = *rmc == "active";
  if (const std::string* d = f.text("migration_disabled", false); d && *d == "1")
    f.warning("migration_disabled", "the HMC refuses to migrate " + p.name + " (not modelled)");
}

std::int64_t max_slots(ScenarioBuilder& b, const PartitionData& p, const json& used,
                       std::int64_t lpmsim_default, const std::string& ptr) {
  if (p.slots) {
    Fields f(*p.slots, HmcCommand::lshwres_slot, b.problems);
    if (auto v = f.integer("curr_max_virtual_slots", 2, 65535, "a slot count in [2, 65535]")) return *v;
  }
  std::int64_t highest = 0;
  for (const auto& a : used) highest = std::max(highest, a.value("client_slot", std::int64_t{0}));
  if (highest < lpmsim_default) return 0;  // lpmsim's default is enough: not written
  const std::int64_t v = ((highest + 1 + 9) / 10) * 10;
  b.assume(ptr + "/max_virtual_slots", std::to_string(v),
           "no lshwres -r virtualio --rsubtype slot line; room for the highest slot used", p.name);
  return v;
}

json client_lpar(ScenarioBuilder& b, SystemData& s, const PartitionData& p, const std::string& ptr,
                 Usage& usage, std::vector<std::string>& luns) {
  json out;
  out["id"] = p.id;
  out["name"] = p.name;
  out["os"] = partition_os(b, p, ptr);
  const bool running = partition_running(b, p, ptr);
  out["state"] = running ? "running" : "not_activated";
  out["memory"] = partition_memory(b, p, ptr, running, usage);
  out["processors"] = partition_processors(b, p, ptr, running, usage);
  Fields f(*p.config, HmcCommand::lssyscfg_lpar, b.problems);
  for (const auto& [attr, key] : {std::pair{"curr_lpar_proc_compat_mode", "current_compatibility_mode"},
                                  std::pair{"desired_lpar_proc_compat_mode", "preferred_compatibility_mode"}})
    if (const std::string* m = f.text(attr, false)) {
      if (auto mode = compat_mode(*m)) out[key] = *mode;
      else f.warning(attr, "mode " + in_quotes(*m) + " is not modelled by lpmsim; lpmsim's default applies");
    }
  if (p.memory) {
    Fields mf(*p.memory, HmcCommand::lshwres_mem_lpar, b.problems);
    if (auto h = mf.integer("curr_num_huge_pages", 0, 1 << 20, "a page count", false); h && *h > 0)
      out["huge_pages"] = *h;
  }
  common_partition_keys(b, p, out);
  if (p.env == "os400") {
    out["restricted_io"] = true;
    b.assume(ptr + "/restricted_io", "true",
             "IBM i must be in restricted I/O mode to migrate; the listings do not show it", p.name);
  }
  if (const std::string* r = f.text("redundant_err_path_reporting", false))
    out["redundant_error_path_reporting"] = *r == "1";
  json adapters = detail::client_adapters(b, s, p, luns);
  if (const auto slots = max_slots(b, p, adapters, 32, ptr)) out["max_virtual_slots"] = slots;
  out["virtual_adapters"] = std::move(adapters);
  out["workload"] = {{"touched_fraction", 0.8},
                     {"dirty",
                      {{"model", "hot_cold"},
                       {"hot_fraction", 0.05},
                       {"hot_write_rate", "20000pages/s"},
                       {"cold_write_rate", "500pages/s"}}}};
  b.assume("/managed_systems/*/lpars/*/workload",
           "hot_cold: 80% touched, 5% hot at 20000 pages/s, cold 500 pages/s",
           "the HMC knows nothing of how a partition writes memory; fit it with lpmsim calibrate",
           p.name);
  return out;
}

std::vector<std::string> split_commas(const std::string* text) {
  std::vector<std::string> out;
  if (!text || text->empty() || *text == "none") return out;
  for (std::size_t start = 0;;) {
    const auto comma = text->find(',', start);
    out.push_back(text->substr(start, comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

// msp=1 in lssyscfg -r lpar, or named by lslparmigr -r msp on either side of a pair.
bool is_msp(const SystemData& s, const PartitionData& v, const detail::Estate& e) {
  if (const std::string* m = v.config->find("msp"); m && *m == "1") return true;
  for (const auto& sys : e.systems)
    for (const auto& pair : sys.msp_pairs) {
      const std::string* src = pair.record->find("source_msp_name");
      if (sys.name == s.name && src && *src == v.name) return true;
      const auto dests = split_commas(pair.record->find("dest_msp_names"));
      if (pair.target == s.name && std::find(dests.begin(), dests.end(), v.name) != dests.end())
        return true;
    }
  return false;
}

json vios_entry(ScenarioBuilder& b, const SystemData& s, const PartitionData& v,
                const detail::Estate& e, const std::string& ptr, Usage& usage,
                std::vector<std::string>& msp_interfaces) {
  json out;
  out["id"] = v.id;
  out["name"] = v.name;
  const bool running = partition_running(b, v, ptr);
  const json memory = partition_memory(b, v, ptr, running, usage);
  if (memory.contains("desired")) out["memory"] = memory["desired"];
  const json procs = partition_processors(b, v, ptr, running, usage);
  if (procs.contains("desired")) out["processors"] = procs["desired"];
  std::int64_t highest = 0;
  for (const auto* list : {&v.scsi, &v.fc, &v.eth})
    for (const HmcRecord* r : *list)
      if (const std::string* slot = r->find("slot_num")) highest = std::max<std::int64_t>(highest, std::atoll(slot->c_str()));
  const json used = json::array({{{"client_slot", highest}}});
  if (const auto slots = max_slots(b, v, used, 200, ptr)) out["max_virtual_slots"] = slots;
  common_partition_keys(b, v, out);
  out["fc_ports"] = json::array({"fcs0"});
  b.assume("/managed_systems/*/vios/*/fc_ports", "[\"fcs0\"] (NPIV capable)",
           "the HMC does not list a VIOS's physical FC ports (lsnports on the VIOS does)", v.name);
  out["luns"] = json::array();  // filled once every LUN is known
  out["seas"] = detail::vios_seas(b, v);
  if (is_msp(s, v, e)) {
    const std::string node = v.name + "-msp";
    out["msp"] = {{"interface", node}};
    msp_interfaces.push_back(node);
  }
  return out;
}

constexpr std::array kPerSystem{
    std::pair{HmcCommand::lssyscfg_lpar, "no partitions imported"},
    std::pair{HmcCommand::lshwres_mem_sys, "memory and LMB size assumed"},
    std::pair{HmcCommand::lshwres_mem_lpar, "partition memory assumed"},
    std::pair{HmcCommand::lshwres_proc_sys, "processors assumed"},
    std::pair{HmcCommand::lshwres_proc_lpar, "partition processors assumed"},
    std::pair{HmcCommand::lshwres_scsi, "no vSCSI adapters imported"},
    std::pair{HmcCommand::lshwres_fc, "no vFC adapters imported"},
    std::pair{HmcCommand::lshwres_eth, "no virtual Ethernet adapters or SEAs imported"},
    std::pair{HmcCommand::lslparmigr_sys, "lpmsim's migration limits and capabilities apply"},
};

void list_missing(const SystemData& s, std::vector<std::string>& missing) {
  if (!s.config)
    missing.push_back("lssyscfg -r sys (system " + s.name +
                      "): type-model and compatibility modes assumed");
  for (const auto& [command, cost] : kPerSystem)
    if (!s.has(command)) {
      std::string text(command_text(command));
      const auto at = text.find(' ', text.find(" -r ") + 4);
      text.insert(at == std::string::npos ? text.size() : at, " -m " + s.name);
      missing.push_back(text + ": " + cost);
    }
}

void system_sizes(ScenarioBuilder& b, const SystemData& s, const std::string& ptr,
                  const Usage& usage, json& out) {
  std::optional<std::int64_t> memory, lmb, procs;
  if (s.memory) {
    Fields f(*s.memory, HmcCommand::lshwres_mem_sys, b.problems);
    memory = f.integer(s.memory->find("configurable_sys_mem") ? "configurable_sys_mem" : "installed_sys_mem",
                       1, 1LL << 40, "megabytes");
    lmb = f.integer("mem_region_size", 1, 1 << 20, "megabytes (the LMB size)");
  }
  if (s.processors) {
    Fields f(*s.processors, HmcCommand::lshwres_proc_sys, b.problems);
    const char* attr = s.processors->find("configurable_sys_proc_units") ? "configurable_sys_proc_units"
                                                                         : "installed_sys_proc_units";
    if (auto v = f.number(attr, 1, 4096, "processor units in [1, 4096]")) procs = static_cast<std::int64_t>(std::ceil(*v));
  }
  if (!lmb) {
    lmb = 256;
    b.assume(ptr + "/lmb_size", "\"256MiB\"", "no lshwres -r mem --level sys", s.name);
  }
  if (!memory) {
    memory = ((usage.memory_mb * 2 + *lmb - 1) / *lmb) * *lmb;
    if (*memory == 0) memory = 64 * 1024;
    b.assume(ptr + "/memory", "twice what its running partitions use", "no lshwres -r mem --level sys", s.name);
  }
  if (!procs) {
    procs = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(usage.processors * 2)));
    b.assume(ptr + "/processors", "twice what its running partitions use", "no lshwres -r proc --level sys", s.name);
  }
  out["memory"] = detail::megabytes(*memory);
  out["processors"] = *procs;
  out["lmb_size"] = detail::megabytes(*lmb);
}

void migration_limits(ScenarioBuilder& b, const SystemData& s, json& out) {
  const auto capable = [&](const HmcRecord* r, HmcCommand c, const char* attr, const char* key) {
    if (!r || !r->find(attr)) return;
    Fields f(*r, c, b.problems);
    if (auto v = f.integer(attr, 0, 1, "0 or 1")) out[key] = *v == 1;
  };
  capable(s.config, HmcCommand::lssyscfg_sys, "active_lpar_mobility_capable", "active_lpm_capable");
  capable(s.config, HmcCommand::lssyscfg_sys, "inactive_lpar_mobility_capable", "inactive_lpm_capable");
  capable(s.migration, HmcCommand::lslparmigr_sys, "active_lpar_mobility_capable", "active_lpm_capable");
  capable(s.migration, HmcCommand::lslparmigr_sys, "inactive_lpar_mobility_capable", "inactive_lpm_capable");
  if (!s.migration) return;
  Fields f(*s.migration, HmcCommand::lslparmigr_sys, b.problems);
  for (const auto& [attr, key] : {std::pair{"num_active_migrations_supported", "max_active_migrations"},
                                  std::pair{"num_inactive_migrations_supported", "max_inactive_migrations"}})
    if (auto v = f.integer(attr, 0, 100000, "a count", false)) {
      if (*v > 64 || *v < 1) f.warning(attr, fmt::format("{} is outside lpmsim's range [1, 64]; {} used", *v, std::clamp<std::int64_t>(*v, 1, 64)));
      out[key] = std::clamp<std::int64_t>(*v, 1, 64);
    }
  for (const char* attr : {"num_active_migrations_in_progress", "num_inactive_migrations_in_progress"})
    if (auto v = f.integer(attr, 0, 100000, "a count", false); v && *v > 0)
      f.warning(attr, "migrations were in progress when listed; the scenario starts with none");
}

json system_entry(ScenarioBuilder& b, SystemData& s, const detail::Estate& e, std::size_t index,
                  std::vector<std::string>& luns, std::vector<std::string>& msp_interfaces) {
  const std::string ptr = "/managed_systems/" + std::to_string(index);
  json out;
  out["name"] = s.name;
  if (s.config)
    if (const std::string* tm = s.config->find("type_model")) out["machine_type_model"] = *tm;
  if (s.config)
    if (const std::string* st = s.config->find("state"); st && *st != "Operating")
      b.problems.warning(s.config->where(), "lssyscfg -r sys", "attribute state: " + s.name + " is " + in_quotes(*st) + ", not Operating; imported as operating");
  const json modes = system_modes(b, s, ptr);
  out["processor_generation"] = generation_of(modes);
  out["compatibility_modes"] = modes;
  Usage usage;
  json lpars = json::array(), vios = json::array();
  for (const auto& p : s.partitions) {
    if (p.is_vios())
      vios.push_back(vios_entry(b, s, p, e, ptr + "/vios/" + std::to_string(vios.size()), usage, msp_interfaces));
    else
      lpars.push_back(client_lpar(b, s, p, ptr + "/lpars/" + std::to_string(lpars.size()), usage, luns));
  }
  system_sizes(b, s, ptr, usage, out);
  out["firmware_level"] = "FW1050";
  b.assume("/managed_systems/*/firmware_level", "\"FW1050\"",
           "the listings do not show the firmware level (lslic -t sys does); it decides which pairs may migrate",
           s.name);
  migration_limits(b, s, out);
  out["lpars"] = std::move(lpars);
  out["vios"] = std::move(vios);
  return out;
}

// One switch joining every MSP interface: the listings say nothing of the LPM network.
json network(ScenarioBuilder& b, const std::vector<std::string>& interfaces) {
  json nodes = json::array(), links = json::array();
  for (const auto& i : interfaces) nodes.push_back({{"name", i}, {"kind", "msp_interface"}});
  if (!interfaces.empty()) nodes.push_back({{"name", "lpm-switch"}, {"kind", "switch"}});
  for (const auto& i : interfaces)
    links.push_back({{"name", i + "-link"}, {"a", i}, {"b", "lpm-switch"}, {"bandwidth", "10Gbit/s"},
                     {"latency", "50us"}, {"mtu", 1500}});
  if (!interfaces.empty())
    b.assume("/network/links/*", "each MSP interface on one switch \"lpm-switch\" at 10Gbit/s, 50us, MTU 1500",
             "the HMC does not describe the network between MSPs; set bandwidth, latency and mtu per link");
  return {{"nodes", std::move(nodes)}, {"links", std::move(links)}};
}

// A validation (-o v) of every running client partition towards the next system with an MSP.
json actions(ScenarioBuilder& b, const json& systems) {
  json out = json::array();
  std::vector<std::size_t> with_msp;
  for (std::size_t i = 0; i < systems.size(); ++i)
    for (const auto& v : systems[i]["vios"])
      if (v.contains("msp")) { with_msp.push_back(i); break; }
  if (with_msp.size() < 2) return out;
  for (std::size_t k = 0; k < with_msp.size(); ++k) {
    const json& s = systems[with_msp[k]];
    std::string names;
    for (const auto& l : s["lpars"])
      if (l["state"] == "running") join_to(names, ",", l["name"].get<std::string>());
    if (names.empty()) continue;
    const std::string target = systems[with_msp[(k + 1) % with_msp.size()]]["name"];
    out.push_back({{"at", "10s"},
                   {"migrlpar", fmt::format("-o v -m {} -t {} -p {}", s["name"].get<std::string>(), target, names)}});
  }
  if (!out.empty())
    b.assume("/actions", "migrlpar -o v of each system's running partitions to the next system",
             "the listings hold no plan; change -o v to -o m, or use lpmsim plan-evacuation");
  return out;
}

std::string msp_addresses(const detail::Estate& e) {
  std::string out;
  for (const auto& s : e.systems)
    for (const auto& pair : s.msp_pairs) {
      const std::string* src = pair.record->find("source_msp_name");
      const std::string* ips = pair.record->find("ipaddr_mappings");
      if (!src || !ips || ips->empty() || *ips == "none") continue;
      join_to(out, "; ", s.name + "/" + *src + " → " + pair.target + ": " + *ips);
    }
  return out;
}

}  // namespace

ImportedEstate import_estate(const std::vector<HmcListing>& listings, ImportProblems& problems) {
  detail::Estate estate = detail::collect_estate(listings, problems);
  ScenarioBuilder b{problems, {}, {}};
  ImportedEstate result;
  json systems = json::array();
  std::vector<std::string> luns, msp_interfaces;
  for (std::size_t i = 0; i < estate.systems.size(); ++i) {
    systems.push_back(system_entry(b, estate.systems[i], estate, i, luns, msp_interfaces));
    list_missing(estate.systems[i], result.missing);
  }
  for (auto& s : systems)
    for (auto& v : s["vios"]) v["luns"] = luns;
  if (!luns.empty())
    b.assume("/managed_systems/*/vios/*/luns", "every imported LUN, on every VIOS",
             "the HMC does not show SAN zoning; remove the LUNs a VIOS cannot see");
  for (const auto& s : estate.systems)
    for (const auto& t : estate.systems)
      if (&s != &t && !s.msp_pairs.empty() &&
          std::none_of(s.msp_pairs.begin(), s.msp_pairs.end(), [&](const auto& p) { return p.target == t.name; }))
        result.missing.push_back("lslparmigr -r msp -m " + s.name + " -t " + t.name + ": MSP pairs not confirmed");
  json scenario;
  scenario["description"] = "";
  scenario["managed_systems"] = std::move(systems);
  scenario["network"] = network(b, msp_interfaces);
  scenario["actions"] = actions(b, scenario["managed_systems"]);
  scenario["simulation"] = {{"seed", 1}, {"end_time", "1h"}, {"memory_representation", "expected"}};
  for (std::size_t i = 0; i < b.assumptions.size(); ++i) {
    Assumption a = b.assumptions[i];
    if (!b.subjects[i].empty()) {
      std::string who;
      for (const auto& s : b.subjects[i]) join_to(who, ", ", s);
      a.reason += " [" + who + "]";
    }
    result.assumptions.push_back(std::move(a));
  }
  result.scenario = std::move(scenario);
  std::string description = fmt::format(
      "Imported by lpmsim import-hmc from {} HMC listing(s): {} systems.", listings.size(),
      result.scenario["managed_systems"].size());
  if (const auto ips = msp_addresses(estate); !ips.empty()) description += " MSP addresses: " + ips + ".";
  for (const auto& line : assumption_lines(result)) description += " " + line + ".";
  result.scenario["description"] = description;
  return result;
}

std::vector<std::string> assumption_lines(const ImportedEstate& estate) {
  std::vector<std::string> out;
  for (const auto& a : estate.assumptions)
    out.push_back("assumed " + a.key + " = " + a.value + " — " + a.reason);
  for (const auto& m : estate.missing) out.push_back("missing " + m);
  return out;
}

}  // namespace app::hmc_import
