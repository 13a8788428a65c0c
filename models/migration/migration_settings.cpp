#include "models/migration/migration_settings.hpp"

namespace models::migration {

std::unique_ptr<precopy::StopPolicy> make_stop_policy(const StopPolicyConfig& config) {
  return std::visit(
      [](const auto& c) -> std::unique_ptr<precopy::StopPolicy> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, precopy::PowervmPolicyConfig>) return std::make_unique<precopy::PowervmPolicy>(c);
        else if constexpr (std::is_same_v<C, precopy::XenPolicyConfig>) return std::make_unique<precopy::XenPolicy>(c);
        else if constexpr (std::is_same_v<C, precopy::QemuPolicyConfig>) return std::make_unique<precopy::QemuPolicy>(c);
        else return std::make_unique<precopy::SimgridPolicy>(c);
      },
      config);
}

}  // namespace models::migration
