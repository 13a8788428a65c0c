#include "sim/random.hpp"

#include <bit>
#include <cmath>

#include "sim/check.hpp"

namespace sim {

namespace {

std::uint64_t splitmix_finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Philox2x64 constants (Random123).
constexpr std::uint64_t kPhiloxM = 0xD2B74407B1CE6E93ULL;
constexpr std::uint64_t kPhiloxW = 0x9E3779B97F4A7C15ULL;

__extension__ using U128 = unsigned __int128;

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

std::array<std::uint64_t, 2> philox2x64(std::array<std::uint64_t, 2> ctr, std::uint64_t key) {
  for (int round = 0; round < 10; ++round) {
    const U128 product = static_cast<U128>(kPhiloxM) * ctr[0];
    const auto hi = static_cast<std::uint64_t>(product >> 64);
    const auto lo = static_cast<std::uint64_t>(product);
    ctr = {hi ^ key ^ ctr[1], lo};
    key += kPhiloxW;
  }
  return ctr;
}

namespace {

// Philox2x64-10 on kBlocks consecutive counters at once: their rounds interleave, so the
// multiplier latency is paid once for 2 kBlocks numbers.
template <int kBlocks>
[[gnu::always_inline]] inline void philox_blocks(std::uint64_t counter, std::uint64_t stream, std::uint64_t key,
                                                 std::uint64_t* out) {
  std::array<std::uint64_t, kBlocks> c0{};
  std::array<std::uint64_t, kBlocks> c1{};
  for (int b = 0; b < kBlocks; ++b) {
    c0[b] = counter + static_cast<std::uint64_t>(b);
    c1[b] = stream;
  }
  for (int round = 0; round < 10; ++round) {
    for (int b = 0; b < kBlocks; ++b) {  // independent chains: the CPU overlaps them
      const U128 product = static_cast<U128>(kPhiloxM) * c0[b];
      const auto hi = static_cast<std::uint64_t>(product >> 64);
      c0[b] = hi ^ key ^ c1[b];
      c1[b] = static_cast<std::uint64_t>(product);
    }
    key += kPhiloxW;
  }
  for (int b = 0; b < kBlocks; ++b) {
    out[2 * b] = c0[b];
    out[2 * b + 1] = c1[b];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same with BMI2's MULX, whose implicit operand (rdx) holds the multiplier for all forty
// products: three instructions per block and round instead of GCC's ≈ 8 around the one-operand
// MUL, which pins rax and rdx. Integer arithmetic only, so the numbers are the same bits; chosen
// at run time when the CPU has BMI2 (every x86-64 since 2013–2015).
constexpr int kBmi2Blocks = 4;
[[gnu::target("bmi2")]] void philox_blocks_bmi2(std::uint64_t counter, std::uint64_t stream, std::uint64_t key,
                                                std::uint64_t* out) {
  std::uint64_t c0[kBmi2Blocks];
  std::uint64_t c1[kBmi2Blocks];
  for (int b = 0; b < kBmi2Blocks; ++b) {
    c0[b] = counter + static_cast<std::uint64_t>(b);
    c1[b] = stream;
  }
  const std::uint64_t multiplier = kPhiloxM;
#pragma GCC unroll 10
  for (int round = 0; round < 10; ++round) {
#pragma GCC unroll 4
    for (int b = 0; b < kBmi2Blocks; ++b) {
      std::uint64_t hi;
      std::uint64_t lo;
      asm("mulx %3, %1, %0" : "=r"(hi), "=r"(lo) : "d"(multiplier), "rm"(c0[b]));
      c0[b] = hi ^ (key ^ c1[b]);
      c1[b] = lo;
    }
    key += kPhiloxW;
  }
  for (int b = 0; b < kBmi2Blocks; ++b) {
    out[2 * b] = c0[b];
    out[2 * b + 1] = c1[b];
  }
}
const bool kHasBmi2 = (__builtin_cpu_init(), __builtin_cpu_supports("bmi2"));
#endif

}  // namespace

void RngStream::refill() {
#if defined(__x86_64__) && defined(__GNUC__)
  static_assert(kBmi2Blocks == kBlocks);
  // Before kHasBmi2's dynamic initialisation (a static constructor drawing numbers) it reads
  // false: the portable path, with the same results.
  if (kHasBmi2) {
    philox_blocks_bmi2(counter_, stream_, key_, buffer_.data());
  } else {
    philox_blocks<kBlocks>(counter_, stream_, key_, buffer_.data());
  }
#else
  philox_blocks<kBlocks>(counter_, stream_, key_, buffer_.data());
#endif
  counter_ += kBlocks;
  used_ = 0;
}

std::uint64_t RngStream::uniform_below_slow(std::uint64_t n, std::uint64_t low, std::uint64_t high) {
  SIM_CHECK(n > 0, "rng", "uniform_below(0)");
  const std::uint64_t threshold = (0 - n) % n;
  while (low < threshold) {
    const U128 m = static_cast<U128>(next_u64()) * n;
    low = static_cast<std::uint64_t>(m);
    high = static_cast<std::uint64_t>(m >> 64);
  }
  return high;
}

double uniform(RngStream& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform01(); }

double deterministic_log(double x) {
  // fdlibm e_log.c: x = 2^k (1+f) with sqrt(2)/2 < 1+f < sqrt(2); log(1+f) = f - hfsq + s(hfsq+R).
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  constexpr double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01;
  constexpr double lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01;
  constexpr double lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01;
  constexpr double lg7 = 1.479819860511658591e-01;
  SIM_CHECK(x > 0.0 && std::isfinite(x), "rng", "deterministic_log needs a finite x > 0");
  // Split x = m 2^k with m in [sqrt(2)/2, sqrt(2)) by reading the IEEE bits (normal x only;
  // subnormals are scaled up first).
  int k = 0;
  auto bits = std::bit_cast<std::uint64_t>(x);
  if ((bits >> 52) == 0) {
    bits = std::bit_cast<std::uint64_t>(x * 0x1p54);
    k = -54;
  }
  k += static_cast<int>(bits >> 52) - 1023;
  std::uint64_t m_bits = (bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL;  // [1, 2)
  // m ≥ sqrt(2): halve m (exactly: one less in the exponent field) and count it in k. Positive
  // doubles order like their bits, so this is fdlibm's comparison, without a branch that a
  // uniform input mispredicts half the time.
  const bool upper = m_bits >= std::bit_cast<std::uint64_t>(1.41421356237309504880);
  m_bits -= static_cast<std::uint64_t>(upper) << 52;
  k += static_cast<int>(upper);
  const double m = std::bit_cast<double>(m_bits);
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (lg2 + w * (lg4 + w * lg6));
  const double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  const double r = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = k;
  return dk * ln2_hi - ((hfsq - (s * (hfsq + r) + dk * ln2_lo)) - f);
}

// 1 - u is exact for u = n 2^-53, so log(1 - u) loses nothing against log1p(-u).
double exponential(RngStream& rng, double mean) { return -mean * deterministic_log(1.0 - rng.uniform01()); }

double normal(RngStream& rng, double mean, double stddev) {
  for (;;) {
    const double u = 2.0 * rng.uniform01() - 1.0;
    const double v = 2.0 * rng.uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return mean + stddev * u * std::sqrt(-2.0 * deterministic_log(s) / s);
  }
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
