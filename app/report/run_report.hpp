// RunReport: everything one `lpmsim run` leaves for its outputs — identity of the run, the
// effective scenario, one MigrationRecord per request, the faults, and time series sampled during
// the run. Filled by the run driver (app/studies, app/cli); read by every writer in app/report/.
// Plain structs, no behaviour: same RunReport → byte-identical outputs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/version.hpp"
#include "models/migration/migration_record.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::report {

// Throughput of one network link. A sample holds from `at` until the next sample of the same
// link (a step function), so emit one whenever the flow network recomputes its shares.
struct LinkSample {
  sim::Time at;
  std::string link;                   // the topology's link name
  sim::BytesPerSecond throughput{0};  // all flows on the link
  double utilisation = 0;             // throughput / capacity, in [0, 1]
};

// Active migrations (VASI streams) on one mover service partition; a step function like
// LinkSample. MSP names repeat across systems ("vios1"), so the system is part of the key.
struct MspConcurrencySample {
  sim::Time at;
  std::string system;
  std::string msp;
  int active = 0;
};

// Migrations waiting in the HMC's admission queue (lpm-protocol.md §5.2); a step function.
struct QueueSample {
  sim::Time at;
  int queued = 0;
};

struct RunReport {
  std::string scenario_file;  // as given on the command line
  std::uint64_t seed = 0;
  std::string version{app::version()};
  sim::Time end;                                       // simulated time when the run stopped
  std::uint64_t events_executed = 0;                   // sim::Engine::events_executed()
  nlohmann::json scenario = nlohmann::json::object();  // effective scenario, defaults filled
  std::vector<models::migration::MigrationRecord> migrations;  // in request order
  std::vector<models::migration::FaultRecord> faults;          // in time order
  std::vector<LinkSample> link_samples;                        // in time order
  std::vector<MspConcurrencySample> msp_samples;               // in time order
  std::vector<QueueSample> hmc_queue;                          // in time order
};

}  // namespace app::report
