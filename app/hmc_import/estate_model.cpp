// Grouping listings by system and partition. Three passes so that the order of the files on the
// command line does not matter: systems first, then partitions, then what refers to them.
#include "app/hmc_import/estate_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "app/hmc_import/hmc_attributes.hpp"

namespace app::hmc_import::detail {

bool SystemData::has(HmcCommand c) const {
  return std::find(listed.begin(), listed.end(), c) != listed.end();
}
PartitionData* SystemData::find(int id) {
  for (auto& p : partitions)
    if (p.id == id)
      return &p;
  return nullptr;
}
PartitionData* SystemData::find(std::string_view name) {
  for (auto& p : partitions)
    if (p.name == name)
      return &p;
  return nullptr;
}
SystemData* Estate::find(std::string_view name) {
  for (auto& s : systems)
    if (s.name == name)
      return &s;
  return nullptr;
}

const std::string* Fields::text(std::string_view attribute, bool required) const {
  const std::string* v = r_.find(attribute);
  if (!v && required)
    error(attribute, "missing; expected it in every line of this listing (add it to -F, or a line "
                     "was cut short)");
  return v;
}

void Fields::error(std::string_view attribute, std::string_view message) const {
  p_.error(r_.where(), command_text(command_),
           "attribute " + std::string(attribute) + ": " + std::string(message));
}
void Fields::warning(std::string_view attribute, std::string_view message) const {
  p_.warning(r_.where(), command_text(command_),
             "attribute " + std::string(attribute) + ": " + std::string(message));
}

std::optional<double> Fields::number(std::string_view attribute, double lo, double hi,
                                     std::string_view what, bool required) const {
  const std::string* v = text(attribute, required);
  if (!v)
    return std::nullopt;
  double x = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || end != v->data() + v->size() || !(x >= lo && x <= hi)) {
    error(attribute, "expected " + std::string(what) + "; found " + in_quotes(*v));
    return std::nullopt;
  }
  return x;
}

std::optional<std::int64_t> Fields::integer(std::string_view attribute, std::int64_t lo,
                                            std::int64_t hi, std::string_view what,
                                            bool required) const {
  const auto x =
      number(attribute, static_cast<double>(lo), static_cast<double>(hi), what, required);
  if (!x)
    return std::nullopt;
  if (std::floor(*x) != *x) {
    error(attribute, "expected " + std::string(what) + " (a whole number); found " +
                         in_quotes(*r_.find(attribute)));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*x);
}

std::vector<std::string> Fields::list(std::string_view attribute) const {
  std::vector<std::string> out;
  const std::string* v = r_.find(attribute);
  if (!v || v->empty() || *v == "none")
    return out;
  for (std::size_t start = 0;;) {
    const auto comma = v->find(',', start);
    out.push_back(v->substr(start, comma - start));
    if (comma == std::string::npos)
      return out;
    start = comma + 1;
  }
}

namespace {

// An attribute the table does not know: one warning per file, command and attribute, with its
// first value, so nothing is dropped silently.
void warn_unknown_attributes(const std::vector<HmcListing>& listings, ImportProblems& problems) {
  std::map<std::tuple<std::string, HmcCommand, std::string>, std::pair<const HmcRecord*, int>> seen;
  std::vector<std::tuple<std::string, HmcCommand, std::string>> order;
  for (const auto& l : listings)
    for (const auto& r : l.records)
      for (const auto& [name, value] : r.attributes) {
        if (find_attribute(l.command, name))
          continue;
        const auto key = std::make_tuple(l.file, l.command, name);
        auto [it, inserted] = seen.try_emplace(key, &r, 0);
        if (inserted)
          order.push_back(key);
        ++it->second.second;
      }
  for (const auto& key : order) {
    const auto& [first, count] = seen.at(key);
    const auto& name = std::get<2>(key);
    problems.warning(first->where(), command_text(std::get<1>(key)),
                     "unknown attribute " + name + "=" + in_quotes(*first->find(name)) +
                         (count > 1 ? " (and " + std::to_string(count - 1) + " more lines)" : "") +
                         ": not one lpmsim's importer reads; kept in this warning, not imported");
  }
}

SystemData& system_for(Estate& e, const HmcListing& l) {
  if (SystemData* s = e.find(l.system))
    return *s;
  e.systems.push_back(SystemData{l.system, nullptr, nullptr, nullptr, nullptr, {}, {}, {}});
  return e.systems.back();
}

void add_systems(Estate& e, const HmcListing& l, ImportProblems& problems) {
  for (const auto& r : l.records) {
    Fields f(r, l.command, problems);
    const std::string* name = f.text("name");
    if (!name)
      continue;
    if (e.find(*name)) {
      f.error("name", "system " + in_quotes(*name) + " listed twice");
      continue;
    }
    e.systems.push_back(SystemData{*name, &r, nullptr, nullptr, nullptr, {}, {}, {}});
  }
}

void add_partitions(SystemData& s, const HmcListing& l, ImportProblems& problems) {
  for (const auto& r : l.records) {
    Fields f(r, l.command, problems);
    const std::string* name = f.text("name");
    const auto id = f.integer("lpar_id", 1, 1000, "a partition id in [1, 1000]");
    const std::string* env = f.text("lpar_env");
    if (!name || !id || !env)
      continue;
    if (*env != "aixlinux" && *env != "os400" && *env != "vioserver") {
      f.error("lpar_env", "expected aixlinux, os400 or vioserver; found " + in_quotes(*env));
      continue;
    }
    if (s.find(static_cast<int>(*id)) || s.find(*name)) {
      f.error("lpar_id", "partition " + in_quotes(*name) + " (id " + std::to_string(*id) +
                             ") listed twice on " + s.name);
      continue;
    }
    PartitionData p;
    p.id = static_cast<int>(*id);
    p.name = *name;
    p.env = *env;
    p.config = &r;
    s.partitions.push_back(std::move(p));
  }
}

// The partition a per-partition record is about (lpar_id, else lpar_name).
PartitionData* partition_of(SystemData& s, const HmcRecord& r, HmcCommand c,
                            ImportProblems& problems) {
  Fields f(r, c, problems);
  PartitionData* p = nullptr;
  std::string label;
  if (r.find("lpar_id")) {
    const auto id = f.integer("lpar_id", 1, 1000, "a partition id in [1, 1000]");
    if (!id)
      return nullptr;
    p = s.find(static_cast<int>(*id));
    label = "id " + std::to_string(*id);
  } else if (const std::string* name = f.text("lpar_name")) {
    p = s.find(*name);
    label = in_quotes(*name);
  } else {
    return nullptr;
  }
  if (!p && s.has(HmcCommand::lssyscfg_lpar))
    problems.warning(r.where(), command_text(c),
                     "partition " + label + " is not in lssyscfg -r lpar -m " + s.name +
                         ": this line is not imported");
  return p;
}

// A physical slot is owned when lpar_id names a partition (the HMC prints none for a free slot,
// and null for its lpar_name in the -F form).
bool slot_assigned(const HmcRecord& r) {
  const auto set = [](const std::string* v) {
    return v && !v->empty() && *v != "none" && *v != "null";
  };
  if (const std::string* id = r.find("lpar_id"))
    return set(id);
  return set(r.find("lpar_name"));
}

void attach(SystemData& s, const HmcListing& l, ImportProblems& problems) {
  using C = HmcCommand;
  if (l.command == C::lshwres_mem_sys || l.command == C::lshwres_proc_sys ||
      l.command == C::lslparmigr_sys) {
    if (l.records.empty())
      return;
    const HmcRecord* r = &l.records.front();
    (l.command == C::lshwres_mem_sys    ? s.memory
     : l.command == C::lshwres_proc_sys ? s.processors
                                        : s.migration) = r;
    return;
  }
  if (l.command == C::lslparmigr_msp) {
    for (const auto& r : l.records)
      s.msp_pairs.push_back({l.target_system, &r});
    return;
  }
  for (const auto& r : l.records) {
    if (l.command == C::lshwres_io_slot && !slot_assigned(r))
      continue; // a free slot: nothing in the scenario depends on it
    PartitionData* p = partition_of(s, r, l.command, problems);
    if (!p)
      continue;
    switch (l.command) {
    case C::lshwres_mem_lpar:
      p->memory = &r;
      break;
    case C::lshwres_proc_lpar:
      p->processors = &r;
      break;
    case C::lshwres_slot:
      p->slots = &r;
      break;
    case C::lshwres_scsi:
      p->scsi.push_back(&r);
      break;
    case C::lshwres_fc:
      p->fc.push_back(&r);
      break;
    case C::lshwres_eth:
      p->eth.push_back(&r);
      break;
    case C::lshwres_io_slot:
      p->io_slots.push_back(&r);
      break;
    default:
      break;
    }
  }
}

} // namespace

Estate collect_estate(const std::vector<HmcListing>& listings, ImportProblems& problems) {
  warn_unknown_attributes(listings, problems);
  Estate e;
  for (const auto& l : listings)
    if (l.command == HmcCommand::lssyscfg_sys)
      add_systems(e, l, problems);
  for (const auto& l : listings)
    if (l.command == HmcCommand::lssyscfg_lpar) {
      SystemData& s = system_for(e, l);
      s.listed.push_back(l.command);
      add_partitions(s, l, problems);
    }
  for (const auto& l : listings) {
    if (l.command == HmcCommand::lssyscfg_sys || l.command == HmcCommand::lssyscfg_lpar)
      continue;
    if (l.command == HmcCommand::lslparmigr_lpar) {
      problems.warning(
          l.file + ":" + std::to_string(l.header_line), command_text(l.command),
          "migration progress samples are read by lpmsim calibrate, not by import-hmc");
      continue;
    }
    SystemData& s = system_for(e, l);
    s.listed.push_back(l.command);
    attach(s, l, problems);
  }
  return e;
}

} // namespace app::hmc_import::detail
