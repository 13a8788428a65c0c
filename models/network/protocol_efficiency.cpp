#include "models/network/protocol_efficiency.hpp"

#include <string>

#include "sim/check.hpp"

namespace models::network {

namespace {
void check(std::int32_t mtu, ProtocolOverhead overhead) {
  SIM_CHECK(overhead.header_bytes >= 0 && overhead.framing_bytes >= 0, "network/protocol",
            "negative protocol overhead");
  SIM_CHECK(mtu > overhead.header_bytes, "network/protocol",
            "MTU " + std::to_string(mtu) + " leaves no room for payload");
}
}  // namespace

double protocol_efficiency(std::int32_t mtu, ProtocolOverhead overhead) {
  check(mtu, overhead);
  return static_cast<double>(mtu - overhead.header_bytes) / static_cast<double>(mtu + overhead.framing_bytes);
}

double wire_bytes_per_payload_byte(std::int32_t mtu, ProtocolOverhead overhead) {
  check(mtu, overhead);
  return static_cast<double>(mtu + overhead.framing_bytes) / static_cast<double>(mtu - overhead.header_bytes);
}

}  // namespace models::network
