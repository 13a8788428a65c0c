#include "sim/ziggurat.hpp"

namespace sim::ziggurat {

double exponential_slow(RngStream& rng, std::uint32_t layer, double x) {
  for (;;) {
    // The base layer's draw beyond R lies in the tail, which is R plus a fresh exponential (the
    // distribution is memoryless); 1 − u is in (0, 1], so its logarithm is finite.
    if (layer == 0) return kX[1] - deterministic_log(1.0 - rng.uniform01());
    // In the wedge between the rectangle under f(kX[layer]) and the curve: accept x when a
    // point drawn uniformly between f at the layer's two edges lies under f(x) = e^−x, i.e. when
    // its logarithm is below −x (no exp needed).
    const double y = kF[layer + 1] + (kF[layer] - kF[layer + 1]) * rng.uniform01();
    if (deterministic_log(y) < -x) return x;
    const std::uint64_t bits = rng.next_u64();
    layer = static_cast<std::uint32_t>(bits & 0xff);
    x = static_cast<double>(bits >> 11) * 0x1.0p-53 * kX[layer];
    if (x < kX[layer + 1]) return x;
  }
}

}  // namespace sim::ziggurat
