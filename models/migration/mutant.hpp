// models::migration::Mutant: deliberate protocol bugs for the verify mutation self-test
// (issue 7). `lpmsim verify --mutant NAME` selects one; the checker must catch each of them,
// which proves it can fail. Never set outside verify and its tests; Mutant::none is the protocol.
//   hmc.set_mutant(Mutant::skip_source_cleanup);  // before the first request
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace models::migration {

enum class Mutant {
  none,
  skip_source_cleanup,    // completion leaves the source's partition, adapters and memory behind
  early_resume,           // the destination resumes before the blackout transfer has ended
  early_source_free,      // the source frees the partition at resume, before post-copy is done
  ignore_msp_limit,       // admission takes no MSP token (cfg_msp_lpm_ops is not enforced)
  rollback_after_resume,  // a post-resume failure is recovered as a rollback to the source
};

std::string_view to_string(Mutant m);
std::optional<Mutant> mutant_from_name(std::string_view name);
// Every mutant but none, in declaration order.
std::vector<Mutant> all_mutants();

}  // namespace models::migration
