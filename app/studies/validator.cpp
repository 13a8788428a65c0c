#include "app/studies/validator.hpp"

#include "models/migration/validation.hpp"

namespace app::studies {

models::migration::Validator hmc_validator() {
  return [](const models::migration::World& world, const models::migration::MigrationRequest& request) {
    return models::migration::to_preflight(models::migration::validate(world, request));
  };
}

}  // namespace app::studies
