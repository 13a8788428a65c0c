// sim::Lifeline: lets a callback an object scheduled (an engine event, a flow's or a chunk's
// answer) find out whether that object still exists when it runs. The object holds a Lifeline;
// each callback captures a Watch and returns early once alive() is false:
//   class Tail { sim::Lifeline lifeline_; … };
//   channel.send(bytes, [this, watch = lifeline_.watch()](bool ok) { if (watch.alive()) done(ok); });
// The same guarantee as a std::shared_ptr<bool> flag with weak or shared copies in the callbacks,
// without their atomic reference counts: one simulation runs on one thread (a sweep gives each
// variant its own engine and world), so a Lifeline and its Watches never cross threads. Those
// atomics were a few per flow on the chunk path of a data-centre evacuation, ≈ 30 per post-copy
// chunk (issue 18). Not thread-safe, by design.
#pragma once

#include <cstdint>
#include <utility>

namespace sim {

class Lifeline {
  struct State {
    bool alive = true;
    std::uint32_t refs = 1;  // the Lifeline and its Watches
  };
  // Not inlined: where several watches die in one function GCC 12 cannot follow the count and
  // warns of a use after free (-Wuse-after-free) that cannot happen.
  [[gnu::noinline]] static void release(State* s) {
    if (s != nullptr && --s->refs == 0) delete s;
  }

 public:
  class Watch {
   public:
    Watch() = default;
    Watch(const Watch& o) : state_(o.state_) {
      if (state_ != nullptr) ++state_->refs;
    }
    Watch(Watch&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
    Watch& operator=(Watch o) noexcept {
      std::swap(state_, o.state_);
      return *this;
    }
    ~Watch() { release(state_); }
    // False for a default-constructed Watch and once the Lifeline has ended.
    bool alive() const { return state_ != nullptr && state_->alive; }

   private:
    friend class Lifeline;
    explicit Watch(State* s) : state_(s) { ++state_->refs; }
    State* state_ = nullptr;
  };

  Lifeline() : state_(new State) {}
  ~Lifeline() {
    state_->alive = false;
    release(state_);
  }
  Lifeline(const Lifeline&) = delete;
  Lifeline& operator=(const Lifeline&) = delete;

  Watch watch() const { return Watch(state_); }
  // Ends the line before the owner goes (a destructor that cancels work whose callbacks would
  // otherwise still see it alive).
  void end() { state_->alive = false; }
  bool alive() const { return state_->alive; }

 private:
  State* state_;
};

}  // namespace sim
