// The firmware support matrix of lpm-protocol.md §5.1 as data, checked pair by pair.
#include <doctest/doctest.h>

#include "models/migration/validation_firmware.hpp"

namespace mm = models::migration;

TEST_CASE("firmware pairs of §5.1") {
  const auto pairs = mm::supported_firmware_pairs();
  struct Case {
    int a;
    int b;
    bool ok;
  };
  const Case cases[] = {
      {910, 950, true},   {950, 1050, true},  {1050, 950, true},   {1010, 1050, true},
      {1060, 920, true},  {1061, 1020, true}, {1061, 1060, true},  {1110, 950, true},
      {1110, 1061, true}, {1120, 1110, true}, {860, 350, true},    {810, 783, true},
      {730, 860, true},   {860, 950, false},  {783, 730, false},   {1050, 1060, true},
      {1050, 1110, true}, {900, 950, false},  {1055, 1050, false}, {350, 730, false},
  };
  for (const auto& c : cases) {
    INFO(c.a << " <-> " << c.b);
    CHECK(mm::firmware_pair_supported(c.a, c.b, pairs) == c.ok);
  }
}

TEST_CASE("firmware release and service pack from the level text") {
  models::power::ManagedSystemConfig c;
  c.firmware_level = "FW950.40";
  CHECK(mm::firmware_release_of(c) == 950);
  c.firmware_release = 1050;
  CHECK(mm::firmware_release_of(c) == 1050);
  c.firmware_release = 0;
  c.firmware_level = "FW1050";
  CHECK(mm::firmware_release_of(c) == 1050);
  c.firmware_level = "SF240_320";
  CHECK_FALSE(mm::firmware_release_of(c).has_value());
  CHECK(mm::firmware_service_pack("FW840.113") == 113);
  CHECK(mm::firmware_service_pack("FW840_113") == 113);
  CHECK_FALSE(mm::firmware_service_pack("FW840").has_value());
}
