// The firmware support matrix for partition mobility (lpm-protocol.md §5.1, S12) as data, and the
// firmware release of a managed system. Used by Validation's check LPMSIM-V008; a scenario or test
// may replace the table through ValidationSettings.
//   firmware_pair_supported(950, 1050, supported_firmware_pairs());  // true
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "models/power/managed_system.hpp"

namespace models::migration {

// Firmware releases as the HMC numbers them: FW950 → 950, FW1050 → 1050.
struct FirmwareRange {
  int low = 0;
  int high = 0;
  bool contains(int release) const { return release >= low && release <= high; }
};

// Migration between any release in `a` and any in `b`, in either direction.
struct FirmwarePair {
  FirmwareRange a;
  FirmwareRange b;
};

// A release that takes part only from a given service pack on ("840 only with SP 840_113").
struct FirmwareMinimum {
  int release = 0;
  int service_pack = 0;
};

// §5.1 as stated: POWER9 910–950 ↔ POWER9 and Power10 1010–1050; Power10 1060/1061 ↔
// POWER9, Power10 1010–1061; Power11 1110+ ↔ POWER9 910–950, Power10 1010–1061 and Power11;
// POWER8 810–860 ↔ POWER6 350, POWER7 730–783, POWER8 810–860. The POWER7 table itself is
// not in our copy, so POWER7 ↔ POWER7 is not listed.
std::vector<FirmwarePair> supported_firmware_pairs();
std::vector<FirmwareMinimum> firmware_service_packs();

// The release of a system: config.firmware_release when set, else parsed from firmware_level
// ("FW950.40" → 950); nullopt when neither says.
std::optional<int> firmware_release_of(const power::ManagedSystemConfig& config);
// The service pack in a level string: "FW840.113" or "FW840_113" → 113; nullopt without one.
std::optional<int> firmware_service_pack(std::string_view level);

bool firmware_pair_supported(int a, int b, const std::vector<FirmwarePair>& pairs);

}  // namespace models::migration
