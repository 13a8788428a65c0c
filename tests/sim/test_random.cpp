#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <vector>

#include "sim/random.hpp"

// Pinned values: these numbers are part of the determinism contract. If they change, every
// golden fingerprint changes too; do it on purpose only.
TEST_CASE("stream values are pinned for a fixed seed") {
  auto rng = sim::RngStream::derive(42, "lpar/db01", "dirty-pages");
  CHECK(rng.next_u64() == 4733808658466542903ULL);
  CHECK(rng.next_u64() == 17108722655411258659ULL);
  auto r2 = sim::RngStream::derive(42, "lpar/db01", "dirty-pages");
  CHECK(sim::uniform(r2, 0.0, 1.0) == 0.25662028158200578);  // exact: same bits everywhere
  auto r3 = sim::RngStream::derive(7, "msp/vios1", "jitter");
  CHECK(sim::exponential(r3, 2.0) == 0.41048627636490675);
  CHECK(sim::normal(r3, 10.0, 3.0) == 8.5127214626190622);
  const sim::ZipfDistribution zipf(1000, 1.1);
  CHECK(zipf(r3) == 1u);
  CHECK(zipf(r3) == 129u);
  CHECK(zipf(r3) == 4u);
}

TEST_CASE("Philox2x64-10 matches the Random123 known-answer vectors") {
  using A = std::array<std::uint64_t, 2>;
  CHECK(sim::philox2x64(A{0, 0}, 0) == A{0xca00a0459843d731ULL, 0x66c24222c9a845b5ULL});
  CHECK(sim::philox2x64(A{~0ULL, ~0ULL}, ~0ULL) == A{0x65b021d60cd8310fULL, 0x4d02f3222f86df20ULL});
  CHECK(sim::philox2x64(A{0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL}, 0xa4093822299f31d0ULL) ==
        A{0x0a5e742c2997341cULL, 0xb0f883d38000de5dULL});
  sim::RngStream zero(0, 0);  // key 0, counter 0, stream 0: the first block
  CHECK(zero.next_u64() == 0xca00a0459843d731ULL);
  CHECK(zero.next_u64() == 0x66c24222c9a845b5ULL);
}

TEST_CASE("deterministic_log is within one ulp of the C library") {
  auto rng = sim::RngStream::derive(9, "test", "log");
  for (int i = 0; i < 100'000; ++i) {
    const double x = std::ldexp(1.0 - rng.uniform01(), static_cast<int>(rng.uniform_below(200)) - 100);
    const double ours = sim::deterministic_log(x);
    const double ref = std::log(x);
    CHECK(std::abs(ours - ref) <= std::abs(std::nextafter(ref, 0.0) - ref) + 1e-300);
  }
  CHECK(sim::deterministic_log(1.0) == 0.0);
  CHECK(sim::deterministic_log(std::exp(1.0)) == doctest::Approx(1.0).epsilon(1e-15));
}

TEST_CASE("streams depend on seed, entity and purpose, not on creation order") {
  auto a1 = sim::RngStream::derive(1, "lpar/a", "dirty");
  auto b = sim::RngStream::derive(1, "lpar/b", "dirty");  // a new entity appears in between
  auto a2 = sim::RngStream::derive(1, "lpar/a", "dirty");
  for (int i = 0; i < 100; ++i) CHECK(a1.next_u64() == a2.next_u64());
  CHECK(sim::RngStream::derive(1, "lpar/a", "dirty").next_u64() != b.next_u64());
  CHECK(sim::RngStream::derive(1, "lpar/a", "dirty").next_u64() != sim::RngStream::derive(2, "lpar/a", "dirty").next_u64());
  CHECK(sim::RngStream::derive(1, "lpar/a", "dirty").next_u64() != sim::RngStream::derive(1, "lpar/a", "touch").next_u64());
  CHECK(sim::RngStream::derive(1, "ab", "c").next_u64() != sim::RngStream::derive(1, "a", "bc").next_u64());
}

TEST_CASE("distributions have the right moments") {
  auto rng = sim::RngStream::derive(3, "test", "moments");
  const int n = 200'000;
  double su = 0, se = 0, sn = 0, sn2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform01();
    CHECK_UNARY(u >= 0.0);
    CHECK_UNARY(u < 1.0);
    su += u;
    se += sim::exponential(rng, 3.0);
    const double x = sim::normal(rng, 5.0, 2.0);
    sn += x;
    sn2 += x * x;
  }
  CHECK(su / n == doctest::Approx(0.5).epsilon(0.01));
  CHECK(se / n == doctest::Approx(3.0).epsilon(0.01));
  CHECK(sn / n == doctest::Approx(5.0).epsilon(0.01));
  CHECK(std::sqrt(sn2 / n - (sn / n) * (sn / n)) == doctest::Approx(2.0).epsilon(0.01));
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60'000; ++i) ++counts[rng.uniform_below(6)];
  for (int c : counts) CHECK(c == doctest::Approx(10'000).epsilon(0.05));
}

TEST_CASE("Zipf frequencies follow k^-s") {
  auto rng = sim::RngStream::derive(5, "test", "zipf");
  const std::uint64_t n = 50;
  const double s = 1.2;
  const sim::ZipfDistribution zipf(n, s);
  std::vector<double> counts(n + 1, 0.0);
  const int draws = 400'000;
  for (int i = 0; i < draws; ++i) {
    const auto k = zipf(rng);
    REQUIRE(k >= 1);
    REQUIRE(k <= n);
    counts[k] += 1;
  }
  double norm = 0;
  for (std::uint64_t k = 1; k <= n; ++k) norm += std::pow(static_cast<double>(k), -s);
  for (std::uint64_t k : {1u, 2u, 5u, 10u}) {
    const double expected = std::pow(static_cast<double>(k), -s) / norm;
    CHECK(counts[k] / draws == doctest::Approx(expected).epsilon(0.03));
  }
}
