#include "sim/tracer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <ostream>

#include "sim/random.hpp"

namespace sim {

std::string json_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";  // JSON has no inf/NaN
  std::array<char, 64> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), res.ptr);
}

std::string to_json_line(const TraceRecord& r) {
  std::string out = "{\"t\":" + std::to_string(r.time.ns()) + ",\"kind\":" + json_escape(r.kind) +
                    ",\"component\":" + json_escape(r.component);
  for (const auto& f : r.fields) {
    out += ',';
    out += json_escape(f.key);
    out += ':';
    std::visit(
        [&out](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::int64_t>) out += std::to_string(v);
          else if constexpr (std::is_same_v<T, double>) out += json_number(v);
          else if constexpr (std::is_same_v<T, bool>) out += v ? "true" : "false";
          else out += json_escape(v);
        },
        f.value);
  }
  out += '}';
  return out;
}

void JsonLinesTraceSink::record(const TraceRecord& r) { out_ << to_json_line(r) << '\n'; }

void FingerprintTraceSink::record(const TraceRecord& r) {
  hash_ = stable_hash(to_json_line(r), hash_);
  ++count_;
}

}  // namespace sim
