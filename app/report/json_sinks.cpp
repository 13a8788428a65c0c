#include "app/report/json_sinks.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <sstream>

namespace app::report {

namespace {

// The bytes dump() prints inside quotes as they are: 0x20–0x7F but '"' and '\\'.
constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

bool is_plain(std::string_view s) {
  for (const char c : s)
    if (!kPlainByte[static_cast<unsigned char>(c)]) return false;
  return true;
}

}  // namespace

void JsonTreeSink::sorted_value(const Json& document) {
  const nlohmann::json sorted(document);
  place(Json::parse(sorted.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

JsonTreeSink::Json& JsonTreeSink::place(Json v) {
  if (open_.empty()) return root_ = std::move(v);
  // Only the innermost container grows, so the pointers to the ones around it stay valid.
  Json& container = *open_.back();
  if (!container.is_array()) return container[key_] = std::move(v);
  container.push_back(std::move(v));
  return container.back();
}

JsonTextSink::JsonTextSink(std::ostream& out, int depth, bool after_key)
    : out_(out),
      serializer_(nlohmann::detail::output_adapter<char, std::string>(buffer_), ' ', Json::error_handler_t::replace),
      depth_(depth),
      first_(depth == 0),
      after_key_(after_key) {}

void JsonTextSink::append_formatted(std::string_view text) {
  if (text.empty()) return;
  after_key_ = false;
  first_ = false;
  flush();
  out_.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The layout is basic_json::dump(2)'s: a container's first member on a new line, one member a
// line indented by 2 per level, the closing bracket on a line of its own; "{}" and "[]" when
// empty.
void JsonTextSink::key(std::string_view name, std::string_view suffix) {
  const auto spaces = static_cast<std::size_t>(2 * depth_);
  std::array<char, 256> line;  // the line up to the value, appended at once
  const std::size_t n = (first_ ? 1 : 2) + spaces + 1 + name.size() + suffix.size() + 3;
  if (n > line.size() || !is_plain(name) || !is_plain(suffix)) {
    newline_and_indent();
    string(std::string(name) += suffix);
    buffer_.append(": ", 2);
  } else {
    char* p = line.data();
    if (!first_) *p++ = ',';
    *p++ = '\n';
    p = std::fill_n(p, spaces, ' ');
    *p++ = '"';
    p += name.copy(p, name.size());
    p += suffix.copy(p, suffix.size());
    std::memcpy(p, "\": ", 3);
    buffer_.append(line.data(), n);
    first_ = false;
  }
  after_key_ = true;
}

void JsonTextSink::begin_value() {
  if (after_key_) after_key_ = false;
  else if (depth_ > 0) newline_and_indent();
}

void JsonTextSink::newline_and_indent() {
  if (first_) buffer_.append("\n", 1);
  else buffer_.append(",\n", 2);
  buffer_.append(static_cast<std::size_t>(2 * depth_), ' ');
  first_ = false;
}

void JsonTextSink::open(char bracket) {
  begin_value();
  buffer_ += bracket;
  ++depth_;
  first_ = true;
}

void JsonTextSink::close(char bracket) {
  --depth_;
  if (!first_) buffer_.append("\n", 1).append(static_cast<std::size_t>(2 * depth_), ' ');
  buffer_ += bracket;
  first_ = false;
  ended_value();
}

// Most strings of a report are printable ASCII without quotes or backslashes, which dump()
// copies as they are; any other goes through nlohmann's escaping (and its U+FFFD replacement).
void JsonTextSink::string(std::string_view s) {
  if (!is_plain(s)) {
    serializer_.dump(Json(s), true, false, 2, 0);
    return;
  }
  std::array<char, 128> quoted;
  if (s.size() + 2 > quoted.size()) {
    buffer_.append(1, '"').append(s).append(1, '"');
    return;
  }
  quoted[0] = '"';
  s.copy(quoted.data() + 1, s.size());
  quoted[s.size() + 1] = '"';
  buffer_.append(quoted.data(), s.size() + 2);
}

// What nlohmann::json(document).dump(2) prints, without building that std::map-based copy: the
// members of each object are visited in key order.
void JsonTextSink::sorted_value(const Json& document) {
  switch (document.type()) {
    case Json::value_t::object: {
      std::vector<const Json::object_t::value_type*> members;
      members.reserve(document.size());
      for (const auto& member : document.get_ref<const Json::object_t&>()) members.push_back(&member);
      std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
      begin_object();
      for (const auto* member : members) {
        key(member->first);
        sorted_value(member->second);
      }
      end_object();
      return;
    }
    case Json::value_t::array:
      begin_array();
      for (const auto& element : document) sorted_value(element);
      end_array();
      return;
    case Json::value_t::string: return value(document.get_ref<const std::string&>());
    case Json::value_t::number_integer: return value(document.get<std::int64_t>());
    case Json::value_t::number_unsigned: return value(document.get<std::uint64_t>());
    case Json::value_t::number_float: return value(document.get<double>());
    case Json::value_t::boolean: return value(document.get<bool>());
    default:  // null, binary, discarded: as nlohmann prints them
      begin_value();
      serializer_.dump(document, true, false, 2, static_cast<unsigned>(2 * depth_));
      ended_value();
  }
}

void JsonTextSink::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

std::string sorted_json_text(const nlohmann::ordered_json& document) {
  std::ostringstream out;
  JsonTextSink text(out);
  text.sorted_value(document);
  text.flush();
  return std::move(out).str();
}

}  // namespace app::report
