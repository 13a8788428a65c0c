#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/random.hpp"

// Pinned values: these numbers are part of the determinism contract. If they change, every
// golden fingerprint changes too; do it on purpose only.
TEST_CASE("stream values are pinned for a fixed seed") {
  auto rng = sim::RngStream::derive(42, "lpar/db01", "dirty-pages");
  CHECK(rng.next_u64() == 12371259389600688056ULL);
  CHECK(rng.next_u64() == 3012375927028013497ULL);
  auto r2 = sim::RngStream::derive(42, "lpar/db01", "dirty-pages");
  CHECK(sim::uniform(r2, 0.0, 1.0) == doctest::Approx(0.67064731532933797).epsilon(1e-15));
  auto r3 = sim::RngStream::derive(7, "msp/vios1", "jitter");
  CHECK(sim::exponential(r3, 2.0) == doctest::Approx(1.3370534821294058).epsilon(1e-15));
  CHECK(sim::normal(r3, 10.0, 3.0) == doctest::Approx(6.8035527670607072).epsilon(1e-15));
  const sim::ZipfDistribution zipf(1000, 1.1);
  CHECK(zipf(r3) == 15u);
}

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vector") {
  sim::RngStream zero(0, 0);  // key 0, counter 0
  CHECK(zero.next_u64() == 0x6627e8d5e169c58dULL);
  CHECK(zero.next_u64() == 0xbc57ac4c9b00dbd8ULL);
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
