// Partitions of one system: a client LPAR (lssyscfg -r lpar with its lshwres mem/proc lines and
// virtual adapters) or a VIOS (memory, processors, SEAs, the MSP role), with what had to be
// assumed.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fmt/core.h>

#include "app/hmc_import/scenario_builder.hpp"

namespace app::hmc_import::detail {

using json = nlohmann::ordered_json;

namespace {

constexpr std::array<std::string_view, 7> kModes{"default", "power7",  "power8", "power9_base",
                                                 "power9",  "power10", "power11"};

} // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string> compat_mode(std::string_view hmc) {
  const std::string m = lower(hmc);
  if (std::find(kModes.begin(), kModes.end(), m) != kModes.end())
    return m;
  return std::nullopt;
}

namespace {

json partition_memory(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr,
                      bool running, Usage& usage) {
  json m;
  if (!p.memory) {
    m = {{"min", "1GiB"}, {"desired", "4GiB"}, {"max", "8GiB"}};
    b.assume(ptr + "/memory", "min 1GiB, desired 4GiB, max 8GiB",
             "no lshwres -r mem --level lpar line for the partition", p.name);
    if (running)
      usage.memory_mb += 4096;
    return m;
  }
  Fields f(*p.memory, HmcCommand::lshwres_mem_lpar, b.problems);
  if (const std::string* mode = f.text("mem_mode", false); mode && *mode == "shared")
    f.warning("mem_mode", "shared memory (AMS) is not modelled; imported as dedicated memory");
  const auto cur = f.integer("curr_mem", 0, 1LL << 40, "megabytes");
  const bool pending = !running || (cur && *cur == 0);
  const char* prefix = pending ? "pend_" : "curr_";
  if (!pending && !cur)
    return m; // curr_mem already reported
  const auto lo = f.integer(std::string(prefix) + "min_mem", 1, 1LL << 40, "megabytes");
  const auto mid = pending ? f.integer("pend_mem", 1, 1LL << 40, "megabytes") : cur;
  const auto hi = f.integer(std::string(prefix) + "max_mem", 1, 1LL << 40, "megabytes");
  if (lo && mid && hi) {
    m = {{"min", megabytes(*lo)}, {"desired", megabytes(*mid)}, {"max", megabytes(*hi)}};
    if (running)
      usage.memory_mb += *mid;
  }
  return m;
}

json partition_processors(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr,
                          bool running, Usage& usage) {
  if (!p.processors) {
    b.assume(ptr + "/processors", "shared, 1.0 processing unit, 1 virtual processor",
             "no lshwres -r proc --level lpar line for the partition", p.name);
    if (running)
      usage.processors += 1;
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
    const auto units =
        f.number(prefix + "proc_units", 0.05, 4096, "processing units in [0.05, 4096]");
    if (units)
      out["desired"] = *units;
    if (procs)
      out["virtual_processors"] = *procs;
    if (running && units)
      usage.processors += *units;
  } else if (procs) {
    out["desired"] = static_cast<double>(*procs);
    if (running)
      usage.processors += static_cast<double>(*procs);
  }
  return out;
}

// aixlinux partitions: the OS from os_version ("AIX 7.3 …", "Linux/Red Hat …").
std::string partition_os(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr) {
  if (p.env == "os400")
    return "ibmi";
  const std::string* v = p.config->find("os_version");
  if (v && lower(*v).starts_with("linux"))
    return "linux";
  if (v && lower(*v).starts_with("aix"))
    return "aix";
  b.assume(ptr + "/os", "\"aix\"", "os_version does not say AIX or Linux (partition not running?)",
           p.name);
  return "aix";
}

bool partition_running(ScenarioBuilder& b, const PartitionData& p, const std::string& ptr) {
  Fields f(*p.config, HmcCommand::lssyscfg_lpar, b.problems);
  const std::string* state = f.text("state");
  if (!state || *state == "Running" || *state == "Migrating - Running")
    return true;
  if (*state == "Not Activated" || *state == "Migrating - Not Activated")
    return false;
  b.assume(ptr + "/state", "\"running\"", "the HMC state is neither Running nor Not Activated",
           p.name + " (" + *state + ")");
  return true;
}

void common_partition_keys(ScenarioBuilder& b, const PartitionData& p, json& out) {
  Fields f(*p.config, HmcCommand::lssyscfg_lpar, b.problems);
  if (const std::string* rmc = f.text("rmc_state", false))
    out["rmc_active"] = *rmc == "active";
  if (const std::string* d = f.text("migration_disabled", false); d && *d == "1")
    f.warning("migration_disabled", "the HMC refuses to migrate " + p.name + " (not modelled)");
}

std::int64_t max_slots(ScenarioBuilder& b, const PartitionData& p, const json& used,
                       std::int64_t lpmsim_default, const std::string& ptr) {
  if (p.slots) {
    Fields f(*p.slots, HmcCommand::lshwres_slot, b.problems);
    if (auto v = f.integer("curr_max_virtual_slots", 2, 65535, "a slot count in [2, 65535]"))
      return *v;
  }
  std::int64_t highest = 0;
  for (const auto& a : used)
    highest = std::max(highest, a.value("client_slot", std::int64_t{0}));
  if (highest < lpmsim_default)
    return 0; // lpmsim's default is enough: not written
  const std::int64_t v = ((highest + 1 + 9) / 10) * 10;
  b.assume(ptr + "/max_virtual_slots", std::to_string(v),
           "no lshwres -r virtualio --rsubtype slot line; room for the highest slot used", p.name);
  return v;
}

// Measured memory in use / desired memory, else 0.8 (assumed).
double touched_fraction(ScenarioBuilder& b, const PartitionData& p, const json& memory) {
  const auto in_use = b.memory_in_use.find(p.name);
  if (in_use != b.memory_in_use.end() && memory.contains("desired")) {
    const std::string desired = memory["desired"];
    const double mb = std::stod(desired) * (desired.ends_with("GiB") ? 1024 : 1);
    if (in_use->second > 0 && mb > 0)
      return std::min(1.0, std::round(1000 * in_use->second / mb) / 1000);
  }
  b.assume("/managed_systems/*/lpars/*/workload/touched_fraction", "0.8",
           "no memory-in-use figure for the partition (import-hmc --memory-in-use)", p.name);
  return 0.8;
}

} // namespace

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
  for (const auto& [attr, key] :
       {std::pair{"curr_lpar_proc_compat_mode", "current_compatibility_mode"},
        std::pair{"desired_lpar_proc_compat_mode", "preferred_compatibility_mode"}})
    if (const std::string* m = f.text(attr, false)) {
      if (auto mode = compat_mode(*m))
        out[key] = *mode;
      else
        f.warning(attr,
                  "mode " + in_quotes(*m) + " is not modelled by lpmsim; lpmsim's default applies");
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
             "IBM i must be in restricted I/O mode to migrate; the listings do not show it",
             p.name);
  }
  if (const std::string* r = f.text("redundant_err_path_reporting", false))
    out["redundant_error_path_reporting"] = *r == "1";
  json adapters = client_adapters(b, s, p, luns);
  if (const auto slots = max_slots(b, p, adapters, 32, ptr))
    out["max_virtual_slots"] = slots;
  out["virtual_adapters"] = std::move(adapters);
  if (auto physical = physical_adapters(b, s, p, ptr); !physical.empty())
    out["physical_adapters"] = std::move(physical);
  out["workload"] = {{"touched_fraction", touched_fraction(b, p, out["memory"])},
                     {"dirty",
                      {{"model", "hot_cold"},
                       {"hot_fraction", 0.05},
                       {"hot_write_rate", "20000pages/s"},
                       {"cold_write_rate", "500pages/s"}}}};
  b.assume("/managed_systems/*/lpars/*/workload/dirty",
           "hot_cold: 5% hot at 20000 pages/s, cold 500 pages/s",
           "the HMC knows nothing of how a partition writes memory; fit it with lpmsim calibrate",
           p.name);
  return out;
}

namespace {

std::vector<std::string> split_commas(const std::string* text) {
  std::vector<std::string> out;
  if (!text || text->empty() || *text == "none")
    return out;
  for (std::size_t start = 0;;) {
    const auto comma = text->find(',', start);
    out.push_back(text->substr(start, comma - start));
    if (comma == std::string::npos)
      return out;
    start = comma + 1;
  }
}

// msp=1 in lssyscfg -r lpar, or named by lslparmigr -r msp on either side of a pair.
bool is_msp(const SystemData& s, const PartitionData& v, const Estate& e) {
  if (const std::string* m = v.config->find("msp"); m && *m == "1")
    return true;
  for (const auto& sys : e.systems)
    for (const auto& pair : sys.msp_pairs) {
      const std::string* src = pair.record->find("source_msp_name");
      if (sys.name == s.name && src && *src == v.name)
        return true;
      const auto dests = split_commas(pair.record->find("dest_msp_names"));
      if (pair.target == s.name && std::find(dests.begin(), dests.end(), v.name) != dests.end())
        return true;
    }
  return false;
}

} // namespace

json vios_entry(ScenarioBuilder& b, const SystemData& s, const PartitionData& v, const Estate& e,
                const std::string& ptr, Usage& usage, std::vector<std::string>& msp_interfaces) {
  json out;
  out["id"] = v.id;
  out["name"] = v.name;
  const bool running = partition_running(b, v, ptr);
  const json memory = partition_memory(b, v, ptr, running, usage);
  if (memory.contains("desired"))
    out["memory"] = memory["desired"];
  const json procs = partition_processors(b, v, ptr, running, usage);
  if (procs.contains("desired"))
    out["processors"] = procs["desired"];
  std::int64_t highest = 0;
  for (const auto* list : {&v.scsi, &v.fc, &v.eth})
    for (const HmcRecord* r : *list)
      if (const std::string* slot = r->find("slot_num"))
        highest = std::max<std::int64_t>(highest, std::atoll(slot->c_str()));
  const json used = json::array({{{"client_slot", highest}}});
  if (const auto slots = max_slots(b, v, used, 200, ptr))
    out["max_virtual_slots"] = slots;
  common_partition_keys(b, v, out);
  out["fc_ports"] = json::array({"fcs0"});
  b.assume("/managed_systems/*/vios/*/fc_ports", "[\"fcs0\"] (NPIV capable)",
           "the HMC does not list a VIOS's physical FC ports (lsnports on the VIOS does)", v.name);
  out["luns"] = json::array(); // filled once every LUN is known
  out["seas"] = vios_seas(b, v);
  if (is_msp(s, v, e)) {
    const std::string node = v.name + "-msp";
    out["msp"] = {{"interface", node}};
    msp_interfaces.push_back(node);
  }
  return out;
}

} // namespace app::hmc_import::detail
