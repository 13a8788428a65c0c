// Inside the importer: the state shared while writing the scenario — the problems, the assumptions
// (merged by key, value and reason, with the partitions or systems each applies to) and the
// quantity formatting of HMC megabytes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/hmc_import/estate_import.hpp"
#include "app/hmc_import/estate_model.hpp"

namespace app::hmc_import::detail {

struct ScenarioBuilder {
  ImportProblems& problems;
  const MemoryInUse& memory_in_use; // measured, by partition name (may be empty)
  std::vector<Assumption> assumptions;
  std::vector<std::vector<std::string>> subjects; // parallel to assumptions
  std::vector<std::string> not_migratable;        // partitions with dedicated physical I/O

  void assume(const std::string& key, const std::string& value, const std::string& reason,
              const std::string& subject = {});
};

// 4096 → "4GiB", 1536 → "1536MiB".
std::string megabytes(std::int64_t mb);

// ASCII lower case: HMC values are matched without regard to case ("AIX", "Power10", "0C04").
std::string lower(std::string_view s);

// The LUN id the importer gives a client adapter's disks (the HMC does not list LUN ids).
std::string assumed_lun(const PartitionData& lpar, const char* kind, std::int64_t slot);

// Client vSCSI, vFC and vEth adapters of `lpar` (sorted by slot), and the LUNs they use.
nlohmann::ordered_json client_adapters(ScenarioBuilder& b, SystemData& s, const PartitionData& lpar,
                                       std::vector<std::string>& luns);

// Memory (MB) and processing units a system's running partitions use, for sizing a system the
// listings do not size.
struct Usage {
  std::int64_t memory_mb = 0;
  double processors = 0;
};

// "POWER9_base" → "power9_base"; nullopt for a mode lpmsim does not model (POWER6, POWER7+ …).
std::optional<std::string> compat_mode(std::string_view hmc);

// One client LPAR (`ptr` its JSON pointer), adding the LUNs its adapters use to `luns`.
nlohmann::ordered_json client_lpar(ScenarioBuilder& b, SystemData& s, const PartitionData& p,
                                   const std::string& ptr, Usage& usage,
                                   std::vector<std::string>& luns);

// One VIOS; when it is an MSP, the name of its network interface is added to `msp_interfaces`.
nlohmann::ordered_json vios_entry(ScenarioBuilder& b, const SystemData& s, const PartitionData& v,
                                  const Estate& e, const std::string& ptr, Usage& usage,
                                  std::vector<std::string>& msp_interfaces);

// The dedicated physical adapters a client LPAR owns (lshwres -r io --rsubtype slot), each noted
// in `b.not_migratable` with the key to change (`ptr` is the LPAR's JSON pointer).
nlohmann::ordered_json physical_adapters(ScenarioBuilder& b, const SystemData& s,
                                         const PartitionData& lpar, const std::string& ptr);

// The SEAs of a VIOS: one per trunk virtual Ethernet adapter.
nlohmann::ordered_json vios_seas(ScenarioBuilder& b, const PartitionData& vios);

} // namespace app::hmc_import::detail
