// The ziggurat exponential: its tables describe 256 layers of equal area under e^−x, and its
// draws follow the exponential distribution (a Kolmogorov–Smirnov test on 10^6 draws, the tail
// beyond the base layer's edge included), the same on every run.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/ziggurat.hpp"

namespace {
constexpr double kLayerArea = 0.0039496598225815571993;
}

TEST_CASE("ziggurat tables: equal-area layers under e^-x") {
  using sim::ziggurat::kF;
  using sim::ziggurat::kX;
  CHECK(kX[256] == 0.0);
  CHECK(kF[256] == 1.0);
  for (std::size_t i = 1; i < 256; ++i) {
    CAPTURE(i);
    CHECK(kX[i] > kX[i + 1]);
    CHECK(kF[i] == doctest::Approx(std::exp(-kX[i])).epsilon(1e-15));
    // Layer i: the strip between f(kX[i]) and f(kX[i + 1]) over [0, kX[i]).
    CHECK(kX[i] * (kF[i + 1] - kF[i]) == doctest::Approx(kLayerArea).epsilon(1e-12));
  }
  // The base layer: the rectangle under f(R) plus the tail beyond R, whose area is f(R).
  CHECK(kX[0] * kF[1] == doctest::Approx(kLayerArea).epsilon(1e-12));
  CHECK(kX[1] * kF[1] + kF[1] == doctest::Approx(kLayerArea).epsilon(1e-12));
}

TEST_CASE("ziggurat exponential: the exponential distribution, tail included") {
  auto rng = sim::RngStream::derive(7, "test", "ziggurat");
  const int n = 1'000'000;
  std::vector<double> x(n);
  double sum = 0, tail = 0;
  for (double& v : x) {
    v = sim::exponential_ziggurat(rng, 1.0);
    CHECK_UNARY(v >= 0.0);
    sum += v;
    if (v > sim::ziggurat::kX[1]) ++tail;
  }
  CHECK(sum / n == doctest::Approx(1.0).epsilon(0.005));
  // P(X > R) = e^−R ≈ 4.5e-4: the tail is drawn, about 450 times here.
  CHECK(tail / n == doctest::Approx(std::exp(-sim::ziggurat::kX[1])).epsilon(0.2));
  std::sort(x.begin(), x.end());
  double d = 0;  // Kolmogorov–Smirnov statistic against F(x) = 1 − e^−x
  for (int i = 0; i < n; ++i) {
    const double f = -std::expm1(-x[static_cast<std::size_t>(i)]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  // The 1 % critical value is 1.63 / √n; a wrong layer or wedge test shows at ≥ 10× that.
  CHECK(d < 1.63 / std::sqrt(static_cast<double>(n)));
  // The mean scales the draw.
  auto a = sim::RngStream::derive(9, "test", "ziggurat");
  auto b = sim::RngStream::derive(9, "test", "ziggurat");
  for (int i = 0; i < 1000; ++i) CHECK(sim::exponential_ziggurat(a, 2.5) == 2.5 * sim::exponential_ziggurat(b, 1.0));
}

TEST_CASE("ziggurat exponential: the same numbers on every run") {
  auto rng = sim::RngStream::derive(42, "lp/7", "phold");
  double sum = 0;
  for (int i = 0; i < 10'000; ++i) sum += sim::exponential_ziggurat(rng, 1.0);
  auto again = sim::RngStream::derive(42, "lp/7", "phold");
  double sum_again = 0;
  for (int i = 0; i < 10'000; ++i) sum_again += sim::exponential_ziggurat(again, 1.0);
  CHECK(sum == sum_again);
}
