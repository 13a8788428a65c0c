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
// link (a step function). lpmsim run keeps one per link per RunReport::link_resolution (the
// time-weighted mean over that interval) or, with a resolution of zero, one per change.
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

// What held one migration back, as shares of its time from request to end (issue 17). Resources:
// "link" (the LPM network path), "MSP CPU" (the mover's threads at its concurrency_lvl),
// "VIOS CPU" (the MSP VIOS's entitled processors, shared by its migrations), "dirty rate"
// (pre-copy passes that did not shrink what was left), "concurrency queue" (waiting for
// admission), "HMC steps" (validation, preparation, suspend, resume, completion).
struct LimitShare {
  std::string resource;
  double share = 0;  // of the migration's total time, in [0, 1]
};
struct Bottleneck {
  std::vector<LimitShare> shares;  // largest first; empty for a migration that never ran
  // The largest share other than "HMC steps" (or "HMC steps" when nothing else took time).
  const LimitShare* main() const {
    for (const auto& s : shares)
      if (s.resource != "HMC steps") return &s;
    return shares.empty() ? nullptr : &shares.front();
  }
};

struct RunReport {
  std::string scenario_file;  // as given on the command line
  std::uint64_t seed = 0;
  std::string version{app::version()};
  sim::Time end;                                       // simulated time when the run stopped
  std::uint64_t events_executed = 0;                   // sim::Engine::events_executed()
  // The effective scenario, defaults filled, in scenario::to_json's key order; writers print its
  // keys sorted (diffable whatever the order it was built in).
  nlohmann::ordered_json scenario = nlohmann::ordered_json::object();
  std::vector<models::migration::MigrationRecord> migrations;  // in request order
  std::vector<Bottleneck> bottlenecks;                         // parallel to migrations
  std::vector<models::migration::FaultRecord> faults;          // in time order
  sim::Duration link_resolution = sim::Duration::zero();       // of link_samples; zero: every change
  std::vector<LinkSample> link_samples;                        // in time order
  std::vector<MspConcurrencySample> msp_samples;               // in time order
  std::vector<QueueSample> hmc_queue;                          // in time order
};

}  // namespace app::report
