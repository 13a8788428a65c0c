// Quantities as scenario files write them ("64GiB", "300ms", "25Gbit/s", "20000pages/s"):
// parsing with the engine's parsers (sim/time.hpp, sim/quantity.hpp) behind a guard against
// inputs they do not handle, formatting back for the effective-spec echo, and the JSON Schema
// pattern of each. Used by the scenario loader's codecs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/scenario/spec_workload.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::scenario {

// Page writes per second above this (≈ 40 TB/s of 4 KiB pages) are beyond any memory bus; such
// values are typos or attacks, and in exact mode each write is simulated.
inline constexpr double kMaxDirtyPagesPerSecond = 1e10;

struct QuantityKind {
  std::string_view what;     // "size", "duration", "rate", "dirty rate"
  std::string_view example;  // shown in "expected a size with a unit, e.g. …"
  std::string_view pattern;  // JSON Schema pattern
};

template <class Q>
struct QuantityText;

template <>
struct QuantityText<sim::Bytes> {
  static constexpr QuantityKind kind{
      "size", "64GiB",
      "^[0-9]+(\\.[0-9]+)? ?(B|kB|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB|bytes|byte)$"};
  static std::optional<sim::Bytes> parse(std::string_view text, std::string& problem);
  static std::string format(sim::Bytes v) { return sim::format_bytes(v); }
  static double magnitude(sim::Bytes v) { return v.as_double(); }
};

template <>
struct QuantityText<sim::Duration> {
  static constexpr QuantityKind kind{"duration", "300ms",
                                     "^[0-9]+(\\.[0-9]+)? ?(ns|us|\u00b5s|ms|s|sec|min|h|d)$"};
  static std::optional<sim::Duration> parse(std::string_view text, std::string& problem);
  static std::string format(sim::Duration v) { return sim::format_duration(v); }
  static double magnitude(sim::Duration v) { return static_cast<double>(v.ns()); }
};

template <>
struct QuantityText<sim::BytesPerSecond> {
  static constexpr QuantityKind kind{
      "rate", "25Gbit/s",
      "^[0-9]+(\\.[0-9]+)? ?(B/s|kB/s|KB/s|MB/s|GB/s|TB/s|KiB/s|MiB/s|GiB/s|TiB/s|bit/s|kbit/s|"
      "Kbit/s|Mbit/s|Gbit/s|Tbit/s|bps|kbps|Mbps|Gbps|Tbps)$"};
  static std::optional<sim::BytesPerSecond> parse(std::string_view text, std::string& problem);
  static std::string format(sim::BytesPerSecond v) { return sim::format_rate(v); }
  static double magnitude(sim::BytesPerSecond v) { return v.value(); }
};

template <>
struct QuantityText<DirtyRate> {
  static constexpr QuantityKind kind{
      "dirty rate", "20000pages/s",
      "^[0-9]+(\\.[0-9]+)? ?(pages/s|page/s|B/s|kB/s|KB/s|MB/s|GB/s|TB/s|KiB/s|MiB/s|GiB/s|TiB/s|"
      "bit/s|kbit/s|Kbit/s|Mbit/s|Gbit/s|Tbit/s|bps|kbps|Mbps|Gbps|Tbps)$"};
  static std::optional<DirtyRate> parse(std::string_view text, std::string& problem);
  static std::string format(const DirtyRate& v);
  static double magnitude(const DirtyRate& v) { return v.value; }
};

template <>
struct QuantityText<TimeOfDay> {
  static constexpr QuantityKind kind{"time of day", "02:00", "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"};
  static std::optional<TimeOfDay> parse(std::string_view text, std::string& problem);
  static std::string format(const TimeOfDay& v);
  static double magnitude(const TimeOfDay& v) { return static_cast<double>(v.since_midnight.ns()); }
};

}  // namespace app::scenario
