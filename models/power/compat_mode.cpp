#include "models/power/compat_mode.hpp"

#include <array>
#include <utility>

namespace models::power {

namespace {

constexpr std::array<std::pair<CompatMode, std::string_view>, 7> kCompatNames{{
    {CompatMode::default_mode, "default"},
    {CompatMode::power7, "POWER7"},
    {CompatMode::power8, "POWER8"},
    {CompatMode::power9_base, "POWER9_base"},
    {CompatMode::power9, "POWER9"},
    {CompatMode::power10, "Power10"},
    {CompatMode::power11, "Power11"},
}};

}  // namespace

std::string_view hmc_name(ProcessorGeneration g) {
  switch (g) {
    case ProcessorGeneration::power8: return "POWER8";
    case ProcessorGeneration::power9: return "POWER9";
    case ProcessorGeneration::power10: return "Power10";
    case ProcessorGeneration::power11: return "Power11";
  }
  return "Unknown";
}

std::string_view hmc_name(CompatMode m) {
  for (const auto& [mode, name] : kCompatNames) {
    if (mode == m) return name;
  }
  return "Unknown";
}

std::optional<CompatMode> compat_mode_from_name(std::string_view name) {
  for (const auto& [mode, text] : kCompatNames) {
    if (text == name) return mode;
  }
  return std::nullopt;
}

}  // namespace models::power
