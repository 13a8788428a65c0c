// Mapping syntax (lpm-protocol.md §4.3, IBM migrlpar reference): virtual_scsi_mappings entries are
// clientSlot/viosName/viosId/viosSlot and virtual_fc_mappings entries
// clientSlot/viosName/viosId/viosSlot/fcPort; the VIOS is named, its id left empty.
#include "app/hmc_import/migrlpar_export.hpp"

#include <fmt/core.h>

#include "app/hmc_import/import_problems.hpp"
#include "app/studies/world_builder.hpp"
#include "models/migration/validation.hpp"
#include "sim/engine.hpp"

namespace app::hmc_import {

namespace {

namespace mm = models::migration;

std::string mappings(const mm::MappingPlan& plan, models::power::VirtualDeviceKind kind) {
  std::string out;
  for (const auto& m : plan.mappings) {
    if (m.kind != kind)
      continue;
    std::string entry =
        fmt::format("{}/{}//{}", m.client_slot, m.vios->config().partition.name, m.slot);
    if (kind == models::power::VirtualDeviceKind::vfc && !m.backings.empty())
      entry += "/" + m.backings.front();
    join_to(out, ",", entry);
  }
  return out;
}

std::string command_for(const mm::MigrationRequest& r, const mm::ValidationResult& v) {
  std::string cmd =
      fmt::format("migrlpar -o v -m {} -t {} -p {}", r.source_system, r.destination_system, r.lpar);
  if (r.dest_profile)
    cmd += " -n " + *r.dest_profile;
  std::vector<std::string> attrs;
  if (r.dest_lpar_id)
    attrs.push_back(fmt::format("dest_lpar_id={}", *r.dest_lpar_id));
  if (!v.msp_pairs.empty() && v.msp_pairs.front().source && v.msp_pairs.front().destination) {
    attrs.push_back("source_msp_name=" + v.msp_pairs.front().source->config().partition.name);
    attrs.push_back("dest_msp_name=" + v.msp_pairs.front().destination->config().partition.name);
  }
  // Lists inside -i are quoted: the HMC reads "attr=a,b" as one attribute (its -i quoting rule).
  if (auto s = mappings(v.plan, models::power::VirtualDeviceKind::vscsi); !s.empty())
    attrs.push_back("\\\"virtual_scsi_mappings=" + s + "\\\"");
  if (auto f = mappings(v.plan, models::power::VirtualDeviceKind::vfc); !f.empty())
    attrs.push_back("\\\"virtual_fc_mappings=" + f + "\\\"");
  if (!attrs.empty()) {
    std::string joined;
    for (const auto& a : attrs)
      join_to(joined, ",", a);
    cmd += " -i \"" + joined + "\"";
  }
  return cmd;
}

std::string verdict(const mm::ValidationResult& v) {
  for (const auto& m : v.messages)
    if (m.severity == mm::ValidationMessage::Severity::error && !m.overridden)
      return "lpmsim expects the HMC to refuse it: " + mm::hmc_line(m);
  std::size_t warnings = 0;
  for (const auto& m : v.messages)
    warnings += m.severity == mm::ValidationMessage::Severity::warning;
  return warnings == 0 ? std::string("lpmsim: valid")
                       : fmt::format("lpmsim: valid, with {} warning(s)", warnings);
}

} // namespace

std::vector<ExportedValidation> export_migrlpar(const scenario::ScenarioSpec& spec,
                                                const std::filesystem::path& scenario_dir) {
  sim::Engine engine;
  mm::World world(engine);
  const auto built = studies::build_world(spec, world, scenario_dir);
  std::vector<ExportedValidation> out;
  for (const auto& timed : built.requests) {
    const auto& r = timed.request;
    if (r.operation != mm::MigrlparOperation::migrate &&
        r.operation != mm::MigrlparOperation::validate)
      continue;
    const auto result = mm::validate(world, r);
    out.push_back({command_for(r, result), verdict(result)});
  }
  return out;
}

} // namespace app::hmc_import
