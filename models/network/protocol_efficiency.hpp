// The share of a link's raw bit rate that carries LPM payload, given the MTU: each frame of
// MTU bytes of IP packet carries MTU − (IP + TCP headers) payload bytes and costs MTU + Ethernet
// framing on the wire. Used by FlowNetwork to turn wire rates into payload rates.
//   protocol_efficiency(1500) == 1460.0 / 1538.0  (≈ 0.9493)
//   protocol_efficiency(9000) == 8960.0 / 9038.0  (≈ 0.9914, jumbo frames)
#pragma once

#include <cstdint>

namespace models::network {

struct ProtocolOverhead {
  // IPv4 (20) + TCP (20) headers inside each MTU-sized packet; 52 with TCP timestamps.
  std::int32_t header_bytes = 40;
  // Ethernet on the wire outside the MTU: preamble+SFD 8, MAC header 14, FCS 4, inter-frame gap
  // 12 = 38 (add 4 for an 802.1Q VLAN tag).
  std::int32_t framing_bytes = 38;

  // No overhead at all: payload rate == link rate (textbook fairness cases, tests).
  static constexpr ProtocolOverhead none() { return ProtocolOverhead{0, 0}; }
};

// payload / wire = (mtu − header_bytes) / (mtu + framing_bytes); needs mtu > header_bytes.
// Exactly 1.0 with ProtocolOverhead::none().
double protocol_efficiency(std::int32_t mtu, ProtocolOverhead overhead = {});
// The inverse, (mtu + framing_bytes) / (mtu − header_bytes): wire bytes per payload byte, computed
// directly so that it too is exactly 1.0 with no overhead.
double wire_bytes_per_payload_byte(std::int32_t mtu, ProtocolOverhead overhead = {});

}  // namespace models::network
