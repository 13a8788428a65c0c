#include <doctest/doctest.h>

#include "sim/parse_error.hpp"
#include "sim/quantity.hpp"

using namespace sim::literals;

TEST_CASE("sizes: binary and decimal prefixes, exact") {
  CHECK(sim::parse_bytes("64GiB") == sim::Bytes(68'719'476'736));
  CHECK(sim::parse_bytes("512MB") == sim::Bytes(512'000'000));
  CHECK(sim::parse_bytes("4KiB") == sim::Bytes(4096));
  CHECK(sim::parse_bytes("4kB") == sim::Bytes(4000));
  CHECK(sim::parse_bytes("1.5GiB") == sim::Bytes(1'610'612'736));
  CHECK(sim::parse_bytes("1TiB") == 1_TiB);
  CHECK(sim::parse_bytes("100B") == sim::Bytes(100));
  CHECK(sim::parse_bytes("2 TB") == sim::Bytes(2'000'000'000'000));
}

TEST_CASE("rates: bits vs bytes, decimal vs binary, exact") {
  CHECK(sim::parse_rate("25Gbit/s").value() == 3.125e9);
  CHECK(sim::parse_rate("10Gbps").value() == 1.25e9);
  CHECK(sim::parse_rate("80MB/s").value() == 80e6);
  CHECK(sim::parse_rate("1GiB/s").value() == 1073741824.0);
  CHECK(sim::parse_rate("1Gbit/s").bits_per_second() == 1e9);
  CHECK(sim::parse_rate("100Mbit/s").value() == 12.5e6);
  CHECK(sim::parse_rate("2.5Gbit/s").value() == 312.5e6);
  CHECK(sim::parse_rate("40Gbps") == 40_Gbps);
}

TEST_CASE("malformed sizes and rates name the string") {
  auto size_msg = [](const char* t) {
    try { (void)sim::parse_bytes(t); } catch (const sim::ParseError& e) { return std::string(e.what()); }
    return std::string("accepted");
  };
  auto rate_msg = [](const char* t) {
    try { (void)sim::parse_rate(t); } catch (const sim::ParseError& e) { return std::string(e.what()); }
    return std::string("accepted");
  };
  SUBCASE("size without unit") { CHECK(size_msg("64") == "size \"64\": missing unit"); }
  SUBCASE("size in bits") {
    CHECK(size_msg("64Gb") == "size \"64Gb\": unknown unit \"Gb\" (sizes are in bytes: use B, not b or bit); expected one of B, kB, MB, GB, TB, KiB, MiB, GiB, TiB");
  }
  SUBCASE("rate given as size") {
    CHECK(size_msg("10Gbit/s").find("(a rate was given where a size is expected)") != std::string::npos);
  }
  SUBCASE("fraction of a byte") { CHECK(size_msg("0.5B") == "size \"0.5B\": not a whole number of bytes"); }
  SUBCASE("size overflow") { CHECK(size_msg("9000000PiB") == "size \"9000000PiB\": out of range"); }
  SUBCASE("rate without /s") {
    CHECK(rate_msg("25Gbit") == "rate \"25Gbit\": unknown unit \"Gbit\" (a rate needs \"/s\", e.g. \"25Gbit/s\"); expected one of B/s, kB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, Mbps, Gbps");
  }
  SUBCASE("rate without number") { CHECK(rate_msg("Gbps") == "rate \"Gbps\": expected a number before the unit"); }
  SUBCASE("negative rate") { CHECK(rate_msg("-1Gbps") == "rate \"-1Gbps\": expected a non-negative number without a sign"); }
  SUBCASE("garbage unit") { CHECK(rate_msg("1 furlong/fortnight").find("unknown unit \"furlong/fortnight\"") != std::string::npos); }
}

TEST_CASE("format and round trip") {
  CHECK(sim::format_bytes(64_GiB) == "64GiB");
  CHECK(sim::format_bytes(sim::Bytes(1536 * 1024 * 1024LL)) == "1536MiB");
  CHECK(sim::format_bytes(sim::Bytes(1000)) == "1000B");
  CHECK(sim::format_rate(sim::parse_rate("25Gbit/s")) == "25Gbit/s");
  CHECK(sim::format_rate(sim::parse_rate("80MB/s")) == "640Mbit/s");
  for (const char* s : {"64GiB", "512MB", "4KiB", "12345B", "1.5TiB"}) {
    const auto b = sim::parse_bytes(s);
    CHECK(sim::parse_bytes(sim::format_bytes(b)) == b);
  }
  for (const char* s : {"25Gbit/s", "10Gbps", "80MB/s", "1GiB/s", "123.456MB/s", "1bit/s"}) {
    const auto r = sim::parse_rate(s);
    CHECK(sim::parse_rate(sim::format_rate(r)) == r);
  }
}

TEST_CASE("transfer time rounds up to whole nanoseconds") {
  CHECK(sim::transfer_time(64_GiB, sim::parse_rate("25Gbit/s")) == sim::Duration::from_ns(21'990'232'556));  // 21.9902325555 s
  CHECK(sim::transfer_time(sim::Bytes(1), sim::BytesPerSecond(3.0)) == sim::Duration::from_ns(333'333'334));
  CHECK(sim::transfer_time(sim::Bytes(0), sim::BytesPerSecond(0.0)) == sim::Duration::zero());
  CHECK(sim::transfer_time(sim::Bytes(1), sim::BytesPerSecond(0.0)) == sim::Duration::max());
}
