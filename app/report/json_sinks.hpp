// Two places a JSON writer can send what it writes, so that one function describes a document's
// fields for both: JsonTreeSink builds an nlohmann::ordered_json, JsonTextSink prints the same
// document straight to a stream, with the bytes nlohmann's dump(2) would print for that tree
// (invalid UTF-8 replaced by U+FFFD). Used by report_json.cpp.
//   template <class Out> void write_point(Out& o) { o.begin_object(); field(o, "x", 1); o.end_object(); }
#pragma once

#include <charconv>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace app::report {

// Builds the document as a tree; keys keep the order they were written in.
class JsonTreeSink {
 public:
  using Json = nlohmann::ordered_json;

  // Inside an object: the key of the next value (`name` followed by `suffix`).
  void key(std::string_view name, std::string_view suffix = {}) { (key_ = name) += suffix; }
  void begin_object() { open_.push_back(&place(Json::object())); }
  void end_object() { open_.pop_back(); }
  void begin_array() { open_.push_back(&place(Json::array())); }
  void end_array() { open_.pop_back(); }
  // A number, bool, string or nullptr, held as nlohmann holds that C++ type.
  template <typename T>
  void value(const T& v) {
    place(Json(v));
  }
  // A whole document with every object's keys sorted (as nlohmann::json orders them) and
  // invalid UTF-8 replaced.
  void sorted_value(const Json& document);

  Json take() { return std::move(root_); }

 private:
  Json& place(Json v);

  Json root_;
  std::vector<Json*> open_;  // the containers being filled, outermost first
  std::string key_;
};

// Prints the document as it is written, through a buffer written out every 64 KiB: memory stays
// that of the buffer, however long the document (a data centre's report is 100+ MB; issue 18).
class JsonTextSink {
 public:
  using Json = nlohmann::ordered_json;

  explicit JsonTextSink(std::ostream& out) : JsonTextSink(out, 0, false) {}
  // A sink that prints one value as it appears `depth` levels into a document, after its key
  // (after_key) or as an array element after the first: a fragment another thread may format for append_formatted.
  JsonTextSink(std::ostream& out, int depth, bool after_key);
  JsonTextSink(const JsonTextSink&) = delete;
  JsonTextSink& operator=(const JsonTextSink&) = delete;

  void key(std::string_view name, std::string_view suffix = {});
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  template <typename T>
  void value(const T& v) {
    begin_value();
    if constexpr (std::is_same_v<T, std::nullptr_t>) {
      buffer_ += "null";
    } else if constexpr (std::is_same_v<T, bool>) {
      buffer_ += v ? "true" : "false";
    } else if constexpr (std::is_integral_v<T>) {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
      buffer_.append(digits, end);
    } else if constexpr (std::is_floating_point_v<T>) {
      serializer_.dump(Json(v), true, false, 2, 0);  // nlohmann's shortest round-trip form
    } else {
      string(std::string_view(v));
    }
    ended_value();
  }
  void sorted_value(const Json& document);
  // Text a sink made for this depth and position (above) printed: the value after the key just
  // written, or array elements after the first, each with its own line break.
  void append_formatted(std::string_view text);

  // Writes out what is buffered; call it once the document is complete.
  void flush();

 private:
  void open(char bracket);
  void close(char bracket);
  // Before a value: the line break and indent of an array element (a key has written its own).
  void begin_value();
  void ended_value() {
    if (buffer_.size() >= kFlushAt) flush();
  }
  void newline_and_indent();
  void string(std::string_view s);

  static constexpr std::size_t kFlushAt = std::size_t{64} << 10;

  std::ostream& out_;
  std::string buffer_;
  nlohmann::detail::serializer<Json> serializer_;  // writes into buffer_
  int depth_ = 0;
  bool first_ = true;      // nothing written yet in the innermost open container
  bool after_key_ = false;  // the next value follows its key on the same line
};

// `document` as nlohmann::json(document).dump(2) prints it: every object's keys sorted, invalid
// UTF-8 replaced by U+FFFD.
std::string sorted_json_text(const nlohmann::ordered_json& document);

// "key": value in the object being written.
template <class Out, typename T>
void field(Out& o, std::string_view key, const T& v) {
  o.key(key);
  o.value(v);
}

}  // namespace app::report
