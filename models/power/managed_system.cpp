#include "models/power/managed_system.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/check.hpp"

namespace models::power {

namespace {

std::string_view kind_name(MigrationKind kind) {
  return kind == MigrationKind::active ? "active" : "inactive";
}

}  // namespace

// The hypervisor's reserve is taken from the account at construction, so used() includes it and
// free() is what partitions can get; a reserve larger than the server is a configuration bug.
ManagedSystem::ManagedSystem(sim::Engine& engine, ManagedSystemConfig config)
    : engine_(engine),
      config_(std::move(config)),
      hypervisor_lmbs_(config_.lmb_size.count() > 0 ? lmbs_for(config_.hypervisor_reserved) : 0),
      memory_(config_.name + "/memory",
              config_.lmb_size.count() > 0 ? config_.installed_memory.count() / config_.lmb_size.count() : 0),
      processors_(config_.name + "/processors", ProcessingUnits::cores(config_.installed_processors).in_hundredths()),
      hypervisor_(engine, *this) {
  SIM_CHECK(!config_.name.empty(), "managed-system", "managed system without a name");
  SIM_CHECK(config_.lmb_size.count() > 0, config_.name, "LMB size must be positive");
  SIM_CHECK(config_.max_active_migrations >= 0 && config_.max_inactive_migrations >= 0, config_.name,
            "negative concurrency limit");
  SIM_CHECK(memory_.try_allocate(hypervisor_lmbs_), config_.name, "hypervisor reserve exceeds installed memory");
}

bool ManagedSystem::supports_compat_mode(CompatMode mode) const {
  return std::find(config_.compat_modes.begin(), config_.compat_modes.end(), mode) != config_.compat_modes.end();
}

bool ManagedSystem::lpm_capable(MigrationKind kind) const {
  if (config_.edition != PowerVmEdition::enterprise) return false;
  return kind == MigrationKind::active ? config_.active_lpm_capable : config_.inactive_lpm_capable;
}

std::int64_t ManagedSystem::lmbs_for(sim::Bytes size) const {
  SIM_CHECK(size.count() >= 0, config_.name, "negative memory size");
  const std::int64_t lmb = config_.lmb_size.count();
  return (size.count() + lmb - 1) / lmb;
}

Outcome ManagedSystem::begin_migration(MigrationKind kind) {
  int& count = kind == MigrationKind::active ? active_migrations_ : inactive_migrations_;
  const int limit = migrations_supported(kind);
  if (count >= limit) {
    return Outcome::refused(config_.name + " already runs " + std::to_string(count) + " of " +
                            std::to_string(limit) + " supported " + std::string(kind_name(kind)) +
                            " migrations");
  }
  ++count;
  if (engine_.tracer())
    engine_.trace("system.migrations", config_.name,
                  {{"migration_kind", std::string(kind_name(kind))}, {"event", "begin"}, {"in_progress", count}});
  return Outcome::success();
}

void ManagedSystem::end_migration(MigrationKind kind) {
  int& count = kind == MigrationKind::active ? active_migrations_ : inactive_migrations_;
  SIM_CHECK(count > 0, config_.name, "end_migration without a migration in progress");
  --count;
  if (engine_.tracer())
    engine_.trace("system.migrations", config_.name,
                  {{"migration_kind", std::string(kind_name(kind))}, {"event", "end"}, {"in_progress", count}});
}

int ManagedSystem::migrations_in_progress(MigrationKind kind) const {
  return kind == MigrationKind::active ? active_migrations_ : inactive_migrations_;
}

int ManagedSystem::migrations_supported(MigrationKind kind) const {
  return kind == MigrationKind::active ? config_.max_active_migrations : config_.max_inactive_migrations;
}

void ManagedSystem::fail() {
  if (!operating_) return;
  operating_ = false;
  if (engine_.tracer()) engine_.trace("system.state", config_.name, {{"operating", false}});
}

void ManagedSystem::restore() {
  if (operating_) return;
  operating_ = true;
  if (engine_.tracer()) engine_.trace("system.state", config_.name, {{"operating", true}});
}

}  // namespace models::power
