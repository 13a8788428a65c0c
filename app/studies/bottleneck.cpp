// Pass-by-pass attribution of a migration's time to the resource that bounded it.
#include "app/studies/bottleneck.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "models/network/protocol_efficiency.hpp"

namespace app::studies {

namespace {

namespace mm = models::migration;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Payload bytes/s each cap allows a migration running alone.
struct Caps {
  double link = kInf;     // the path's narrowest link, after protocol overhead
  double threads = kInf;  // threads per migration × rate per CPU (the smaller MSP)
  double cpu = kInf;      // entitled CPU × rate per CPU (the smaller MSP VIOS)
};

const models::power::Msp* msp_of(const mm::World& world, const std::string& system,
                                  const std::string& vios) {
  const auto* v = vios.empty() ? nullptr : world.vios(system, vios);
  return v == nullptr ? nullptr : v->msp();
}

Caps caps_of(const mm::World& world, const mm::MigrationRecord& r) {
  Caps c;
  const auto* s = msp_of(world, r.source, r.source_msp);
  const auto* d = msp_of(world, r.destination, r.dest_msp);
  for (const auto* m : {s, d}) {
    if (m == nullptr) continue;
    const double rate = m->config().rate_per_cpu.value();
    c.threads = std::min(c.threads, m->threads_per_migration() * rate);
    c.cpu = std::min(c.cpu, m->config().cpu_capacity.in_hundredths() / 100.0 * rate);
  }
  const auto* net = world.network();
  if (net == nullptr || s == nullptr || d == nullptr) return c;
  const auto& topology = net->topology();
  const auto a = topology.find_node(s->ip_interface());
  const auto b = topology.find_node(d->ip_interface());
  if (!a || !b) return c;
  const auto path = topology.shortest_path(*a, *b);
  if (!path) return c;
  for (const auto& hop : path->hops) {
    const double payload =
        topology.capacity(hop).value() *
        models::network::protocol_efficiency(topology.link(hop.link).config.mtu);
    c.link = std::min(c.link, payload);
  }
  return c;
}

// The resource bounding a transfer at `rate` payload bytes/s: the cap it reaches (within 10 %),
// else the tightest one, shared with other migrations.
std::string transfer_limit(const Caps& c, double rate) {
  const std::pair<double, const char*> caps[] = {
      {c.link, "link"}, {c.threads, "MSP CPU"}, {c.cpu, "VIOS CPU"}};
  const auto* tightest = &caps[0];
  for (const auto& k : caps)
    if (k.first < tightest->first) tightest = &k;
  for (const auto& k : caps)
    if (k.first < kInf && rate >= 0.9 * k.first && k.first <= 1.1 * tightest->first) return k.second;
  // Below every cap alone: shared. The VIOS CPU and the link are what migrations share.
  return c.cpu <= c.link ? "VIOS CPU" : "link";
}

bool hmc_step(const std::string& phase) {
  return phase == "validation" || phase == "mapping" || phase == "preparation" ||
         phase == "suspend" || phase == "resume" || phase == "completion" ||
         phase == "rollback" || phase == "recovery";
}

}  // namespace

report::Bottleneck find_bottleneck(const mm::World& world, const mm::MigrationRecord& r) {
  report::Bottleneck b;
  const double total = r.total().seconds();
  if (total <= 0) return b;
  std::map<std::string, double> seconds;
  const Caps caps = caps_of(world, r);
  std::string first_limit;
  for (const auto& p : r.passes) {
    const double d = p.duration().seconds();
    // A later pass that sent about as much as was dirtied while it ran made no headway: the
    // workload's dirty rate, not the transfer, is what kept it going.
    const bool no_headway = p.index > 1 && p.pages_dirtied >= 0.8 * p.pages_sent;
    const std::string limit =
        no_headway ? "dirty rate" : transfer_limit(caps, p.effective_bandwidth.value());
    if (first_limit.empty()) first_limit = transfer_limit(caps, p.effective_bandwidth.value());
    seconds[limit] += d;
  }
  for (const auto& p : r.phases) {
    const double d = (p.end - p.start).seconds();
    if (p.name == "queued") seconds["concurrency queue"] += d;
    else if (hmc_step(p.name)) seconds["HMC steps"] += d;
    else if ((p.name == "stop_and_copy" || p.name == "postcopy") && !first_limit.empty())
      seconds[first_limit] += d;
  }
  for (const auto& [resource, s] : seconds)
    if (s > 0) b.shares.push_back({resource, std::min(1.0, s / total)});
  std::stable_sort(b.shares.begin(), b.shares.end(),
                   [](const auto& x, const auto& y) { return x.share > y.share; });
  return b;
}

}  // namespace app::studies
