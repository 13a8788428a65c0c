#include "models/migration/validation_firmware.hpp"

#include <cctype>

namespace models::migration {

namespace {

constexpr FirmwareRange kPower6{350, 350};
constexpr FirmwareRange kPower7{730, 783};
constexpr FirmwareRange kPower8{810, 860};
constexpr FirmwareRange kPower9{910, 950};
constexpr FirmwareRange kPower10{1010, 1050};
constexpr FirmwareRange kPower10Late{1060, 1061};
constexpr FirmwareRange kPower11{1110, 1199};

// Leading digits of `text` from `pos`; nullopt if there are none.
std::optional<int> digits_at(std::string_view text, std::size_t pos) {
  int value = 0;
  std::size_t n = 0;
  for (; pos + n < text.size() && std::isdigit(static_cast<unsigned char>(text[pos + n])) != 0; ++n)
    value = value * 10 + (text[pos + n] - '0');
  if (n == 0) return std::nullopt;
  return value;
}

}  // namespace

std::vector<FirmwarePair> supported_firmware_pairs() {
  return {
      {kPower9, kPower9},      {kPower9, kPower10},      {kPower10, kPower10},
      {kPower10Late, kPower9}, {kPower10Late, kPower10}, {kPower10Late, kPower10Late},
      {kPower11, kPower9},     {kPower11, kPower10},     {kPower11, kPower10Late},
      {kPower11, kPower11},    {kPower8, kPower6},       {kPower8, kPower7},
      {kPower8, kPower8},
  };
}

std::vector<FirmwareMinimum> firmware_service_packs() { return {{840, 113}}; }

std::optional<int> firmware_release_of(const power::ManagedSystemConfig& config) {
  if (config.firmware_release > 0) return config.firmware_release;
  const std::string_view level = config.firmware_level;
  if (level.size() < 3 || level.substr(0, 2) != "FW") return std::nullopt;
  return digits_at(level, 2);
}

std::optional<int> firmware_service_pack(std::string_view level) {
  const std::size_t sep = level.find_first_of("._");
  if (sep == std::string_view::npos) return std::nullopt;
  return digits_at(level, sep + 1);
}

bool firmware_pair_supported(int a, int b, const std::vector<FirmwarePair>& pairs) {
  for (const FirmwarePair& p : pairs) {
    if ((p.a.contains(a) && p.b.contains(b)) || (p.a.contains(b) && p.b.contains(a))) return true;
  }
  return false;
}

}  // namespace models::migration
