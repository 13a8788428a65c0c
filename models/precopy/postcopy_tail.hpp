// models::precopy::PostcopyTail: PowerVM's hybrid tail (lpm-protocol.md §2.6, precopy-models.md
// §7). Started by the protocol when the partition resumes on the destination: the pages still
// missing there are pushed in the background through the ChunkChannel while every touch of a
// missing page is a demand fault, fetched from the source at RTT + page time. Both share the one
// MSP stream: the pages faulted while a push chunk was in flight go with the next chunk (alone
// only when no push is left), so the stream never holds more than max_chunks_in_flight
// transfers. Reports the fault count and total stall, and calls back when the last page is in
// (VASI Resumed → Completed).
//   PostcopyTail tail(engine, "db01", *pages, channel, {}, precopy_config.chunk);
//   tail.start([&](const PostcopyReport& r) { /* VASI Completed; source may clean up */ });
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "models/memory/page_state.hpp"
#include "models/precopy/chunk_channel.hpp"
#include "models/precopy/pass_stats.hpp"
#include "sim/engine.hpp"
#include "sim/lifeline.hpp"

namespace models::precopy {

struct PostcopyConfig {
  // Background push chunk. Unset = the pre-copy chunk (PrecopyConfig::chunk), handed to the tail
  // as the stream's chunk: the push goes over the same MSP stream, which moves data in small
  // chunks (lpm-protocol.md §1, MSP) [assumption].
  std::optional<sim::Bytes> chunk;
  // Transfers open on the stream at once: push chunks, carrying the demand-fetched pages.
  int max_chunks_in_flight = 2;  // [assumption]
  // Touches of memory per page write: reads of missing pages fault too, the workloads only
  // describe writes [assumption: 1, i.e. only writes counted].
  double touch_factor = 1.0;
  // Expected mode: the push takes at least this fraction of what was missing at resume per
  // step, so a terabyte tail costs a bounded number of events.
  double expected_min_step = 1.0 / 64;
};

enum class PostcopyState { idle, pushing, completed, failed };

class PostcopyTail {
 public:
  // `stream_chunk`: the migration stream's chunk (PrecopyConfig::chunk), pushed when
  // config.chunk is unset.
  PostcopyTail(sim::Engine& engine, std::string component, memory::PageState& pages,
               ChunkChannel& channel, PostcopyConfig config, sim::Bytes stream_chunk);
  ~PostcopyTail();
  PostcopyTail(const PostcopyTail&) = delete;
  PostcopyTail& operator=(const PostcopyTail&) = delete;

  // At resume (the page state must be frozen after the blackout). `on_complete` fires from an
  // engine event once no page is missing; `on_failed` if a push chunk's path failed.
  void start(std::function<void(const PostcopyReport&)> on_complete,
             std::function<void(const std::string&)> on_failed = {});
  PostcopyState state() const { return state_; }
  const PostcopyReport& report() const { return report_; }

 private:
  void pump();
  void on_chunk_done(const memory::Chunk& chunk, bool ok);
  void account_faults();
  void send_unsent_faults();
  void fail(const char* reason);
  void complete();

  sim::Engine& engine_;
  std::string component_;
  memory::PageState& pages_;
  ChunkChannel& channel_;
  PostcopyConfig config_;
  sim::Bytes chunk_;
  PostcopyState state_ = PostcopyState::idle;
  double step_pages_ = 1;
  int in_flight_ = 0;
  double stall_seconds_ = 0;
  // Wire bytes of demand-fetched pages not yet put on the stream.
  double unsent_fault_bytes_ = 0;
  PostcopyReport report_;
  std::function<void(const PostcopyReport&)> on_complete_;
  std::function<void(const std::string&)> on_failed_;
  sim::Lifeline lifeline_;
};

}  // namespace models::precopy
