// The order of the checks follows lpm-protocol.md §3: the request itself, the servers (§3.1,
// §3.2), the partition (§3.4), VIOSes and the mapping plan (§3.3, §2.1 step 4), the MSPs, and
// last the concurrency counters. A request naming unknown objects stops after those errors,
// since no other check can be judged.
#include "models/migration/validation.hpp"

#include <algorithm>

#include "models/migration/validation_checks.hpp"

namespace models::migration {

namespace checks {

void CheckContext::error(std::string code, std::string text) const {
  out.push_back({std::move(code), ValidationMessage::Severity::error, std::move(text), false});
}

void CheckContext::warning(std::string code, std::string text) const {
  out.push_back({std::move(code), ValidationMessage::Severity::warning, std::move(text), false});
}

void CheckContext::requirement(Requirement flag, std::string code, std::string text) const {
  if (flag == Requirement::required) error(std::move(code), std::move(text));
  if (flag == Requirement::if_possible)
    out.push_back({std::move(code), ValidationMessage::Severity::warning, std::move(text), true});
}

std::string memory_text(sim::Bytes b) {
  const std::int64_t n = b.count();
  if (n != 0 && n % (1LL << 30) == 0) return std::to_string(n >> 30) + " GiB";
  if (n != 0 && n % (1LL << 20) == 0) return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

std::string format_units(power::ProcessingUnits u) {
  const std::int64_t h = u.in_hundredths();
  const std::int64_t frac = h % 100;
  return std::to_string(h / 100) + "." + (frac < 10 ? "0" : "") + std::to_string(frac);
}

std::string kind_word(power::MigrationKind kind) {
  return kind == power::MigrationKind::active ? "active" : "inactive";
}

}  // namespace checks

namespace {

using checks::CheckContext;

// §4.1: the partition state decides; IVM does the same (§3.4).
power::MigrationKind kind_of(const power::Lpar& lpar) {
  const power::LparState s = lpar.state();
  return s == power::LparState::not_activated || s == power::LparState::migrating_not_activated
             ? power::MigrationKind::inactive
             : power::MigrationKind::active;
}

void run_checks(const CheckContext& c, ValidationResult& r) {
  using namespace checks;
  for (auto* check : {check_systems_operating,
                      check_enterprise_edition,
                      check_mobility_capability,
                      check_firmware_pair,
                      check_compat_mode,
                      check_lmb_size,
                      check_processors,
                      check_memory,
                      check_not_vios,
                      check_state,
                      check_not_migrating,
                      check_rmc,
                      check_dlpar,
                      check_ibmi_restricted_io,
                      check_physical_io,
                      check_huge_pages,
                      check_bsr,
                      check_error_path_reporting,
                      check_virtual_optical,
                      check_unique_name,
                      check_dest_lpar_id,
                      check_profile_name,
                      check_source_vios,
                      check_wwpn_pairs,
                      check_vlans_bridged})
    check(c);
  r.plan = plan_mappings(c.world, c.lpar, c.source, c.destination, c.request);
  report_mapping_failures(c, r.plan);
  check_vios_redundancy(c, r.plan);
  check_mpio(c, r.plan);
  r.msp_pairs = choose_msp_pairs(c);
  check_concurrency(c, r.msp_pairs);
}

}  // namespace

bool ValidationResult::ok() const {
  return std::none_of(messages.begin(), messages.end(), [](const ValidationMessage& m) {
    return m.severity == ValidationMessage::Severity::error;
  });
}

const ValidationMessage* ValidationResult::find(std::string_view code) const {
  for (const auto& m : messages)
    if (m.code == code) return &m;
  return nullptr;
}

std::size_t ValidationResult::count(std::string_view code) const {
  return static_cast<std::size_t>(
      std::count_if(messages.begin(), messages.end(),
                    [&](const ValidationMessage& m) { return m.code == code; }));
}

ValidationResult validate(const World& world, const MigrationRequest& request,
                          const ValidationSettings& settings) {
  ValidationResult r;
  r.lpar = request.lpar;
  auto fatal = [&](const char* code, std::string text) {
    r.messages.push_back({code, ValidationMessage::Severity::error, std::move(text), false});
  };
  const power::ManagedSystem* src = world.system(request.source_system);
  const power::ManagedSystem* dst = world.system(request.destination_system);
  // Names are unique per system: the source's partition of that name, else any (a VIOS, or one
  // elsewhere, which V003 refuses).
  const power::Lpar* lpar = world.lpar_on(request.source_system, request.lpar);
  if (lpar == nullptr) lpar = world.lpar(request.lpar);
  if (src == nullptr)
    fatal("LPMSIM-V001", "The source managed system " + request.source_system + " does not exist.");
  if (dst == nullptr)
    fatal("LPMSIM-V002",
          "The destination managed system " + request.destination_system + " does not exist.");
  if (src != nullptr && (lpar == nullptr || world.home_of(*lpar) != src))
    fatal("LPMSIM-V003", "The partition " + request.lpar +
                             " does not exist on the source managed system " + src->name() + ".");
  if (src != nullptr && src == dst)
    fatal("LPMSIM-V004",
          "The source and destination managed systems are the same (" + src->name() + ").");
  if (!r.messages.empty()) return r;
  r.kind = kind_of(*lpar);
  const CheckContext c{world, request, settings, *src, *dst, *lpar, r.kind, r.messages};
  run_checks(c, r);
  return r;
}

Preflight to_preflight(const ValidationResult& result) {
  Preflight p;
  p.messages = result.messages;
  p.msp_pairs = result.msp_pairs;
  p.adapters = planned_adapters(result.plan, result.lpar);
  p.source_vios = result.plan.source_vios;
  return p;
}

std::vector<PlannedAdapter> planned_adapters(const MappingPlan& plan, const std::string& lpar) {
  std::vector<PlannedAdapter> out;
  for (const PlannedMapping& m : plan.mappings)
    out.push_back(
        {m.vios, m.server_adapter(lpar), m.backings.empty() ? std::string() : m.backings.front()});
  return out;
}

std::string hmc_line(const ValidationMessage& message) { return message.code + " " + message.text; }

}  // namespace models::migration
