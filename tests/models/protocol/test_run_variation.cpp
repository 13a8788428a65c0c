// The factors of one migration (issue 17, models::migration::RunVariation): exactly 1 when off,
// the same for the same stream, log-normal with median 1, seven draws in a fixed order.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/migration/run_variation.hpp"

using models::migration::RunVariation;
using models::migration::RunVariationConfig;

namespace {
std::vector<double> factors(const RunVariation& v) {
  return {v.validation, v.preparation, v.completion, v.dirty_rate, v.stop_and_copy_speed, v.switchover_cost, v.live_rate};
}
RunVariationConfig on() {
  RunVariationConfig c;
  c.enabled = true;
  return c;
}
}  // namespace

TEST_CASE("issue 17: off, every factor is exactly 1 and nothing is drawn") {
  for (double f : factors(RunVariation::draw(RunVariationConfig{}, sim::RngStream::derive(1, "db01#1", "run-variation"))))
    CHECK(f == 1.0);
}

TEST_CASE("issue 17: the same stream gives the same factors, another stream others") {
  const auto a = factors(RunVariation::draw(on(), sim::RngStream::derive(1, "db01#1", "run-variation")));
  CHECK(a == factors(RunVariation::draw(on(), sim::RngStream::derive(1, "db01#1", "run-variation"))));
  CHECK(a != factors(RunVariation::draw(on(), sim::RngStream::derive(2, "db01#1", "run-variation"))));
  CHECK(a != factors(RunVariation::draw(on(), sim::RngStream::derive(1, "db01#2", "run-variation"))));
}

TEST_CASE("issue 17: a sigma of 0 fixes its factor at 1 and leaves the others as they were") {
  RunVariationConfig c = on();
  c.dirty_rate_sigma = 0;
  const auto all = factors(RunVariation::draw(on(), sim::RngStream::derive(7, "db01#1", "run-variation")));
  const auto some = factors(RunVariation::draw(c, sim::RngStream::derive(7, "db01#1", "run-variation")));
  CHECK(some[3] == 1.0);
  for (std::size_t i : {0u, 1u, 2u, 4u, 5u, 6u}) CHECK(some[i] == all[i]);
}

TEST_CASE("issue 17: the stop-and-copy speed is log-normal with median 1 and the configured sigma") {
  const RunVariationConfig c = on();
  std::vector<double> logs;
  for (std::uint64_t seed = 1; seed <= 4000; ++seed)
    logs.push_back(std::log(RunVariation::draw(c, sim::RngStream::derive(seed, "db01#1", "run-variation")).stop_and_copy_speed));
  double mean = 0, sq = 0;
  for (double x : logs) mean += x;
  mean /= static_cast<double>(logs.size());
  for (double x : logs) sq += (x - mean) * (x - mean);
  const double sigma = std::sqrt(sq / static_cast<double>(logs.size() - 1));
  CHECK(std::abs(mean) < 4 * c.stop_and_copy_speed_sigma / std::sqrt(4000.0));
  CHECK(sigma == doctest::Approx(c.stop_and_copy_speed_sigma).epsilon(0.05));
}
