// Inside the importer: the listings grouped by managed system and partition (records joined on
// lpar_id, else lpar_name), and typed reading of one record's values with a problem for each bad
// one (file:line: command: attribute: what was expected).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/hmc_import/hmc_listing.hpp"
#include "app/hmc_import/import_problems.hpp"

namespace app::hmc_import::detail {

struct PartitionData {
  int id = 0;
  std::string name;
  std::string env;                       // aixlinux, os400 or vioserver
  const HmcRecord* config = nullptr;     // lssyscfg -r lpar
  const HmcRecord* memory = nullptr;     // lshwres -r mem --level lpar
  const HmcRecord* processors = nullptr; // lshwres -r proc --level lpar
  const HmcRecord* slots = nullptr;      // lshwres -r virtualio --rsubtype slot
  std::vector<const HmcRecord*> scsi, fc, eth;
  std::vector<const HmcRecord*> io_slots; // lshwres -r io --rsubtype slot: physical slots owned
  bool is_vios() const { return env == "vioserver"; }
};

struct MspListing {
  std::string target; // -t
  const HmcRecord* record = nullptr;
};

struct SystemData {
  std::string name;
  const HmcRecord* config = nullptr;     // lssyscfg -r sys
  const HmcRecord* memory = nullptr;     // lshwres -r mem --level sys
  const HmcRecord* processors = nullptr; // lshwres -r proc --level sys
  const HmcRecord* migration = nullptr;  // lslparmigr -r sys
  std::vector<PartitionData> partitions;
  std::vector<HmcCommand> listed; // the per-system commands given for this system
  std::vector<MspListing> msp_pairs;

  bool has(HmcCommand c) const;
  PartitionData* find(int id);
  PartitionData* find(std::string_view name);
};

struct Estate {
  std::vector<SystemData> systems;
  SystemData* find(std::string_view name);
};

Estate collect_estate(const std::vector<HmcListing>& listings, ImportProblems& problems);

// Typed access to one record's values.
class Fields {
public:
  Fields(const HmcRecord& record, HmcCommand command, ImportProblems& problems)
      : r_(record), command_(command), p_(problems) {}

  const std::string* text(std::string_view attribute, bool required = true) const;
  // Integers printed by the HMC ("4096", or "48.0" for whole processor units).
  std::optional<std::int64_t> integer(std::string_view attribute, std::int64_t lo, std::int64_t hi,
                                      std::string_view what, bool required = true) const;
  std::optional<double> number(std::string_view attribute, double lo, double hi,
                               std::string_view what, bool required = true) const;
  // A comma list value ("none" and "" are empty).
  std::vector<std::string> list(std::string_view attribute) const;
  void error(std::string_view attribute, std::string_view message) const;
  void warning(std::string_view attribute, std::string_view message) const;
  const HmcRecord& record() const { return r_; }

private:
  const HmcRecord& r_;
  HmcCommand command_;
  ImportProblems& p_;
};

} // namespace app::hmc_import::detail
