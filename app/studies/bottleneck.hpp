// What held a migration back: its time from request to end split by the resource that bounded it
// — the concurrency queue, the HMC's fixed steps, and for the data transfer the link, the MSP's
// threads (concurrency_lvl), the MSP VIOS's CPU, or a dirty rate the passes could not outrun.
// Each pre-copy pass is judged by its effective bandwidth against the caps of the migration's
// MSPs and network path (models/power/msp.hpp's formula); the blackout and post-copy inherit the
// first pass's limit. Filled by Simulation::run for the console, the report and the HTML.
//   report::Bottleneck b = find_bottleneck(world, record);  // b.main()->resource == "link"
#pragma once

#include "app/report/run_report.hpp"
#include "models/migration/world.hpp"

namespace app::studies {

report::Bottleneck find_bottleneck(const models::migration::World& world,
                                   const models::migration::MigrationRecord& record);

}  // namespace app::studies
