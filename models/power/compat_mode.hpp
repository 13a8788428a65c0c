// Processor generations and processor compatibility modes as the HMC names them
// (`lssyscfg -r sys -F lpar_proc_compat_modes`, `lssyscfg -r lpar -F curr_lpar_proc_compat_mode`).
// Used by ManagedSystem (supported modes), Lpar (current/preferred mode) and the validation
// checks of §3.2 ("destination supports the partition's processor compatibility mode").
#pragma once

#include <optional>
#include <string_view>

namespace models::power {

enum class ProcessorGeneration { power8, power9, power10, power11 };

// Ordered oldest → newest, so that `<` reads "older than". `default_mode` lets the hypervisor pick
// the highest mode the server supports at activation (§2.8).
enum class CompatMode { default_mode, power7, power8, power9_base, power9, power10, power11 };

// "POWER9", "Power10": IBM's spelling changed at Power10. [UNVERIFIED exact HMC spelling for
// Power10/Power11; the enum values, not the text, are what the model compares.]
std::string_view hmc_name(ProcessorGeneration g);
std::string_view hmc_name(CompatMode m);
// Inverse of hmc_name(CompatMode), exact match; nullopt for anything else.
std::optional<CompatMode> compat_mode_from_name(std::string_view name);

}  // namespace models::power
