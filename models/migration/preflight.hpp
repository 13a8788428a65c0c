// What the HMC's validation hands to a migration it accepts (lpm-protocol.md §2.1 steps 3–4):
// every message, the MSP pair(s) chosen (primary first, a redundant pair after it when used), and
// the plan of destination adapters that preparation applies and a rollback removes.
#pragma once

#include <vector>

#include "models/migration/migration_record.hpp"
#include "models/power/vios.hpp"

namespace models::migration {

struct MspPair {
  power::Vios* source = nullptr;
  power::Vios* destination = nullptr;
};

// One server adapter to define on a destination VIOS, with the mapping behind it.
struct PlannedAdapter {
  power::Vios* vios = nullptr;
  power::ServerAdapter adapter;  // slot, kind, client and client slot
  std::string backing;           // LUN (vSCSI), FC port (vFC) or SR-IOV port (vNIC)
};

struct Preflight {
  std::vector<ValidationMessage> messages;
  std::vector<MspPair> msp_pairs;
  std::vector<PlannedAdapter> adapters;
  // Source VIOSes serving the partition: unlock/unconfigure/undefine at completion (§2.7).
  std::vector<power::Vios*> source_vios;

  bool ok() const {
    for (const auto& m : messages) {
      if (m.severity == ValidationMessage::Severity::error) return false;
    }
    return true;
  }
};

}  // namespace models::migration
