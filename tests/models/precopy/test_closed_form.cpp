// The expected mode against the closed forms of precopy-models.md §2 (geometric series, constant
// workload) and §3 (saturating N(t) = Σ nᵢ(1 − e^(−λᵢt)), uniform workload), to 1e-9 relative.
// Every compared duration is ≥ 1.8 s so the 1 ns time resolution stays below 1e-9 of it.
#include <doctest/doctest.h>

#include <cmath>

#include "models/precopy/powervm_policy.hpp"
#include "models/precopy/simgrid_policy.hpp"
#include "rig.hpp"

using namespace models;
using namespace sim::literals;

namespace {
constexpr double kPage = 4096;
constexpr double kRate = 1e9;  // B/s
constexpr double kRel = 1e-9;

memory::MemoryConfig expected_memory(sim::Bytes size) {
  memory::MemoryConfig m;
  m.memory = size;
  m.representation = memory::Representation::expected;
  return m;
}

precopy::PrecopyConfig pure(sim::Bytes state) {
  precopy::PrecopyConfig c;
  c.switchover = precopy::SwitchoverMode::pure_precopy;
  c.state_bytes = state;
  return c;
}
}  // namespace

TEST_CASE("constant workload: passes, volumes, stop and downtime follow the geometric series (§2)") {
  const double M = static_cast<double>((256_GiB).count());
  const double lambda = 0.4;  // D / B
  const double V_th = 10e9;   // stop threshold, bytes
  precopy::PowervmPolicyConfig pc;
  pc.max_remaining_fraction = 0;
  pc.max_remaining_bytes = sim::Bytes(static_cast<std::int64_t>(V_th));
  pc.no_progress_passes = 0;
  pc.max_passes = 100;
  precopy::PowervmPolicy policy(pc);
  const auto w = rig::workload(memory::WorkloadKind::constant, lambda * kRate / kPage);
  rig::Rig r(1, expected_memory(256_GiB), w, rig::link(kRate), policy, pure(8_MiB));
  const rig::Outcome& out = r.run();

  // i* = ceil(log(V_th / M) / log λ): rounds 0..i*−1 live, round i* is the stop-and-copy.
  const int i_star = static_cast<int>(std::ceil(std::log(V_th / M) / std::log(lambda)));
  REQUIRE(i_star == 4);
  REQUIRE(out.passes.size() == static_cast<std::size_t>(i_star));
  double t_pre = 0;
  for (int i = 0; i < i_star; ++i) {
    const precopy::PassStats& p = out.passes[static_cast<std::size_t>(i)];
    const double V_i = M * std::pow(lambda, i);
    CAPTURE(i);
    CHECK(rig::rel_close(p.wire_bytes, V_i, kRel));
    CHECK(rig::rel_close(p.duration().seconds(), V_i / kRate, kRel));
    CHECK(rig::rel_close(p.remaining_pages * kPage, M * std::pow(lambda, i + 1), kRel));
    CHECK(p.decision.stop == (i + 1 == i_star));
    t_pre += V_i / kRate;
  }
  CHECK(out.passes.back().decision.rule == "remaining-below-threshold");
  // T_pre = (M/B)(1 − λ^{n+1})/(1 − λ) with n = i* − 1.
  CHECK(rig::rel_close(t_pre, M / kRate * (1 - std::pow(lambda, i_star)) / (1 - lambda), kRel));
  CHECK(rig::rel_close(out.stop->at.seconds(), t_pre, kRel));
  // T_down (transfer part) = (state + M λ^{n+1}) / B.
  const double state = static_cast<double>((8_MiB).count());
  REQUIRE(out.blackout);
  CHECK(rig::rel_close(out.blackout->transfer_time().seconds(), (state + M * std::pow(lambda, i_star)) / kRate, kRel));
  CHECK(out.blackout->pages_left == 0);
  // V_tot = M (1 − λ^{n+2}) / (1 − λ) (+ the state).
  CHECK(rig::rel_close(out.total_wire_bytes - state, M * (1 - std::pow(lambda, i_star + 1)) / (1 - lambda), kRel));
}

TEST_CASE("constant workload under simgrid: the downtime-target form i* = ceil(log(B·d/M)/log λ) (§2, §5)") {
  const double M = static_cast<double>((256_GiB).count());
  const double lambda = 0.4;
  precopy::SimgridPolicyConfig sc;
  sc.max_downtime = 5_s;
  precopy::SimgridPolicy policy(sc);
  const auto w = rig::workload(memory::WorkloadKind::constant, lambda * kRate / kPage);
  rig::Rig r(1, expected_memory(256_GiB), w, rig::link(kRate), policy, pure(0_B));
  const rig::Outcome& out = r.run();
  const int i_star = static_cast<int>(std::ceil(std::log(kRate * 5.0 / M) / std::log(lambda)));
  REQUIRE(i_star == 5);
  CHECK(out.passes.size() == static_cast<std::size_t>(i_star));
  CHECK(rig::rel_close(out.passes.back().decision.bandwidth.value(), kRate, kRel));
  const double downtime = M * std::pow(lambda, i_star) / kRate;
  CHECK(downtime <= 5.0);
  CHECK(rig::rel_close(out.blackout->transfer_time().seconds(), downtime, kRel));
}

TEST_CASE("uniform workload: each pass sends N(T_prev) = W(1 − e^(−r·T_prev)) pages (§3)") {
  const double P = static_cast<double>((64_GiB).count()) / kPage;
  const double W = 0.25 * P;
  const double writes = 100'000;  // page writes/s over the working set
  precopy::PowervmPolicyConfig pc;
  pc.max_remaining_fraction = 0;
  pc.max_remaining_bytes = 0_B;
  pc.no_progress_passes = 0;
  pc.max_passes = 4;
  precopy::PowervmPolicy policy(pc);
  auto w = rig::workload(memory::WorkloadKind::uniform, writes);
  w.working_set_fraction = 0.25;
  rig::Rig r(1, expected_memory(64_GiB), w, rig::link(kRate), policy, pure(0_B));
  const rig::Outcome& out = r.run();
  REQUIRE(out.passes.size() == 4);
  double pages = P;
  for (const precopy::PassStats& p : out.passes) {
    CAPTURE(p.index);
    const double T = pages * kPage / kRate;
    CHECK(rig::rel_close(p.pages_sent, pages, kRel));
    CHECK(rig::rel_close(p.duration().seconds(), T, kRel));
    pages = W * (1 - std::exp(-writes / W * T));
    CHECK(rig::rel_close(p.pages_dirtied, pages, kRel));
    CHECK(rig::rel_close(p.page_writes, writes * T, kRel));
  }
  CHECK(out.passes.back().decision.rule == "max-passes");
  CHECK(rig::rel_close(out.blackout->pages_sent, pages, kRel));
  CHECK(rig::rel_close(out.blackout->transfer_time().seconds(), pages * kPage / kRate, kRel));
}
