#include "models/power/vasi_stream.hpp"

#include <array>
#include <utility>

namespace models::power {

namespace {

using V = VasiState;

constexpr std::array<std::pair<V, V>, 11> kLegalVasi{{
    {V::invalid, V::enabled},
    {V::enabled, V::aborted},
    {V::enabled, V::suspending},
    {V::aborted, V::invalid},
    {V::suspending, V::aborted},
    {V::suspending, V::suspended},
    {V::suspended, V::aborted},
    {V::suspended, V::resumed},
    {V::resumed, V::aborted},
    {V::resumed, V::completed},
    {V::completed, V::invalid},
}};

}  // namespace

std::string_view vasi_state_name(VasiState s) {
  switch (s) {
    case V::invalid: return "Invalid";
    case V::enabled: return "Enabled";
    case V::aborted: return "Aborted";
    case V::suspending: return "Suspending";
    case V::suspended: return "Suspended";
    case V::resumed: return "Resumed";
    case V::completed: return "Completed";
  }
  return "Unknown";
}

bool is_legal_transition(VasiState from, VasiState to) {
  for (const auto& [a, b] : kLegalVasi) {
    if (a == from && b == to) return true;
  }
  return false;
}

VasiStream::VasiStream(sim::Engine& engine, std::string name) : engine_(engine), name_(std::move(name)) {}

Outcome VasiStream::transition_to(VasiState to) {
  const VasiState from = state_;
  if (!is_legal_transition(from, to)) {
    return Outcome::refused("illegal VASI transition for " + name_ + ": " + std::string(vasi_state_name(from)) +
                            " → " + std::string(vasi_state_name(to)));
  }
  state_ = to;
  if (engine_.tracer())
    engine_.trace("vasi.state", name_,
                  {{"from", std::string(vasi_state_name(from))}, {"to", std::string(vasi_state_name(to))},
                   {"value", static_cast<int>(to)}});
  return Outcome::success();
}

}  // namespace models::power
