// Per-object checks beyond types and ranges. Cross-object references (names, ids, memory that
// fits a system) are checked afterwards in cross_checks.cpp, once the whole file is read.
#include "app/scenario/object_checks.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <set>

#include "app/scenario/input_file.hpp"
#include "app/scenario/quantity_text.hpp"

namespace app::scenario::detail {

namespace {

std::string bytes_text(sim::Bytes b) { return sim::format_bytes(b); }

bool has(const Json& json, std::string_view key) { return json.is_object() && json.contains(std::string(key)); }

std::string_view model_word(const SteadyDirtySpec& dirty) {
  return std::visit([](const auto& d) { return std::decay_t<decltype(d)>::tag; }, dirty);
}

bool is_wwpn(const std::string& text) {
  return text.size() == 16 && std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

struct AdapterKeys {
  VirtualAdapterType type;
  std::vector<std::string_view> required;
  std::vector<std::string_view> allowed;
};

const std::array<AdapterKeys, 4>& adapter_keys() {
  static const std::array<AdapterKeys, 4> keys{{
      {VirtualAdapterType::vscsi, {"vios"}, {"vios", "vios_slot", "luns"}},
      {VirtualAdapterType::vfc, {"vios", "wwpns"}, {"vios", "vios_slot", "wwpns", "luns", "physical_port"}},
      {VirtualAdapterType::veth, {"vlan"}, {"vlan", "additional_vlans", "vswitch"}},
      {VirtualAdapterType::vnic, {"vios"}, {"vios", "vios_slot", "physical_port", "vlan"}},
  }};
  return keys;
}

}  // namespace

void check_memory(Context& ctx, const std::string& ptr, const models::power::LparConfig& m) {
  const auto min = m.memory_min, desired = m.memory_desired, max = m.memory_max;
  if (min.count() <= 0 || desired.count() <= 0 || max.count() <= 0) return;  // already reported
  if (min <= desired && desired <= max) return;
  ctx.error(ptr, "expected min <= desired <= max; found min " + bytes_text(min) + ", desired " +
                     bytes_text(desired) + ", max " + bytes_text(max));
}

void check_object(Context& ctx, const Json& json, const std::string& ptr, models::power::LparProcessors& p) {
  // `desired` as written: the bound members hold it rounded to whole processors or hundredths.
  const double desired = has(json, "desired") && json["desired"].is_number() ? json["desired"].get<double>() : 1.0;
  if (p.mode == models::power::ProcessorMode::dedicated) {
    if (has(json, "virtual_processors"))
      ctx.error(ptr + "/virtual_processors", "virtual_processors applies to shared processors only");
    if (desired != static_cast<double>(static_cast<std::int64_t>(desired)))
      ctx.error(ptr + "/desired", "expected a whole number of dedicated processors; found " + shortest_number(desired));
    return;
  }
  const auto vp = static_cast<double>(p.virtual_procs);
  if (desired > vp || desired < 0.05 * vp)
    ctx.error(ptr + "/desired", "expected between 0.05 and 1 processing units per virtual processor; found " +
                                    shortest_number(desired) + " units for " + std::to_string(p.virtual_procs) +
                                    " virtual processors");
}

void check_object(Context& ctx, const Json& json, const std::string& ptr, VirtualAdapterSpec& a) {
  const auto& keys = adapter_keys()[static_cast<std::size_t>(a.type)];
  const std::string type(to_string(a.type));
  for (const auto key : {"vios", "vios_slot", "wwpns", "luns", "physical_port", "vlan", "additional_vlans", "vswitch"}) {
    const bool allowed = std::find(keys.allowed.begin(), keys.allowed.end(), key) != keys.allowed.end();
    if (has(json, key) && !allowed)
      ctx.error(ptr + "/" + key, "key " + quote(key) + " does not apply to a " + type + " adapter");
  }
  for (const auto key : keys.required)
    if (!has(json, key)) ctx.error(ptr, "missing required key " + quote(key) + " for a " + type + " adapter");
  if (a.type != VirtualAdapterType::vfc || !a.wwpns) return;
  const auto& wwpns = *a.wwpns;
  if (wwpns.size() != 2) {
    ctx.error(ptr + "/wwpns", "expected 2 WWPNs (active, mobility); found " + std::to_string(wwpns.size()));
    return;
  }
  for (std::size_t i = 0; i < 2; ++i)
    if (!is_wwpn(wwpns[i]))
      ctx.error(ptr + "/wwpns/" + std::to_string(i), "expected a WWPN of 16 hex digits; found " + quote(wwpns[i]));
  if (wwpns[0] == wwpns[1]) ctx.error(ptr + "/wwpns/1", "expected two different WWPNs; found " + quote(wwpns[1]) + " twice");
}

void check_object(Context& ctx, const Json&, const std::string& ptr, LparSpec& l) {
  const auto page = l.config.page_size;
  if (page != sim::Bytes(4096) && page != sim::Bytes(65536) && page.count() > 0)
    ctx.error(ptr + "/page_size", "expected a page size of 4KiB or 64KiB; found " + quote(bytes_text(page)));
  std::set<std::int64_t> slots;
  for (std::size_t i = 0; i < l.virtual_adapters.size(); ++i) {
    const auto slot = l.virtual_adapters[i].client_slot;
    const std::string p = ptr + "/virtual_adapters/" + std::to_string(i) + "/client_slot";
    if (slot == 0) continue;
    if (!slots.insert(slot).second)
      ctx.error(p, "client slot " + std::to_string(slot) + " is used twice in partition " + quote(l.config.name));
    else if (slot >= l.max_virtual_slots)
      ctx.error(p, "client slot " + std::to_string(slot) + " is not below max_virtual_slots " + std::to_string(l.max_virtual_slots));
  }
}

void check_object(Context& ctx, const Json&, const std::string& ptr, ManagedSystemSpec& spec) {
  const auto& s = spec.config;
  constexpr std::int64_t kMiB = 1LL << 20;
  constexpr std::array<std::int64_t, 8> kLmbSizes{16 * kMiB, 32 * kMiB, 64 * kMiB, 128 * kMiB, 256 * kMiB,
                                                  1024 * kMiB, 2048 * kMiB, 4096 * kMiB};
  if (s.lmb_size.count() > 0 && std::find(kLmbSizes.begin(), kLmbSizes.end(), s.lmb_size.count()) == kLmbSizes.end())
    ctx.error(ptr + "/lmb_size", "expected an LMB size of 16MiB, 32MiB, 64MiB, 128MiB, 256MiB, 1GiB, 2GiB or 4GiB; found " +
                                     quote(bytes_text(s.lmb_size)));
  const auto& fw = s.firmware_level;
  const bool fw_ok = fw.size() >= 5 && fw.size() <= 16 && fw.rfind("FW", 0) == 0 &&
                     std::all_of(fw.begin() + 2, fw.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
                     fw[2] != '.' && fw.back() != '.';
  if (!fw_ok) ctx.error(ptr + "/firmware_level", "expected \"FW\" followed by the level, e.g. \"FW1050\" or \"FW950.40\"; found " + quote(fw));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, LinkSpec& l) {
  if (!l.a.empty() && l.a == l.b) ctx.error(ptr + "/b", "a link must join two different nodes; found " + quote(l.a) + " at both ends");
  if (l.config.bandwidth_reverse && l.config.duplex == models::network::Duplex::half)
    ctx.error(ptr + "/bandwidth_reverse", "a half-duplex link has one shared bandwidth; remove bandwidth_reverse or make it full duplex");
}

void check_object(Context& ctx, const Json&, const std::string& ptr, BackgroundTrafficSpec& t) {
  if (t.stop && *t.stop <= t.start)
    ctx.error(ptr + "/stop", "expected stop after start; found start " + sim::format_duration(t.start) + ", stop " +
                                 sim::format_duration(*t.stop));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, models::precopy::PrecopyConfig& p) {
  const auto g = p.page_stream.page_size.count();
  if (g != 4096 && g != 65536) {
    if (g > 0) ctx.error(ptr + "/tracking_granularity", "expected 4KiB or 64KiB; found " + quote(bytes_text(p.page_stream.page_size)));
    return;
  }
  if (p.chunk.count() > 0 && p.chunk.count() % g != 0)
    ctx.error(ptr + "/chunk_size", "expected a multiple of tracking_granularity (" + bytes_text(p.page_stream.page_size) +
                                       "); found " + quote(bytes_text(p.chunk)));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, models::precopy::QemuPolicyConfig& q) {
  if (q.throttle.initial > q.throttle.max)
    ctx.error(ptr + "/cpu_throttle_initial", "expected cpu_throttle_initial <= max_cpu_throttle; found " +
                                                 shortest_number(q.throttle.initial) + " > " + shortest_number(q.throttle.max));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, models::power::PowerModelConfig& p) {
  if (p.idle_watts > p.busy_watts)
    ctx.error(ptr + "/idle_watts", "expected idle_watts <= busy_watts; found " + shortest_number(p.idle_watts) + " > " +
                                       shortest_number(p.busy_watts));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, models::precopy::ConvergenceConfig& c) {
  if (c.owns_stop && c.ramp_max_downtime <= sim::Duration::zero())
    ctx.error(ptr + "/owns_stop", "expected a ramp_max_downtime above 0s with owns_stop: the layer's own stop rule is "
                                  "its downtime ramp (QEMU's downtime limit); without one the pre-copy would never stop");
}

void check_object(Context& ctx, const Json&, const std::string& ptr, MigrlparSpec& m) {
  const std::string op(scenario::to_string(m.operation));
  const int selectors = (m.lpar_names.empty() ? 0 : 1) + (m.lpar_ids.empty() ? 0 : 1) + (m.all ? 1 : 0);
  if (selectors != 1)
    ctx.error(ptr, "migrlpar: expected exactly one of -p (lpar_names), --id (lpar_ids) or --all; found " +
                       std::string(selectors == 0 ? "none" : "more than one"));
  using Op = models::migration::MigrlparOperation;
  const bool moves = m.operation == Op::migrate || m.operation == Op::validate;
  if (moves && !m.target_managed_system)
    ctx.error(ptr, "migrlpar: -o " + op + " needs a target managed system (-t, target_managed_system)");
  if (m.target_managed_system && *m.target_managed_system == m.managed_system && !m.managed_system.empty())
    ctx.error(ptr, "migrlpar: target managed system " + quote(m.managed_system) + " is the source itself");
  if (!moves && m.lpar_names.size() + m.lpar_ids.size() > 1)
    ctx.error(ptr, "migrlpar: -o " + op + " acts on one partition at a time; found " +
                       std::to_string(m.lpar_names.size() + m.lpar_ids.size()));
  if (m.all && m.operation != Op::migrate) ctx.error(ptr, "migrlpar: --all is valid with -o m only");
  if (m.force && m.operation != Op::recover) ctx.error(ptr, "migrlpar: --force is valid with -o r only");
  // Accepted by the real migrlpar but with nothing in the model to act on: refused, not ignored.
  for (const auto& [key, set] : {std::pair<const char*, bool>{"source_msp_ipaddr", m.source_msp_ipaddr.has_value()},
                                 {"dest_msp_ipaddr", m.dest_msp_ipaddr.has_value()}})
    if (set) ctx.error(ptr, std::string("migrlpar: -i ") + key + " is not modelled by lpmsim (MSP interfaces are network nodes; "
                                                                 "name the MSP with source_msp_name / dest_msp_name)");
  if (m.shared_proc_pool_name)
    ctx.error(ptr, "migrlpar: -i shared_proc_pool_name is not modelled by lpmsim (no shared processor pools)");
  if (m.source_msp_name && m.source_msp_id)
    ctx.error(ptr, "migrlpar: expected one of -i source_msp_name and source_msp_id; found both");
  if (m.dest_msp_name && m.dest_msp_id)
    ctx.error(ptr, "migrlpar: expected one of -i dest_msp_name and dest_msp_id; found both");
  if (m.profile_name && (m.profile_name->empty() || m.profile_name->size() > 31))
    ctx.error(ptr, "migrlpar: expected a profile name (-n) of 1 to 31 characters; found " + quote(*m.profile_name));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, FaultSpec& f) {
  if (f.at.has_value() == f.at_point.has_value())
    ctx.error(ptr, std::string("expected exactly one of \"at\" and \"at_point\"; found ") + (f.at ? "both" : "neither"));
  using K = models::migration::FaultKind;
  const bool repairable = f.kind == K::link_down || f.kind == K::msp_crash || f.kind == K::vios_crash || f.kind == K::hmc_disconnect;
  if (f.repair_after && !repairable)
    ctx.error(ptr + "/repair_after", "repair_after applies to link_down, msp_crash, vios_crash and hmc_disconnect only; found kind " +
                                         quote(scenario::to_string(f.kind)));
}

void check_object(Context& ctx, const Json& json, const std::string& ptr, ProtocolPointSpec& p) {
  if (has(json, "pass") && p.point != models::migration::MigrationState::precopy)
    ctx.error(ptr + "/pass", "pass applies to point \"precopy\" only; found point " + quote(scenario::to_string(p.point)));
}

void check_object(Context& ctx, const Json&, const std::string& ptr, TraceDirtySpec& t) {
  if (t.file.empty()) {
    ctx.error(ptr + "/file", "expected a trace file path; found an empty string");
    return;
  }
  // The trust boundary (input_file.hpp): inside the scenario's folder or an --allow-path folder,
  // a regular file under the size limit.
  std::filesystem::path resolved;
  const auto problem = referenced_file_problem(ctx.base_dir(), t.file, resolved);
  if (!problem.empty()) ctx.error(ptr + "/file", "trace file " + quote(t.file) + ": " + problem);
}

void check_object(Context& ctx, const Json& json, const std::string& ptr, PhasesDirtySpec& p) {
  const Json* phases = json.contains("phases") && json["phases"].is_array() ? &json["phases"] : nullptr;
  if (!phases) return;  // reported by the field table
  const bool day = p.clock == PhaseClock::day;
  const char* wanted = day ? "from" : "duration";
  const char* other = day ? "duration" : "from";
  for (std::size_t i = 0; i < phases->size(); ++i) {
    const Json& phase = (*phases)[i];
    if (!phase.is_object()) continue;
    const std::string at = ptr + "/phases/" + std::to_string(i);
    if (!has(phase, wanted))
      ctx.error(at, std::string("missing required key \"") + wanted + "\" (clock " + quote(scenario::to_string(p.clock)) + ")");
    if (has(phase, other))
      ctx.error(at + "/" + other, std::string("\"") + other + "\" applies to clock " + (day ? "\"simulation\" or \"migration\"" : "\"day\"") +
                                      "; found clock " + quote(scenario::to_string(p.clock)));
    if (i == 0 || i >= p.phases.size()) continue;
    // One memory model scales one workload's rate over time: the phases share the first one's
    // dirty model (its shape parameters are compared when the run builds the workload).
    if (p.phases[i].dirty.index() != p.phases[0].dirty.index() && phase.contains("dirty") && phase["dirty"].contains("model"))
      ctx.error(at + "/dirty/model", "expected the first phase's dirty model " + quote(model_word(p.phases[0].dirty)) +
                                         " (phases change only rates); found " + quote(model_word(p.phases[i].dirty)));
  }
  if (!day) return;
  for (std::size_t i = 1; i < p.phases.size(); ++i) {
    if (!p.phases[i].from || !p.phases[i - 1].from) continue;
    if (p.phases[i].from->since_midnight <= p.phases[i - 1].from->since_midnight)
      ctx.error(ptr + "/phases/" + std::to_string(i) + "/from", "expected times of day in increasing order; found " +
                                                               quote(QuantityText<TimeOfDay>::format(*p.phases[i].from)) + " after " +
                                                               quote(QuantityText<TimeOfDay>::format(*p.phases[i - 1].from)));
  }
}

}  // namespace app::scenario::detail
