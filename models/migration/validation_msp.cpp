// The mover service partition pair(s) for an active migration (lpm-protocol.md §2.3, §3.3, S9):
// the user's choice (source_msp_name / dest_msp_name) or, for each side left open, every operating
// MSP; a pair needs a path that is up between the two MSP interfaces in the network topology.
// Among the pairs the one with the fewest migrations already running wins, ties by name; with
// --redundantmsps a second pair sharing neither MSP is added. Codes in validation.hpp.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

#include "models/migration/validation_checks.hpp"

namespace models::migration::checks {

namespace {

bool usable(const power::Vios& v) {
  return v.operating() && v.msp() != nullptr && v.msp()->operating();
}

bool reachable(const World& world, const power::Vios& s, const power::Vios& d) {
  const network::FlowNetwork* net = world.network();
  if (net == nullptr) return false;
  const auto a = net->topology().find_node(s.msp()->ip_interface());
  const auto b = net->topology().find_node(d.msp()->ip_interface());
  return a && b && net->topology().shortest_path(*a, *b).has_value();
}

// The MSPs one side may use; empty after reporting why not.
std::vector<power::Vios*> side_msps(const CheckContext& c, const power::ManagedSystem& sys,
                                    const std::optional<std::string>& requested,
                                    const std::string& side) {
  const std::string where = " on the " + side + " managed system " + sys.name();
  if (requested) {
    power::Vios* v = c.world.vios(sys.name(), *requested);
    if (v == nullptr) {
      c.error("LPMSIM-V061",
              "The mover service partition " + *requested + " does not exist" + where + ".");
    } else if (v->msp() == nullptr) {
      c.error("LPMSIM-V061",
              "The partition " + *requested + where + " is not a mover service partition.");
    } else if (!usable(*v)) {
      c.error("LPMSIM-V062",
              "The mover service partition " + *requested + where + " is not operating.");
    } else {
      return {v};
    }
    return {};
  }
  std::vector<power::Vios*> out;
  for (power::Vios* v : c.world.msps_on(sys.name()))
    if (usable(*v)) out.push_back(v);
  if (out.empty())
    c.error("LPMSIM-V060", "There is no operating mover service partition" + where +
                               ", which active migration requires.");
  return out;
}

// Reachable pairs, best first: fewest migrations on the two MSPs together, then by names.
std::vector<MspPair> ranked_pairs(const World& world, const std::vector<power::Vios*>& sources,
                                  const std::vector<power::Vios*>& destinations) {
  std::vector<std::tuple<int, std::string, std::string, MspPair>> ranked;
  for (power::Vios* s : sources) {
    for (power::Vios* d : destinations) {
      if (!reachable(world, *s, *d)) continue;
      ranked.emplace_back(s->msp()->active_migrations() + d->msp()->active_migrations(), s->name(),
                          d->name(), MspPair{s, d});
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return std::tie(std::get<0>(x), std::get<1>(x), std::get<2>(x)) <
           std::tie(std::get<0>(y), std::get<1>(y), std::get<2>(y));
  });
  std::vector<MspPair> out;
  for (const auto& r : ranked) out.push_back(std::get<3>(r));
  return out;
}

std::vector<power::Vios*> all_usable(const World& world, const power::ManagedSystem& sys) {
  std::vector<power::Vios*> out;
  for (power::Vios* v : world.msps_on(sys.name()))
    if (usable(*v)) out.push_back(v);
  return out;
}

}  // namespace

std::vector<MspPair> choose_msp_pairs(const CheckContext& c) {
  if (!c.active()) return {};  // inactive migration moves only configuration, no MSPs (§4.1)
  const auto sources = side_msps(c, c.source, c.request.source_msp, "source");
  const auto destinations = side_msps(c, c.destination, c.request.dest_msp, "destination");
  if (sources.empty() || destinations.empty()) return {};
  const auto pairs = ranked_pairs(c.world, sources, destinations);
  if (pairs.empty()) {
    if (c.request.source_msp && c.request.dest_msp)
      c.error("LPMSIM-V063", "The mover service partitions " + sources.front()->name() + " and " +
                                 destinations.front()->name() +
                                 " cannot reach each other over the network.");
    else
      c.error("LPMSIM-V063", "No mover service partition on the source managed system " +
                                 c.source.name() +
                                 " can reach one on the destination managed system " +
                                 c.destination.name() + " over the network.");
    return {};
  }
  std::vector<MspPair> chosen{pairs.front()};
  if (c.request.redundant_msps == Requirement::none) return chosen;
  // The redundant pair may use any MSP, even when the user named the primary pair (§4.3 [INF]).
  for (const MspPair& p :
       ranked_pairs(c.world, all_usable(c.world, c.source), all_usable(c.world, c.destination))) {
    if (p.source != chosen.front().source && p.destination != chosen.front().destination) {
      chosen.push_back(p);
      return chosen;
    }
  }
  c.requirement(c.request.redundant_msps, "LPMSIM-V064",
                "No second pair of mover service partitions, disjoint from " +
                    chosen.front().source->name() + " and " + chosen.front().destination->name() +
                    ", is available for redundant mover service partitions.");
  return chosen;
}

}  // namespace models::migration::checks
