// Validation checks on the two managed systems and their hypervisors (lpm-protocol.md §3.1, §3.2,
// §5.1, §5.2, §7). Codes in validation.hpp.
#include <string>

#include "models/migration/validation_checks.hpp"

namespace models::migration::checks {

namespace {

std::string side(const CheckContext& c, const power::ManagedSystem& s) {
  return std::string(&s == &c.source ? "source" : "destination") + " managed system " + s.name();
}

}  // namespace

void check_systems_operating(const CheckContext& c) {
  for (const power::ManagedSystem* s : {&c.source, &c.destination})
    if (!s->operating()) c.error("LPMSIM-V005", "The " + side(c, *s) + " is not operating.");
}

void check_enterprise_edition(const CheckContext& c) {
  for (const power::ManagedSystem* s : {&c.source, &c.destination}) {
    if (s->config().edition != power::PowerVmEdition::enterprise)
      c.error("LPMSIM-V006",
              "The " + side(c, *s) +
                  " does not have PowerVM Enterprise Edition, which partition mobility requires.");
  }
}

// The edition is V006's business; this one reports the capability flag alone.
void check_mobility_capability(const CheckContext& c) {
  for (const power::ManagedSystem* s : {&c.source, &c.destination}) {
    const bool capable =
        c.active() ? s->config().active_lpm_capable : s->config().inactive_lpm_capable;
    if (!capable)
      c.error("LPMSIM-V007", "The " + side(c, *s) + " is not capable of " + kind_word(c.kind) +
                                 " partition mobility.");
  }
}

void check_firmware_pair(const CheckContext& c) {
  const auto a = firmware_release_of(c.source.config());
  const auto b = firmware_release_of(c.destination.config());
  for (const auto& [s, release] : {std::pair{&c.source, a}, std::pair{&c.destination, b}}) {
    if (!release) {
      c.error("LPMSIM-V008",
              "The firmware level of the " + side(c, *s) + " (" + s->config().firmware_level +
                  ") is unknown, so it cannot be matched against the supported firmware pairs.");
      return;
    }
    for (const FirmwareMinimum& m : c.settings.firmware_minimums) {
      const auto sp = firmware_service_pack(s->config().firmware_level);
      if (*release == m.release && (!sp || *sp < m.service_pack))
        c.error("LPMSIM-V008", "The firmware level " + s->config().firmware_level + " of the " +
                                   side(c, *s) + " is below FW" + std::to_string(m.release) + "_" +
                                   std::to_string(m.service_pack) + ", the first " +
                                   std::to_string(m.release) +
                                   " level supported for partition mobility.");
    }
  }
  if (!firmware_pair_supported(*a, *b, c.settings.firmware_pairs))
    c.error("LPMSIM-V008", "The firmware levels of the source managed system " + c.source.name() +
                               " (" + c.source.config().firmware_level +
                               ") and the destination managed system " + c.destination.name() +
                               " (" + c.destination.config().firmware_level +
                               ") are not a supported pair for partition mobility.");
}

// Active: the mode the partition runs in now; inactive: the mode it will ask for at activation.
// "default" lets the destination's hypervisor choose, so any server accepts it.
void check_compat_mode(const CheckContext& c) {
  const auto& cfg = c.lpar.config();
  const power::CompatMode mode = c.active() ? cfg.current_compat_mode : cfg.preferred_compat_mode;
  if (mode == power::CompatMode::default_mode || c.destination.supports_compat_mode(mode)) return;
  c.error("LPMSIM-V009", "The destination managed system " + c.destination.name() +
                             " does not support the partition's processor compatibility mode " +
                             std::string(power::hmc_name(mode)) + ".");
}

void check_lmb_size(const CheckContext& c) {
  if (c.source.lmb_size() == c.destination.lmb_size()) return;
  c.error("LPMSIM-V010", "The logical memory block size of the source managed system " +
                             c.source.name() + " (" + memory_text(c.source.lmb_size()) +
                             ") differs from that of the destination managed system " +
                             c.destination.name() + " (" + memory_text(c.destination.lmb_size()) +
                             ").");
}

void check_processors(const CheckContext& c) {
  const power::ProcessingUnits need = c.lpar.processor_capacity();
  const auto free = power::ProcessingUnits::hundredths(c.destination.processors().free());
  if (need <= free) return;
  c.error("LPMSIM-V011", "The destination managed system " + c.destination.name() +
                             " does not have enough available processors: " + format_units(need) +
                             " processing units requested, " + format_units(free) + " available.");
}

// The shell gets the desired memory rounded up to whole LMBs (§7), as reserve_shell does.
void check_memory(const CheckContext& c) {
  const std::int64_t lmbs = c.destination.lmbs_for(c.lpar.config().memory_desired);
  if (lmbs <= c.destination.memory().free()) return;
  c.error("LPMSIM-V012", "The destination managed system " + c.destination.name() +
                             " does not have enough available memory: " +
                             memory_text(c.destination.lmb_size() * lmbs) + " requested, " +
                             memory_text(c.destination.free_memory()) + " available.");
}

// §3.1 lists "migrations in progress < supported" as a check; here it is a warning because the
// Hmc queues the migration instead of refusing it (§8.5 [INF]).
void check_concurrency(const CheckContext& c, const std::vector<MspPair>& pairs) {
  for (const power::ManagedSystem* s : {&c.source, &c.destination}) {
    const int running = s->migrations_in_progress(c.kind);
    const int supported = s->migrations_supported(c.kind);
    if (running >= supported)
      c.warning("LPMSIM-V013", "The " + side(c, *s) + " already runs " + std::to_string(running) +
                                   " of " + std::to_string(supported) + " supported " +
                                   kind_word(c.kind) +
                                   " migrations; the migration waits for one to end.");
  }
  if (pairs.empty()) return;
  for (const power::Vios* v : {pairs.front().source, pairs.front().destination}) {
    const power::Msp& msp = *v->msp();
    if (msp.active_migrations() >= msp.config().cfg_msp_lpm_ops)
      c.warning("LPMSIM-V013",
                "The mover service partition " + v->name() + " already runs " +
                    std::to_string(msp.active_migrations()) + " of " +
                    std::to_string(msp.config().cfg_msp_lpm_ops) +
                    " migrations (cfg_msp_lpm_ops); the migration waits for one to end.");
  }
}

}  // namespace models::migration::checks
