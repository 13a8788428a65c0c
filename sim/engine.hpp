// sim::Engine: one discrete-event simulation — the clock, the event queue, the master seed for
// random streams and the (optional) tracer. Knows nothing about Power. No globals: many engines
// may run on many threads.
//   sim::Engine engine(/*seed=*/42);
//   engine.schedule_in(250_ms, [&] { engine.schedule_in(1_s, [] {}); });
//   engine.run();  // now() == 1.25 s
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"
#include "sim/tracer.hpp"

namespace sim {

class Engine {
 public:
  explicit Engine(std::uint64_t seed = 0) : seed_(seed) {}
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Time now() const { return now_; }
  std::uint64_t seed() const { return seed_; }

  // Schedules `handler` at `at` ≥ now(); scheduling in the past fails a SIM_CHECK.
  EventId schedule_at(Time at, Handler&& handler) {
    if (at < now_ || !handler) [[unlikely]]
      schedule_failed(at, !handler);
    return queue_.push(at, std::move(handler));
  }
  // Schedules `handler` `delay` ≥ 0 after now().
  EventId schedule_in(Duration delay, Handler&& handler) { return schedule_at(now_ + delay, std::move(handler)); }
  // The same for a callable (a lambda), built as the handler right in the queue's slot.
  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, Handler> && std::is_invocable_r_v<void, D&>>>
  EventId schedule_at(Time at, F&& f) {
    if (at < now_) [[unlikely]]
      schedule_failed(at, false);
    return queue_.emplace(at, std::forward<F>(f));
  }
  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, Handler> && std::is_invocable_r_v<void, D&>>>
  EventId schedule_in(Duration delay, F&& f) {
    return schedule_at(now_ + delay, std::forward<F>(f));
  }
  // False if the event already fired, was cancelled or never existed (a no-op then).
  bool cancel(EventId id) { return queue_.cancel(id); }
  bool is_pending(EventId id) const { return queue_.is_pending(id); }

  // Fires events in (time, sequence) order until none is left or stop() is called.
  void run();
  // Fires every event with time ≤ `until` (unless stopped), then sets now() = `until`.
  void run_until(Time until);
  // Makes run()/run_until() return after the current event.
  void stop() { stop_requested_ = true; }

  std::uint64_t events_executed() const { return executed_; }
  std::size_t pending_events() const { return queue_.size(); }

  // A random stream keyed by (seed, entity, purpose); see sim/random.hpp.
  RngStream rng(std::string_view entity, std::string_view purpose) const {
    return RngStream::derive(seed_, entity, purpose);
  }

  void set_tracer(Tracer* tracer) { tracer_ = tracer; }
  Tracer* tracer() const { return tracer_; }
  // Convenience for models: records only when a tracer is attached.
  void trace(std::string kind, std::string component, std::vector<TraceField> fields = {}) const {
    if (tracer_) tracer_->record(TraceRecord{now_, std::move(kind), std::move(component), std::move(fields)});
  }

 private:
  [[noreturn]] void schedule_failed(Time at, bool empty_handler) const;

  EventQueue queue_;
  Time now_ = Time::zero();
  std::uint64_t seed_;
  std::uint64_t executed_ = 0;
  bool stop_requested_ = false;
  Tracer* tracer_ = nullptr;
};

}  // namespace sim
