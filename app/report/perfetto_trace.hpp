// The run as a Chrome trace-event JSON file (`lpmsim run --perfetto FILE.json`) that opens in
// ui.perfetto.dev and chrome://tracing. Processes and their threads (tracks):
//   1 "Managed systems"            a track per system: each migration out of / into it
//   2 "Mover service partitions"   a track per MSP ("sysA/vios1"): the streams it carried;
//                                  counters "<msp> active migrations"
//   3 "Migrations"                 a track per migration: phases as slices, pre-copy passes
//                                  nested under "precopy", validation messages and the outcome as
//                                  instants; counters "<lpar> dirty pages remaining"
//   4 "Network"                    counters "<link> throughput" (Gbit/s), "<link> utilisation" (%)
//   5 "HMC"                        counter "queued migrations"; faults as global instants
// Where slices of one track overlap (concurrent streams on an MSP), extra tracks "<name> (2)", …
// hold them. Deterministic: same RunReport → same bytes.
#pragma once

#include <ostream>

#include "app/report/run_report.hpp"

namespace app::report {

void write_perfetto(const RunReport& report, std::ostream& out);

}  // namespace app::report
