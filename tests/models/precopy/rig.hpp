// Test rig: one partition's pre-copy over a FixedRateChannel, driven to completion the way the
// protocol will drive it (suspend at the stop decision, blackout, post-copy tail at resume).
#pragma once

#include <memory>
#include <optional>

#include "models/memory/page_state.hpp"
#include "models/precopy/fixed_rate_channel.hpp"
#include "models/precopy/postcopy_tail.hpp"
#include "models/precopy/powervm_policy.hpp"
#include "models/precopy/precopy_loop.hpp"
#include "sim/engine.hpp"

namespace rig {

using namespace models;

// The suites' usual partition: 64 MiB of 4 KiB pages (and, as a link rate, 64 MiB/s).
inline constexpr double kMem = 64.0 * 1024 * 1024;
inline constexpr double kPages = kMem / 4096;

struct Outcome {
  std::vector<precopy::PassStats> passes;
  std::optional<precopy::StopReport> stop;
  std::optional<precopy::SuspendReport> suspend;
  std::optional<precopy::BlackoutReport> blackout;
  std::optional<precopy::PostcopyReport> postcopy;
  double total_wire_bytes = 0;
};

struct Rig {
  sim::Engine engine;
  memory::MemoryConfig memory;
  memory::Workload workload;
  std::unique_ptr<memory::PageState> pages;
  precopy::FixedRateChannel channel;
  std::unique_ptr<precopy::PrecopyLoop> loop;
  std::unique_ptr<precopy::PostcopyTail> tail;
  // The channel the post-copy tail pushes through; unset = `channel` (a test may wrap it).
  precopy::ChunkChannel* tail_channel = nullptr;
  Outcome out;

  Rig(std::uint64_t seed, memory::MemoryConfig m, const memory::WorkloadConfig& w,
      precopy::FixedRateChannelConfig link, precopy::StopPolicy& policy, precopy::PrecopyConfig cfg)
      : engine(seed),
        memory(m),
        workload(w, m.pages(), m.touched_pages()),
        pages(memory::make_page_state(m, workload, engine.rng("lpar/test", "dirty"))),
        channel(engine, link),
        loop(std::make_unique<precopy::PrecopyLoop>(engine, "lpar/test", *pages, workload, channel,
                                                    policy, cfg)) {}

  // Runs to completion (or `until`); suspends as soon as the stop is decided.
  Outcome& run(sim::Time until = sim::Time::max(), precopy::PostcopyConfig post = {}) {
    precopy::PrecopyHooks hooks;
    hooks.on_stop_decided = [this, post](const precopy::StopReport& r) {
      out.stop = r;
      out.suspend = loop->suspend();
      loop->run_blackout([this, post](const precopy::BlackoutReport& b) {
        out.blackout = b;
        if (loop->switchover() != precopy::SwitchoverMode::hybrid) return;
        tail = std::make_unique<precopy::PostcopyTail>(engine, "lpar/test", *pages,
                                                       tail_channel ? *tail_channel : channel, post,
                                                       loop->config().chunk);
        tail->start([this](const precopy::PostcopyReport& p) { out.postcopy = p; });
      });
    };
    loop->start(hooks);
    if (until == sim::Time::max())
      engine.run();
    else
      engine.run_until(until);
    out.passes = loop->passes();
    out.total_wire_bytes = loop->total_wire_bytes() + (out.blackout ? out.blackout->wire_bytes : 0);
    return out;
  }
};

inline memory::WorkloadConfig workload(memory::WorkloadKind kind, double rate) {
  memory::WorkloadConfig w;
  w.kind = kind;
  w.rate = rate;
  return w;
}

// A tail with much left to fetch: two passes, then stop whatever remains, on a hot/cold
// partition writing 40 000 pages/s, 5 % of them hot (the post-copy tests).
inline precopy::PowervmPolicyConfig two_passes_then_stop() {
  precopy::PowervmPolicyConfig c;
  c.max_passes = 2;
  c.max_remaining_fraction = 0;
  c.max_remaining_bytes = sim::Bytes(0);
  return c;
}
inline memory::WorkloadConfig faulting_workload() {
  auto w = workload(memory::WorkloadKind::hot_cold, 40000);
  w.hot_fraction = 0.05;
  return w;
}

inline precopy::FixedRateChannelConfig link(double bytes_per_second, sim::Duration latency = {}) {
  precopy::FixedRateChannelConfig c;
  c.rate = sim::BytesPerSecond(bytes_per_second);
  c.latency = latency;
  return c;
}

inline bool rel_close(double a, double b, double rel) { return std::abs(a - b) <= rel * std::abs(b); }

}  // namespace rig
