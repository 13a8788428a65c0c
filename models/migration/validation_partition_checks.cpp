// Validation checks on the mobile partition itself (lpm-protocol.md §3.4, §2.3). Codes in
// validation.hpp. Checks marked "active" apply only to active migration (§4.1).
#include <string>

#include "models/migration/validation_checks.hpp"

namespace models::migration::checks {

namespace {

const std::string& name(const CheckContext& c) { return c.lpar.name(); }

bool aix_or_linux(const CheckContext& c) {
  return c.lpar.os() == power::OsType::aix || c.lpar.os() == power::OsType::linux;
}

std::string plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void check_not_vios(const CheckContext& c) {
  if (!c.lpar.config().is_vios) return;
  c.error(
      "LPMSIM-V020",
      "The partition " + name(c) +
          " is a Virtual I/O Server partition; Virtual I/O Server partitions cannot be migrated.");
}

// A migrating partition is V022's business.
void check_state(const CheckContext& c) {
  const power::LparState s = c.lpar.state();
  if (s == power::LparState::running || s == power::LparState::not_activated ||
      power::is_migrating(s))
    return;
  c.error("LPMSIM-V021", "The partition " + name(c) + " is in the " +
                             std::string(power::hmc_name(s)) +
                             " state; active migration needs the Running state and inactive "
                             "migration the Not Activated state.");
}

void check_not_migrating(const CheckContext& c) {
  if (!power::is_migrating(c.lpar.state())) return;
  c.error("LPMSIM-V022", "The partition " + name(c) + " is already migrating (" +
                             std::string(power::hmc_name(c.lpar.state())) + ").");
}

void check_rmc(const CheckContext& c) {
  if (!c.active() || !aix_or_linux(c) || c.lpar.config().rmc_active) return;
  c.error("LPMSIM-V023", "The partition " + name(c) +
                             " does not have an active RMC connection with the HMC, which active "
                             "migration of an AIX or Linux partition requires.");
}

void check_dlpar(const CheckContext& c) {
  if (!c.active() || !aix_or_linux(c) || c.lpar.config().dlpar_capable) return;
  c.error("LPMSIM-V024", "The partition " + name(c) +
                             " is not capable of dynamic LPAR memory and processor operations, "
                             "which active migration of an AIX or Linux partition requires.");
}

void check_ibmi_restricted_io(const CheckContext& c) {
  if (c.lpar.os() != power::OsType::ibmi || c.lpar.config().restricted_io) return;
  c.error("LPMSIM-V025", "The IBM i partition " + name(c) + " is not in restricted I/O mode.");
}

void check_physical_io(const CheckContext& c) {
  if (!c.active()) return;
  for (const power::PhysicalIo& io : c.lpar.config().physical_io) {
    std::string code = "LPMSIM-V026";
    std::string what = "the dedicated physical I/O adapter ";
    if (io.kind == power::PhysicalIoKind::lhea_port) {
      code = "LPMSIM-V027";
      what = "the logical Host Ethernet Adapter (LHEA) port ";
    } else if (io.kind == power::PhysicalIoKind::sriov_logical_port) {
      code = "LPMSIM-V028";
      what = "the SR-IOV logical port ";
    }
    c.error(code, "The partition " + name(c) + " owns " + what + io.location +
                      "; remove it with a dynamic LPAR operation before an active migration.");
  }
}

void check_huge_pages(const CheckContext& c) {
  const int n = c.lpar.config().huge_pages_16g;
  if (!c.active() || n <= 0) return;
  c.error("LPMSIM-V029", "The partition " + name(c) + " has " +
                             plural(n, "huge page", "huge pages") +
                             " of 16 GB; active migration is not possible with huge pages.");
}

void check_bsr(const CheckContext& c) {
  const int n = c.lpar.config().bsr_arrays;
  if (!c.active() || n <= 0) return;
  c.error("LPMSIM-V030", "The partition " + name(c) + " has " +
                             plural(n, "Barrier Synchronization Register (BSR) array",
                                    "Barrier Synchronization Register (BSR) arrays") +
                             "; active migration is not possible with BSR arrays.");
}

void check_error_path_reporting(const CheckContext& c) {
  if (!c.lpar.config().redundant_error_path_reporting) return;
  c.error("LPMSIM-V031", "Redundant error path reporting is enabled for the partition " + name(c) +
                             "; disable it before migrating.");
}

void check_virtual_optical(const CheckContext& c) {
  if (!c.lpar.config().virtual_optical) return;
  c.error("LPMSIM-V032", "The partition " + name(c) +
                             " has a virtual optical device; remove it before migrating.");
}

void check_unique_name(const CheckContext& c) {
  if (c.destination.hypervisor().find(name(c)) == nullptr) return;
  c.error("LPMSIM-V033", "A partition named " + name(c) +
                             " already exists on the destination managed system " +
                             c.destination.name() + ".");
}

void check_dest_lpar_id(const CheckContext& c) {
  if (!c.request.dest_lpar_id ||
      c.destination.hypervisor().find(*c.request.dest_lpar_id) == nullptr)
    return;
  c.error("LPMSIM-V034", "The partition ID " + std::to_string(*c.request.dest_lpar_id) +
                             " is already in use on the destination managed system " +
                             c.destination.name() + ".");
}

void check_profile_name(const CheckContext& c) {
  if (!c.request.dest_profile ||
      c.request.dest_profile->size() <= c.settings.max_profile_name_length)
    return;
  c.error("LPMSIM-V035", "The destination profile name " + *c.request.dest_profile +
                             " is longer than " +
                             std::to_string(c.settings.max_profile_name_length) + " characters.");
}

}  // namespace models::migration::checks
