// Page states: the exact bitmaps and the expected page classes agree on N(t) (§3), the layout
// is a bijection, and untouched pages start clean.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <set>

#include "models/memory/exact_page_state.hpp"
#include "models/memory/expected_page_state.hpp"

using namespace models::memory;
using namespace sim::literals;

namespace {
MemoryConfig mem(sim::Bytes size, double touched = 1.0) {
  MemoryConfig m;
  m.memory = size;
  m.touched_fraction = touched;
  return m;
}
WorkloadConfig uniform(double rate, double ws) {
  WorkloadConfig c;
  c.kind = WorkloadKind::uniform;
  c.rate = rate;
  c.working_set_fraction = ws;
  return c;
}
// A sequential writer of `rate` distinct pages/s over the touched memory.
WorkloadConfig sequential(double rate) {
  WorkloadConfig c;
  c.kind = WorkloadKind::constant;
  c.rate = rate;
  return c;
}
// The two representations of one partition, for checks that must hold in both.
std::array<PageState*, 2> both(ExactPageState& exact, ExpectedPageState& expected) { return {&exact, &expected}; }
const sim::Time epoch = sim::Time::zero();
}  // namespace

TEST_CASE("the rank → address layout is a bijection") {
  for (sim::Bytes size : {4000_KiB, 4_MiB, 4100_KiB}) {
    const MemoryConfig m = mem(size);
    Workload w(uniform(0, 1), m.pages(), m.touched_pages());
    const ExactPageState s(m, w, sim::RngStream(1));
    std::set<std::uint64_t> seen;
    for (std::int64_t r = 0; r < m.pages(); ++r) seen.insert(s.page_of_rank(static_cast<std::uint64_t>(r)));
    CHECK(seen.size() == static_cast<std::size_t>(m.pages()));
    CHECK(*seen.rbegin() == static_cast<std::uint64_t>(m.pages() - 1));
  }
}

TEST_CASE("touched pages start dirty, untouched ones clean") {
  const MemoryConfig m = mem(4_MiB, 0.3);
  Workload w(uniform(0, 1), m.pages(), m.touched_pages());
  ExactPageState exact(m, w, sim::RngStream(1));
  ExpectedPageState expected(m, w);
  CHECK(exact.dirty_pages() == std::round(0.3 * 1024));
  CHECK(expected.dirty_pages() == std::round(0.3 * 1024));
  exact.sync();
  CHECK(exact.pending_pages() == std::round(0.3 * 1024));
  CHECK(exact.dirty_pages() == 0);
}

TEST_CASE("expected N(t) = W(1 − e^(−r t)); the exact mean over seeds matches it") {
  const MemoryConfig m = mem(16_MiB);  // 4096 pages
  const double W = 1024, rate = 2048;  // r = 2 writes/s per working-set page
  Workload w(uniform(rate, 0.25), m.pages(), m.touched_pages());
  ExpectedPageState expected(m, w);
  expected.advance(epoch);
  expected.sync();
  expected.advance(epoch + 500_ms);
  CHECK(expected.dirty_pages() == doctest::Approx(W * (1 - std::exp(-1.0))).epsilon(1e-12));
  CHECK(expected.page_writes() == doctest::Approx(1024));
  double mean = 0;
  constexpr int kSeeds = 200;
  for (int seed = 0; seed < kSeeds; ++seed) {
    ExactPageState exact(m, w, sim::RngStream(static_cast<std::uint64_t>(seed)));
    exact.advance(epoch);
    exact.sync();
    exact.advance(epoch + 500_ms);
    mean += exact.dirty_pages() / kSeeds;
  }
  CHECK(mean == doctest::Approx(W * (1 - std::exp(-1.0))).epsilon(0.01));
}

TEST_CASE("constant workload: min(D·t, S) distinct pages, identical in both modes") {
  const MemoryConfig m = mem(4_MiB, 0.5);  // S = 512 touched pages
  Workload w(sequential(100), m.pages(), m.touched_pages());
  ExactPageState exact(m, w, sim::RngStream(1));
  ExpectedPageState expected(m, w);
  for (PageState* s : both(exact, expected)) {
    s->advance(epoch);
    s->sync();
    s->advance(epoch + 2_s);
    CHECK(s->dirty_pages() == doctest::Approx(200));
    s->advance(epoch + 20_s);
    CHECK(s->dirty_pages() == doctest::Approx(512));  // saturates at the touched memory
  }
}

TEST_CASE("issue 13: a sequential writer's dirty arc lies beside what is pending, not on it") {
  // Span of 512 pages written at 100 pages/s. After a sync that leaves the arc [0, 200) pending
  // and half of it sent, the cursor sweeps [200, 300): nothing of that is pending, so what the
  // destination lacks is 100 + 100 pages in both modes (independent draws would say 180.5).
  // Once the cursor has gone round onto [0, 88), it re-dirties the pending pages there: about
  // 88/200 of the 100 left (44), as the exact mode's spread of ranks over addresses gives.
  const MemoryConfig m = mem(4_MiB, 0.5);
  Workload w(sequential(100), m.pages(), m.touched_pages());
  ExactPageState exact(m, w, sim::RngStream(1));
  ExpectedPageState expected(m, w);
  for (PageState* s : both(exact, expected)) {
    CAPTURE(s->fluid());
    s->advance(epoch);
    s->sync();
    s->take(1024);
    s->advance(epoch + 2_s);
    s->sync();
    CHECK(s->pending_pages() == doctest::Approx(200));
    s->take(100);
    s->advance(epoch + 3_s);
    CHECK(s->remaining_pages() == doctest::Approx(200));
    s->advance(epoch + 6_s);  // since the sync at 2 s: [200, 512) and round to [0, 88)
    CHECK(s->dirty_pages() == doctest::Approx(400));
    CHECK(s->remaining_pages() == doctest::Approx(100 + 400 - 44).epsilon(0.01));
    s->sync();
    CHECK(s->pending_pages() == doctest::Approx(100 + 400 - 44).epsilon(0.01));
  }
}

TEST_CASE("issue 13: a sync in the middle of the first lap adds pages behind the scan, not ahead") {
  // The layout of the top-block case below: 960 spread pages (192 of data, the working set's
  // 102 among them) under a block of 64. The scan sends 448 pages (7 whole bitmap words, where
  // the exact scan resumes); then the whole working set is written and synced (QEMU's early
  // sync in pass 1). Its pages ahead of the scan were pending already, so the sync adds only
  // the 102·448/960 ≈ 48 behind it, and the rest of the lap is what it was: 512 pages, 410 of
  // them never written (768·512/960), then the block.
  MemoryConfig m = mem(4_MiB, 0.25);
  m.send_untouched = true;
  m.top_block = 256_KiB;
  Workload w(uniform(1e6, 0.1), m.pages(), m.touched_pages());
  ExactPageState exact(m, w, sim::RngStream(1));
  ExpectedPageState expected(m, w);
  for (PageState* s : both(exact, expected)) {
    CAPTURE(s->fluid());
    s->advance(epoch);
    s->sync();
    s->take(448);
    s->advance(epoch + 1_s);  // 10⁶ writes: every page of the working set
    s->sync();
    CHECK(s->pending_pages() == doctest::Approx(512 + 64 + 47.6).epsilon(0.02));
    const Chunk rest = s->take(512);
    CHECK(rest.zero_pages == doctest::Approx(409.6).epsilon(0.02));
    const Chunk block = s->take(64);
    CHECK(block.zero_pages == doctest::Approx(0));
    CHECK(s->pending_zero_pages() == doctest::Approx(0));
    CHECK(s->pending_pages() == doctest::Approx(47.6).epsilon(0.1));
  }
}

TEST_CASE("a chunk takes pages in address order, 64 per word, and empties the pass") {
  const MemoryConfig m = mem(1_MiB);  // 256 pages
  Workload w(uniform(0, 1), m.pages(), m.touched_pages());
  ExactPageState s(m, w, sim::RngStream(1));
  s.sync();
  CHECK(s.take(100).pages == 100);
  CHECK(s.take(100).pages == 100);
  CHECK(s.take(100).pages == 56);
  CHECK(s.pending_pages() == 0);
  CHECK(s.take(100).pages == 0);
}

TEST_CASE("issue 13: the top block is the data the first pass meets last, in both modes") {
  // 1 024 pages, 25 % touched (256), a working set of 10 % of memory (ranks below 102), a top
  // block of 64 pages; every page sent in pass 1 (QEMU). The scan meets 960 pages with 192 of
  // data spread among them, then the 64 pages of the block, all data.
  MemoryConfig m = mem(4_MiB, 0.25);
  m.send_untouched = true;
  m.top_block = 256_KiB;
  Workload w(uniform(0, 0.1), m.pages(), m.touched_pages());
  CHECK(top_block_pages(m, w) == 64);
  ExactPageState exact(m, w, sim::RngStream(1));
  ExpectedPageState expected(m, w);
  std::set<std::uint64_t> seen;
  for (std::uint64_t r = 0; r < 1024; ++r) seen.insert(exact.page_of_rank(r));
  CHECK(seen.size() == 1024);  // still a bijection
  for (std::uint64_t r = 192; r < 256; ++r) CHECK(exact.page_of_rank(r) >= 960);
  exact.sync();
  expected.sync();
  CHECK(exact.pending_pages() == 1024);
  CHECK(expected.pending_pages() == doctest::Approx(1024));
  const Chunk a = exact.take(960), b = expected.take(960);
  CHECK(a.zero_pages == 768);
  CHECK(b.zero_pages == doctest::Approx(768));
  CHECK(exact.pending_zero_pages() == 0);
  CHECK(expected.pending_zero_pages() == doctest::Approx(0));
  const Chunk c = exact.take(100), d = expected.take(100);
  CHECK(c.pages == 64);
  CHECK(d.pages == doctest::Approx(64));
  CHECK(c.zero_pages == 0);
  CHECK(d.zero_pages == doctest::Approx(0));
  CHECK(exact.pending_pages() == 0);
  CHECK(expected.pending_pages() == doctest::Approx(0));

  SUBCASE("the block never takes the pages the workload writes") {
    Workload all(uniform(100, 0.2), m.pages(), m.touched_pages());  // writes ranks below 205
    CHECK(top_block_pages(m, all) == 256 - 205);
    m.top_block = 0_B;
    CHECK(top_block_pages(m, all) == 0);
  }
}
