// The HMC's validator as the Hmc consumes it: models::migration::validate, its result turned into
// the Preflight a Migration applies. A separate seam so that verify's mutants and tests can put
// another validator in its place.
#pragma once

#include "models/migration/hmc.hpp"

namespace app::studies {

models::migration::Validator hmc_validator();

}  // namespace app::studies
