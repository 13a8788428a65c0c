// Inactive partition mobility (lpm-protocol.md §4.1, §3 column "I"): a Not Activated partition is
// moved as configuration only — no MSPs, no VASI stream, no pre-copy, no blackout. The HMC creates
// the shell and the server adapters on the destination (as in §2.3), moves all profiles and the
// NVRAM itself, then cleans the source as in §2.7. The partition shows "Migrating - Not
// Activated" meanwhile (§4.2) and counts against the systems' inactive limit (admitted by the Hmc).
#include "models/migration/migration.hpp"
#include "sim/check.hpp"

namespace models::migration {

void Migration::prepare_inactive() {
  set_state(MigrationState::preparing);
  begin_phase("preparation");
  const power::Outcome taken = take_destination_resources();
  if (!taken) return roll_back("preparation failed: " + taken.reason());
  (void)lpar_.change_state(power::LparState::migrating_not_activated);
  const auto& p = settings_.protocol;
  schedule(sim::scaled(p.shell_creation + p.vios_adapter_define * static_cast<std::int64_t>(preflight_.adapters.size()),
                       variation_.preparation),
           &Migration::finish_inactive_preparation);
}

void Migration::finish_inactive_preparation() {
  if (!hmc_connected_) return when_hmc_reachable([this] { finish_inactive_preparation(); });
  end_phase();
  begin_phase("profile transfer");
  schedule(sim::scaled(settings_.protocol.inactive_profile_transfer, variation_.preparation),
           &Migration::finish_profile_transfer);
}

// The profiles and NVRAM are on the destination: the shell becomes the partition's definition
// there (still Not Activated); the source copy goes at completion.
void Migration::finish_profile_transfer() {
  if (!hmc_connected_) return when_hmc_reachable([this] { finish_profile_transfer(); });
  end_phase("profiles and NVRAM");
  destination_->hypervisor().commit_shell(*dest_id_);
  set_state(MigrationState::completing);
  begin_phase("completion");
  schedule(completion_time(), &Migration::finish_inactive_completion);
}

void Migration::finish_inactive_completion() {
  clean_source();
  (void)lpar_.change_state(power::LparState::not_activated);
  end_phase();
  record_.post_requisites.push_back("activate " + lpar_.name() + " on " + destination_->name() +
                                    " when needed (it was moved inactive)");
  terminate(MigrationState::completed, MigrationOutcome::completed, "defined on " + destination_->name() + " (Not Activated)");
}

}  // namespace models::migration
