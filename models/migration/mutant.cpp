#include "models/migration/mutant.hpp"

namespace models::migration {

std::string_view to_string(Mutant m) {
  switch (m) {
    case Mutant::none: return "none";
    case Mutant::skip_source_cleanup: return "skip_source_cleanup";
    case Mutant::early_resume: return "early_resume";
    case Mutant::early_source_free: return "early_source_free";
    case Mutant::ignore_msp_limit: return "ignore_msp_limit";
    case Mutant::rollback_after_resume: return "rollback_after_resume";
  }
  return "unknown";
}

std::vector<Mutant> all_mutants() {
  return {Mutant::skip_source_cleanup, Mutant::early_resume, Mutant::early_source_free,
          Mutant::ignore_msp_limit, Mutant::rollback_after_resume};
}

std::optional<Mutant> mutant_from_name(std::string_view name) {
  if (name == "none") return Mutant::none;
  for (const Mutant m : all_mutants()) {
    if (to_string(m) == name) return m;
  }
  return std::nullopt;
}

}  // namespace models::migration
