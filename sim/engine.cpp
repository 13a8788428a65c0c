#include "sim/engine.hpp"

#include "sim/check.hpp"

namespace sim {

EventId Engine::schedule_at(Time at, Handler&& handler) {
  SIM_CHECK_AT(now_, at >= now_, "engine",
               "event scheduled in the past (at " + format_time(at) + ", now " + format_time(now_) + ")");
  SIM_CHECK_AT(now_, static_cast<bool>(handler), "engine", "empty event handler");
  return queue_.push(at, std::move(handler));
}

void Engine::fire_next() {
  now_ = queue_.top_time();
  Handler h = queue_.pop();
  ++executed_;
  h();
}

void Engine::run() {
  stop_requested_ = false;
  while (!queue_.empty() && !stop_requested_) fire_next();
}

void Engine::run_until(Time until) {
  SIM_CHECK_AT(now_, until >= now_, "engine", "run_until a time in the past");
  stop_requested_ = false;
  while (!queue_.empty() && !stop_requested_ && queue_.top_time() <= until) fire_next();
  if (!stop_requested_) now_ = until;
}

}  // namespace sim
