#include "sim/engine.hpp"

#include "sim/check.hpp"

namespace sim {

// schedule_at's checks, out of its inline path: at >= now_, and a non-empty handler.
void Engine::schedule_failed(Time at, bool empty_handler) const {
  if (at < now_)
    check_failed(now_, "engine", "event scheduled in the past (at " + format_time(at) + ", now " + format_time(now_) + ")",
                 "at >= now_", __FILE__, __LINE__);
  (void)empty_handler;
  check_failed(now_, "engine", "empty event handler", "static_cast<bool>(handler)", __FILE__, __LINE__);
}

void Engine::run() {
  stop_requested_ = false;
  while (!queue_.empty() && !stop_requested_) {
    Handler h = queue_.pop(now_);
    ++executed_;
    h();
  }
}

void Engine::run_until(Time until) {
  SIM_CHECK_AT(now_, until >= now_, "engine", "run_until a time in the past");
  stop_requested_ = false;
  while (!queue_.empty() && !stop_requested_ && queue_.top_time() <= until) {
    Handler h = queue_.pop(now_);
    ++executed_;
    h();
  }
  if (!stop_requested_) now_ = until;
}

}  // namespace sim
