// models::precopy::PrecopyLoop: the iterative pre-copy of one migrating partition. Pass 1 sends
// every touched page, each later pass the pages dirtied since they were last sent; chunks go
// through a ChunkChannel while the workload keeps dirtying; at each pass end (a dirty-bitmap
// sync) the StopPolicy decides. The protocol (models/migration) owns the when of suspension:
// the loop reports "stop decided" through a hook, the protocol calls suspend() once the OS has
// suspended, then run_blackout(), and for the hybrid mode starts a PostcopyTail at resume.
//   PrecopyLoop loop(engine, "db01", *pages, workload, channel, policy, {});
//   loop.start({.on_stop_decided = [&](const StopReport&) { loop.suspend(); loop.run_blackout(done); }});
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/memory/page_state.hpp"
#include "models/precopy/chunk_channel.hpp"
#include "models/precopy/convergence_policy.hpp"
#include "models/precopy/pass_stats.hpp"
#include "models/precopy/stop_policy.hpp"
#include "sim/engine.hpp"
#include "sim/lifeline.hpp"

namespace models::precopy {

// pure_precopy: every remaining page is sent during the blackout (Xen, QEMU without post-copy).
// hybrid: the blackout carries only the CPU/device state; the remaining pages follow in the
// post-copy tail (PowerVM resumes before all memory has arrived, lpm-protocol.md §2.6).
enum class SwitchoverMode { pure_precopy, hybrid };

struct PrecopyConfig {
  sim::Bytes chunk{1 << 20};     // pages leave in 1 MiB chunks (issue 5) [assumption]
  int max_chunks_in_flight = 2;  // double buffering per stream [assumption]
  // Share of a slice the rate-limited stream (StopPolicy::live_rate_limit) can use: the slice
  // lasts bandwidth_window / live_rate_efficiency, because the sender resumes a little after each
  // slice ends (QEMU: the migration thread's wake-up and bookkeeping). Fitted by `lpmsim
  // calibrate` [assumption: 1].
  double live_rate_efficiency = 1.0;
  // CPU and device state moved during the blackout. assumption: 16 MiB — unpublished (§5.5);
  // vCPU registers are kilobytes, virtual adapters, VASI and HPT bookkeeping add more.
  sim::Bytes state_bytes{16 << 20};
  // Rate of the stop-and-copy stream, separate from the live rate limit: QEMU's is what the
  // sender's CPU and the link manage once the cap is lifted (fidelity/README.md). Unset = the
  // path's rate.
  std::optional<sim::BytesPerSecond> switchover_rate;
  // Fixed part of the blackout besides the transfer: stopping vCPUs, saving and loading device
  // state (QEMU: a few ms, fitted by `lpmsim calibrate`) [assumption: 0].
  sim::Duration switchover_cost = sim::Duration::zero();
  SwitchoverMode switchover = SwitchoverMode::hybrid;  // PowerVM resumes before all pages arrive (§2.6)
  // How pages go on the stream (tracking granularity, zero pages, per-page header): every
  // partition's MemoryConfig takes these (memory::PageStreamConfig holds their defaults).
  memory::PageStreamConfig page_stream;
};

// One run's factors on the stop-and-copy (models::migration::RunVariation, issue 17): its
// transfer speed and its fixed switchover_cost; both exactly 1 when the run is not varied.
struct StopAndCopyVariation {
  double speed = 1;
  double fixed_cost = 1;
};

struct PrecopyHooks {
  std::function<void(const StopReport&)> on_stop_decided;  // the partition may suspend now
  std::function<void(const std::string& reason)> on_failed;  // a chunk's path failed
  // The management layer (ConvergencePolicy) gave up at a pass end: the loop stopped copying
  // (state aborted) and the protocol must roll the migration back.
  std::function<void(const std::string& reason)> on_abort_requested;
};

enum class PrecopyState { idle, copying, stop_decided, suspended, blackout, done, failed, aborted };
const char* to_string(PrecopyState state);

class PrecopyLoop {
 public:
  PrecopyLoop(sim::Engine& engine, std::string component, memory::PageState& pages,
              memory::Workload& workload, ChunkChannel& channel, StopPolicy& policy,
              PrecopyConfig config);
  ~PrecopyLoop();
  PrecopyLoop(const PrecopyLoop&) = delete;
  PrecopyLoop& operator=(const PrecopyLoop&) = delete;

  // Starts pass 1 now. Hooks fire from engine events (chunk completions) — except when nothing
  // at all is to be sent, where the first pass is empty and the stop is decided inside start().
  void start(PrecopyHooks hooks);
  // The OS has suspended (state stop_decided): dirtying stops, the last sync gathers what the
  // destination still lacks.
  SuspendReport suspend();
  // Sends the state (and, in pure_precopy, every remaining page) with no rate limit; `on_done`
  // fires when the last byte has arrived. State suspended → blackout → done.
  void run_blackout(std::function<void(const BlackoutReport&)> on_done);
  // The management layer gives up (QEMU never stops on its own); the partition keeps running.
  void abort();
  // Puts a management layer above the stop policy (before start(); null = none, PowerVM's
  // default). It is consulted at each pass end after the stop policy; it must outlive the loop.
  void set_convergence(ConvergencePolicy* layer) { convergence_ = layer; }
  // This run's stop-and-copy factors (before run_blackout). A speed below 1 holds the blackout
  // for (1/speed − 1) × its transfer time; one above 1 raises a switchover_rate by that factor,
  // as far as the path allows, and changes nothing at the path's own rate (no stream outruns it).
  void set_stop_and_copy_variation(StopAndCopyVariation v) { variation_ = v; }
  // This run's factor on live_rate_efficiency (the product capped at 1; before start()).
  void set_live_rate_variation(double factor) { live_rate_factor_ = factor; }
  // How the blackout ends: the configured mode, unless the management layer forced another.
  SwitchoverMode switchover() const { return switchover_; }

  PrecopyState state() const { return state_; }
  const std::vector<PassStats>& passes() const { return passes_; }
  double total_pages_sent() const { return total_pages_sent_; }
  double total_wire_bytes() const { return total_wire_bytes_; }
  const PrecopyConfig& config() const { return config_; }

 private:
  void set_state(PrecopyState next);
  void begin_pass();
  void pump();
  void roll_window();
  double slice_budget() const;
  sim::Duration slice_length() const;
  bool wait_for_slice();
  double pages_to_take(double pending) const;
  void send_chunk(const memory::Chunk& chunk, double wire, bool live);
  void on_chunk_done(const memory::Chunk& chunk, double wire, bool ok, bool live);
  void end_pass();
  StopContext context() const;
  void trace_pass(const PassStats& pass) const;
  bool apply_convergence(StopDecision& decision);
  void pump_blackout();
  bool wait_for_switchover_rate();
  bool wait_for_slower_stop_and_copy();
  void finish_blackout();
  sim::Bytes round_wire(double wire);

  sim::Engine& engine_;
  std::string component_;
  memory::PageState& pages_;
  memory::Workload& workload_;
  ChunkChannel& channel_;
  StopPolicy& policy_;
  PrecopyConfig config_;
  ConvergencePolicy* convergence_ = nullptr;
  SwitchoverMode switchover_;
  double wire_per_page_;
  double page_bytes_;
  double chunk_pages_;
  PrecopyHooks hooks_;
  PrecopyState state_ = PrecopyState::idle;
  std::vector<PassStats> passes_;
  PassStats current_;
  double writes_at_pass_start_ = 0;
  int in_flight_ = 0;
  double total_pages_sent_ = 0;
  double total_wire_bytes_ = 0;
  double wire_exact_ = 0;         // cumulative wire bytes as a double …
  std::int64_t wire_rounded_ = 0;  // … and as whole bytes handed to the channel
  sim::Time started_at_;
  sim::Time window_start_;
  double window_bytes_ = 0;
  sim::BytesPerSecond window_bandwidth_{0};
  double sync_threshold_bytes_ = 0;  // the policy's threshold from the last window
  bool check_due_ = false;           // a new window began: compare pending with the threshold
  bool sync_due_ = false;            // the pass ends once the chunks in flight are in
  sim::EventId wake_;
  sim::Time stop_at_;
  BlackoutReport blackout_;
  bool switchover_cost_paid_ = false;
  bool slowdown_paid_ = false;
  StopAndCopyVariation variation_;
  double live_rate_factor_ = 1;
  std::function<void(const BlackoutReport&)> on_blackout_done_;
  sim::Lifeline lifeline_;
};

}  // namespace models::precopy
