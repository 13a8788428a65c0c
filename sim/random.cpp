#include "sim/random.hpp"

#include <cmath>
#include <numbers>

#include "sim/check.hpp"

namespace sim {

namespace {

std::uint64_t splitmix_finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Philox4x32 constants (Random123).
constexpr std::uint32_t kM0 = 0xD2511F53;
constexpr std::uint32_t kM1 = 0xCD9E8D57;
constexpr std::uint32_t kW0 = 0x9E3779B9;
constexpr std::uint32_t kW1 = 0xBB67AE85;

inline void mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi, std::uint32_t& lo) {
  const std::uint64_t p = static_cast<std::uint64_t>(a) * b;
  hi = static_cast<std::uint32_t>(p >> 32);
  lo = static_cast<std::uint32_t>(p);
}

}  // namespace

std::uint64_t stable_hash(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = 0xCBF29CE484222325ULL ^ splitmix_finalize(seed + 0x9E3779B97F4A7C15ULL);
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return splitmix_finalize(h);
}

RngStream::RngStream(std::uint64_t key, std::uint64_t stream) : key_(key), stream_(stream) {}

RngStream RngStream::derive(std::uint64_t master_seed, std::string_view entity, std::string_view purpose) {
  // The purpose is hashed with the entity's hash as seed; a separator byte keeps
  // ("ab","c") and ("a","bc") apart.
  const std::uint64_t e = stable_hash(entity, master_seed);
  const std::uint64_t key = stable_hash(purpose, e ^ 0x5A17ULL);
  return RngStream(key, master_seed);
}

void RngStream::refill() {
  std::array<std::uint32_t, 4> ctr{static_cast<std::uint32_t>(counter_), static_cast<std::uint32_t>(counter_ >> 32),
                                   static_cast<std::uint32_t>(stream_), static_cast<std::uint32_t>(stream_ >> 32)};
  std::uint32_t k0 = static_cast<std::uint32_t>(key_);
  std::uint32_t k1 = static_cast<std::uint32_t>(key_ >> 32);
  for (int round = 0; round < 10; ++round) {
    std::uint32_t hi0, lo0, hi1, lo1;
    mulhilo(kM0, ctr[0], hi0, lo0);
    mulhilo(kM1, ctr[2], hi1, lo1);
    ctr = {hi1 ^ ctr[1] ^ k0, lo1, hi0 ^ ctr[3] ^ k1, lo0};
    k0 += kW0;
    k1 += kW1;
  }
  block_ = ctr;
  ++counter_;
  used_ = 0;
}

std::uint64_t RngStream::next_u64() {
  if (used_ > 2) refill();
  const std::uint64_t v = (static_cast<std::uint64_t>(block_[used_]) << 32) | block_[used_ + 1];
  used_ += 2;
  return v;
}

std::uint64_t RngStream::uniform_below(std::uint64_t n) {
  SIM_CHECK(n > 0, "rng", "uniform_below(0)");
  __extension__ using U128 = unsigned __int128;
  U128 m = static_cast<U128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<U128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double uniform(RngStream& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform01(); }

double exponential(RngStream& rng, double mean) { return -mean * std::log1p(-rng.uniform01()); }

double normal(RngStream& rng, double mean, double stddev) {
  const double u1 = 1.0 - rng.uniform01();  // (0, 1]
  const double u2 = rng.uniform01();
  return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Rejection-inversion after Hörmann & Derflinger, "Rejection-inversion to generate variates from
// monotone discrete distributions" (1996); the formulation follows Apache Commons Math.
ZipfDistribution::ZipfDistribution(std::uint64_t n, double s) : n_(n), s_(s) {
  SIM_CHECK(n > 0 && s > 0.0, "zipf", "needs n > 0 and exponent > 0");
  h_integral_x1_ = h_integral(1.5) - 1.0;
  h_integral_n_ = h_integral(static_cast<double>(n) + 0.5);
  threshold_ = 2.0 - h_integral_inverse(h_integral(2.5) - h(2.0));
}

namespace {
// log(1+x)/x with its limit 1 at 0, and (exp(x)-1)/x with its limit 1 at 0.
double helper1(double x) { return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x)); }
double helper2(double x) { return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x)); }
}  // namespace

double ZipfDistribution::h(double x) const { return std::exp(-s_ * std::log(x)); }

double ZipfDistribution::h_integral(double x) const {
  const double log_x = std::log(x);
  return helper2((1.0 - s_) * log_x) * log_x;
}

double ZipfDistribution::h_integral_inverse(double x) const {
  double t = x * (1.0 - s_);
  if (t < -1.0) t = -1.0;  // guards against rounding just below the domain
  return std::exp(helper1(t) * x);
}

std::uint64_t ZipfDistribution::operator()(RngStream& rng) const {
  for (;;) {
    const double u = h_integral_n_ + rng.uniform01() * (h_integral_x1_ - h_integral_n_);
    const double x = h_integral_inverse(u);
    double kd = std::floor(x + 0.5);
    if (kd < 1.0) kd = 1.0;
    if (kd > static_cast<double>(n_)) kd = static_cast<double>(n_);
    const auto k = static_cast<std::uint64_t>(kd);
    if (kd - x <= threshold_ || u >= h_integral(kd + 0.5) - h(kd)) return k;
  }
}

}  // namespace sim
