// Counter-based random streams: sim::RngStream is Philox2x64-10 (Salmon et al., SC'11) keyed by a
// hash of (master seed, stable entity name, purpose). Streams are independent of creation order,
// so adding an LPAR never changes another LPAR's numbers, and results never depend on threads.
//   sim::RngStream rng = sim::RngStream::derive(42, "lpar/db01", "dirty-pages");
//   double u = rng.uniform01();              // [0, 1)
//   double x = sim::exponential(rng, 1.0);   // our own distributions, pinned by tests
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sim {

// 64-bit FNV-1a followed by a SplitMix64 finaliser; stable across platforms and releases.
std::uint64_t stable_hash(std::string_view text, std::uint64_t seed = 0);

class RngStream {
 public:
  RngStream(std::uint64_t key, std::uint64_t stream = 0);
  static RngStream derive(std::uint64_t master_seed, std::string_view entity, std::string_view purpose);

  std::uint64_t next_u64() {
    if (used_ == kBuffered) refill();
    return buffer_[used_++];
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject). n > 0.
  std::uint64_t uniform_below(std::uint64_t n) {
    __extension__ using U128 = unsigned __int128;
    const U128 m = static_cast<U128>(next_u64()) * n;
    const auto low = static_cast<std::uint64_t>(m);
    // n == 0 also lands here (low is 0), and fails its check there.
    if (low < n || n == 0) [[unlikely]]
      return uniform_below_slow(n, low, static_cast<std::uint64_t>(m >> 64));
    return static_cast<std::uint64_t>(m >> 64);
  }

  std::uint64_t key() const { return key_; }

 private:
  void refill();
  std::uint64_t uniform_below_slow(std::uint64_t n, std::uint64_t low, std::uint64_t high);
  std::uint64_t key_;
  std::uint64_t stream_;
  std::uint64_t counter_ = 0;
  // Four Philox blocks are computed at a time: their rounds interleave, so the multiplier latency
  // is paid once for eight numbers. The sequence is the same as one block at a time.
  static constexpr int kBlocks = 4;
  static constexpr int kBuffered = 2 * kBlocks;
  std::array<std::uint64_t, kBuffered> buffer_{};
  int used_ = kBuffered;  // words of buffer_ consumed
};

// The raw Philox2x64-10 bijection, for known-answer tests.
std::array<std::uint64_t, 2> philox2x64(std::array<std::uint64_t, 2> counter, std::uint64_t key);

// Natural logarithm for x > 0 in plain IEEE arithmetic (fdlibm's algorithm, < 1 ulp): the same
// bits on every machine and libm, which the standard library does not promise.
double deterministic_log(double x);

double uniform(RngStream& rng, double lo, double hi);
// Mean `mean`; inverse transform on 1 - u so that the result is finite.
double exponential(RngStream& rng, double mean);
// Marsaglia's polar method, keeping one of the pair (streams stay stateless); log and sqrt only,
// both deterministic, so no libm trigonometry enters the results.
double normal(RngStream& rng, double mean, double stddev);

// Zipf over ranks 1..n with exponent s > 0: P(k) ∝ k^-s. Rejection-inversion sampling
// (Hörmann & Derflinger 1996), O(1) per draw and exact for any n.
class ZipfDistribution {
 public:
  ZipfDistribution(std::uint64_t n, double s);
  std::uint64_t operator()(RngStream& rng) const;
  std::uint64_t n() const { return n_; }
  double exponent() const { return s_; }

 private:
  double h(double x) const;
  double h_integral(double x) const;
  double h_integral_inverse(double x) const;
  std::uint64_t n_;
  double s_;
  double h_integral_x1_;
  double h_integral_n_;
  double threshold_;
};

}  // namespace sim
