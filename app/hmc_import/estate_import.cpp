// Writing the scenario: systems (lssyscfg -r sys, lshwres --level sys, lslparmigr -r sys) with
// their partitions (partition_import.cpp), the MSPs and the network between them (assumed), a
// validation request per system (assumed), the missing listings and what had to be assumed.
#include "app/hmc_import/estate_import.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>

#include "app/hmc_import/scenario_builder.hpp"

namespace app::hmc_import {

namespace {

using detail::client_lpar;
using detail::compat_mode;
using detail::Fields;
using detail::PartitionData;
using detail::ScenarioBuilder;
using detail::SystemData;
using detail::Usage;
using detail::vios_entry;
using json = nlohmann::ordered_json;

json system_modes(ScenarioBuilder& b, const SystemData& s, const std::string& ptr) {
  json modes = json::array();
  if (s.config) {
    Fields f(*s.config, HmcCommand::lssyscfg_sys, b.problems);
    for (const auto& m : f.list("lpar_proc_compat_modes")) {
      if (auto mode = compat_mode(m))
        modes.push_back(*mode);
      else
        f.warning("lpar_proc_compat_modes",
                  "mode " + in_quotes(m) + " is not modelled by lpmsim; left out");
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
    static constexpr std::array<std::string_view, 4> kGens{"power8", "power9", "power10",
                                                           "power11"};
    const auto it = std::find(kGens.begin(), kGens.end(), gen);
    if (it != kGens.end() && it - kGens.begin() > rank) {
      rank = static_cast<int>(it - kGens.begin());
      best = gen;
    }
  }
  return best;
}

// Memory (MB) and processing units a partition uses, for sizing a system the listings do not size.
constexpr std::array kPerSystem{
    std::pair{HmcCommand::lssyscfg_lpar, "no partitions imported"},
    std::pair{HmcCommand::lshwres_mem_sys, "memory and LMB size assumed"},
    std::pair{HmcCommand::lshwres_mem_lpar, "partition memory assumed"},
    std::pair{HmcCommand::lshwres_proc_sys, "processors assumed"},
    std::pair{HmcCommand::lshwres_proc_lpar, "partition processors assumed"},
    std::pair{HmcCommand::lshwres_scsi, "no vSCSI adapters imported"},
    std::pair{HmcCommand::lshwres_fc, "no vFC adapters imported"},
    std::pair{HmcCommand::lshwres_eth, "no virtual Ethernet adapters or SEAs imported"},
    std::pair{HmcCommand::lshwres_io_slot,
              "physical I/O assumed none: a partition owning a dedicated adapter passes lpmsim's "
              "validation yet fails the HMC's"},
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
    memory = f.integer(s.memory->find("configurable_sys_mem") ? "configurable_sys_mem"
                                                              : "installed_sys_mem",
                       1, 1LL << 40, "megabytes");
    lmb = f.integer("mem_region_size", 1, 1 << 20, "megabytes (the LMB size)");
  }
  if (s.processors) {
    Fields f(*s.processors, HmcCommand::lshwres_proc_sys, b.problems);
    const char* attr = s.processors->find("configurable_sys_proc_units")
                           ? "configurable_sys_proc_units"
                           : "installed_sys_proc_units";
    if (auto v = f.number(attr, 1, 4096, "processor units in [1, 4096]"))
      procs = static_cast<std::int64_t>(std::ceil(*v));
  }
  if (!lmb) {
    lmb = 256;
    b.assume(ptr + "/lmb_size", "\"256MiB\"", "no lshwres -r mem --level sys", s.name);
  }
  if (!memory) {
    memory = ((usage.memory_mb * 2 + *lmb - 1) / *lmb) * *lmb;
    if (*memory == 0)
      memory = 64 * 1024;
    b.assume(ptr + "/memory", "twice what its running partitions use",
             "no lshwres -r mem --level sys", s.name);
  }
  if (!procs) {
    procs = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(usage.processors * 2)));
    b.assume(ptr + "/processors", "twice what its running partitions use",
             "no lshwres -r proc --level sys", s.name);
  }
  out["memory"] = detail::megabytes(*memory);
  out["processors"] = *procs;
  out["lmb_size"] = detail::megabytes(*lmb);
}

void migration_limits(ScenarioBuilder& b, const SystemData& s, json& out) {
  const auto capable = [&](const HmcRecord* r, HmcCommand c, const char* attr, const char* key) {
    if (!r || !r->find(attr))
      return;
    Fields f(*r, c, b.problems);
    if (auto v = f.integer(attr, 0, 1, "0 or 1"))
      out[key] = *v == 1;
  };
  capable(s.config, HmcCommand::lssyscfg_sys, "active_lpar_mobility_capable", "active_lpm_capable");
  capable(s.config, HmcCommand::lssyscfg_sys, "inactive_lpar_mobility_capable",
          "inactive_lpm_capable");
  capable(s.migration, HmcCommand::lslparmigr_sys, "active_lpar_mobility_capable",
          "active_lpm_capable");
  capable(s.migration, HmcCommand::lslparmigr_sys, "inactive_lpar_mobility_capable",
          "inactive_lpm_capable");
  if (!s.migration)
    return;
  Fields f(*s.migration, HmcCommand::lslparmigr_sys, b.problems);
  for (const auto& [attr, key] :
       {std::pair{"num_active_migrations_supported", "max_active_migrations"},
        std::pair{"num_inactive_migrations_supported", "max_inactive_migrations"}})
    if (auto v = f.integer(attr, 0, 100000, "a count", false)) {
      if (*v > 64 || *v < 1)
        f.warning(attr, fmt::format("{} is outside lpmsim's range [1, 64]; {} used", *v,
                                    std::clamp<std::int64_t>(*v, 1, 64)));
      out[key] = std::clamp<std::int64_t>(*v, 1, 64);
    }
  for (const char* attr :
       {"num_active_migrations_in_progress", "num_inactive_migrations_in_progress"})
    if (auto v = f.integer(attr, 0, 100000, "a count", false); v && *v > 0)
      f.warning(attr, "migrations were in progress when listed; the scenario starts with none");
}

json system_entry(ScenarioBuilder& b, SystemData& s, const detail::Estate& e, std::size_t index,
                  std::vector<std::string>& luns, std::vector<std::string>& msp_interfaces) {
  const std::string ptr = "/managed_systems/" + std::to_string(index);
  json out;
  out["name"] = s.name;
  if (s.config)
    if (const std::string* tm = s.config->find("type_model"))
      out["machine_type_model"] = *tm;
  if (s.config)
    if (const std::string* st = s.config->find("state"); st && *st != "Operating")
      b.problems.warning(s.config->where(), "lssyscfg -r sys",
                         "attribute state: " + s.name + " is " + in_quotes(*st) +
                             ", not Operating; imported as operating");
  const json modes = system_modes(b, s, ptr);
  out["processor_generation"] = generation_of(modes);
  out["compatibility_modes"] = modes;
  Usage usage;
  json lpars = json::array(), vios = json::array();
  for (const auto& p : s.partitions) {
    if (p.is_vios())
      vios.push_back(vios_entry(b, s, p, e, ptr + "/vios/" + std::to_string(vios.size()), usage,
                                msp_interfaces));
    else
      lpars.push_back(
          client_lpar(b, s, p, ptr + "/lpars/" + std::to_string(lpars.size()), usage, luns));
  }
  system_sizes(b, s, ptr, usage, out);
  out["firmware_level"] = "FW1050";
  b.assume("/managed_systems/*/firmware_level", "\"FW1050\"",
           "the listings do not show the firmware level (lslic -t sys does); it decides which "
           "pairs may migrate",
           s.name);
  migration_limits(b, s, out);
  out["lpars"] = std::move(lpars);
  out["vios"] = std::move(vios);
  return out;
}

// One switch joining every MSP interface: the listings say nothing of the LPM network.
json network(ScenarioBuilder& b, const std::vector<std::string>& interfaces) {
  json nodes = json::array(), links = json::array();
  for (const auto& i : interfaces)
    nodes.push_back({{"name", i}, {"kind", "msp_interface"}});
  if (!interfaces.empty())
    nodes.push_back({{"name", "lpm-switch"}, {"kind", "switch"}});
  for (const auto& i : interfaces)
    links.push_back({{"name", i + "-link"},
                     {"a", i},
                     {"b", "lpm-switch"},
                     {"bandwidth", "10Gbit/s"},
                     {"latency", "50us"},
                     {"mtu", 1500}});
  if (!interfaces.empty())
    b.assume("/network/links/*",
             "each MSP interface on one switch \"lpm-switch\" at 10Gbit/s, 50us, MTU 1500",
             "the HMC does not describe the network between MSPs; set bandwidth, latency and mtu "
             "per link");
  return {{"nodes", std::move(nodes)}, {"links", std::move(links)}};
}

// A validation (-o v) of every running client partition towards the next system with an MSP; one
// owning dedicated physical I/O is left out (it cannot migrate actively: not_migratable names it).
json actions(ScenarioBuilder& b, const json& systems) {
  json out = json::array();
  std::vector<std::size_t> with_msp;
  for (std::size_t i = 0; i < systems.size(); ++i)
    for (const auto& v : systems[i]["vios"])
      if (v.contains("msp")) {
        with_msp.push_back(i);
        break;
      }
  if (with_msp.size() < 2)
    return out;
  for (std::size_t k = 0; k < with_msp.size(); ++k) {
    const json& s = systems[with_msp[k]];
    std::string names;
    for (const auto& l : s["lpars"])
      if (l["state"] == "running" && !l.contains("physical_adapters"))
        join_to(names, ",", l["name"].get<std::string>());
    if (names.empty())
      continue;
    const std::string target = systems[with_msp[(k + 1) % with_msp.size()]]["name"];
    out.push_back({{"at", "10s"},
                   {"migrlpar", fmt::format("-o v -m {} -t {} -p {}", s["name"].get<std::string>(),
                                            target, names)}});
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
      if (!src || !ips || ips->empty() || *ips == "none")
        continue;
      join_to(out, "; ", s.name + "/" + *src + " → " + pair.target + ": " + *ips);
    }
  return out;
}

} // namespace

ImportedEstate import_estate(const std::vector<HmcListing>& listings, ImportProblems& problems,
                             const MemoryInUse& memory_in_use) {
  detail::Estate estate = detail::collect_estate(listings, problems);
  ScenarioBuilder b{problems, memory_in_use, {}, {}, {}};
  ImportedEstate result;
  json systems = json::array();
  std::vector<std::string> luns, msp_interfaces;
  for (std::size_t i = 0; i < estate.systems.size(); ++i) {
    systems.push_back(system_entry(b, estate.systems[i], estate, i, luns, msp_interfaces));
    list_missing(estate.systems[i], result.missing);
  }
  for (auto& s : systems)
    for (auto& v : s["vios"])
      v["luns"] = luns;
  for (const auto& [name, mb] : memory_in_use) {
    bool known = false;
    for (const auto& s : systems)
      for (const auto& l : s["lpars"])
        known |= l["name"] == name;
    if (!known)
      problems.warning("memory in use", "",
                       "partition " + in_quotes(name) +
                           " is not a client LPAR of the listings; ignored");
  }
  if (!luns.empty())
    b.assume("/managed_systems/*/vios/*/luns", "every imported LUN, on every VIOS",
             "the HMC does not show SAN zoning; remove the LUNs a VIOS cannot see");
  for (const auto& s : estate.systems)
    for (const auto& t : estate.systems)
      if (&s != &t && !s.msp_pairs.empty() &&
          std::none_of(s.msp_pairs.begin(), s.msp_pairs.end(),
                       [&](const auto& p) { return p.target == t.name; }))
        result.missing.push_back("lslparmigr -r msp -m " + s.name + " -t " + t.name +
                                 ": MSP pairs not confirmed");
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
      for (const auto& s : b.subjects[i])
        join_to(who, ", ", s);
      a.reason += " [" + who + "]";
    }
    result.assumptions.push_back(std::move(a));
  }
  result.scenario = std::move(scenario);
  std::string description =
      fmt::format("Imported by lpmsim import-hmc from {} HMC listing(s): {} systems.",
                  listings.size(), result.scenario["managed_systems"].size());
  if (const auto ips = msp_addresses(estate); !ips.empty())
    description += " MSP addresses: " + ips + ".";
  result.not_migratable = std::move(b.not_migratable);
  for (const auto& line : result.not_migratable)
    description += " " + line + ".";
  for (const auto& line : assumption_lines(result))
    description += " " + line + ".";
  result.scenario["description"] = description;
  return result;
}

std::vector<std::string> assumption_lines(const ImportedEstate& estate) {
  std::vector<std::string> out;
  for (const auto& a : estate.assumptions)
    out.push_back("assumed " + a.key + " = " + a.value + " — " + a.reason);
  for (const auto& m : estate.missing)
    out.push_back("missing " + m);
  return out;
}

} // namespace app::hmc_import
