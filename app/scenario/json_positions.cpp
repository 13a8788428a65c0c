#include "app/scenario/json_positions.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>

namespace app::scenario {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Reading primitives over valid JSON: whitespace (counting lines), strings, scalars.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

 protected:
  bool at_end() const { return pos_ >= text_.size(); }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') ++line_;
      else if (c != ' ' && c != '\t' && c != '\r') return;
      ++pos_;
    }
  }

  void skip_scalar() {
    if (text_[pos_] == '"') {
      skip_string();
      return;
    }
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r') return;
      ++pos_;
    }
  }

  void skip_string() {
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    ++pos_;  // closing quote
  }

  // The string at the cursor as it appears between its quotes, the cursor moved past it; nullopt
  // (cursor unmoved) when it has escapes and needs read_string().
  std::optional<std::string_view> unescaped_string() {
    const std::size_t begin = pos_ + 1;
    std::size_t end = begin;
    while (end < text_.size() && text_[end] != '"' && text_[end] != '\\') ++end;
    if (end >= text_.size() || text_[end] != '"') return std::nullopt;
    pos_ = end + 1;
    return text_.substr(begin, end - begin);
  }

  std::string read_string() {
    std::string out;
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) break;
      c = text_[pos_++];
      switch (c) {
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 1 < text_.size() && text_[pos_] == '\\') {
            pos_ += 2;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out.push_back(c);
      }
    }
    ++pos_;  // closing quote
    return out;
  }

  // After a value inside a container: consumes a ',' (then the cursor is at the next key or
  // element: `next`) or a closing '}' / ']' (`closed`, the container is over); `end` at the end.
  enum class After { next, closed, end };
  After after_value() {
    skip_space();
    if (at_end()) return After::end;
    const char d = text_[pos_];
    if (d == '}' || d == ']') {
      ++pos_;
      return After::closed;
    }
    if (d == ',') {
      ++pos_;
      skip_space();
    }
    return After::next;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;

 private:
  std::uint32_t hex4() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4 && pos_ < text_.size(); ++i, ++pos_) {
      const char c = text_[pos_];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
    }
    return v;
  }
};

// The line of every value, by pointer (the first, where a key repeats). Nesting is handled with
// an explicit stack, so a hostile file cannot exhaust the C++ stack.
class LineScanner : Cursor {
 public:
  LineScanner(std::string_view text, std::map<std::string, int>& lines) : Cursor(text), lines_(lines) {}

  void run() {
    struct Frame {
      std::string pointer;
      bool is_object;
      std::size_t index = 0;
    };
    std::vector<Frame> stack;
    std::string pointer;  // pointer of the value about to be scanned
    for (;;) {
      skip_space();
      if (at_end()) return;
      lines_.emplace(pointer, line_);
      const char c = text_[pos_];
      if (c == '{' || c == '[') {
        ++pos_;
        stack.push_back(Frame{pointer, c == '{'});
      } else {
        skip_scalar();
      }
      // Close finished containers and find the pointer of the next value.
      for (;;) {
        if (stack.empty()) return;
        Frame& top = stack.back();
        const After after = after_value();
        if (after == After::end) return;
        if (after == After::closed) {
          stack.pop_back();
          continue;
        }
        if (top.is_object) {
          const std::string key = read_string();
          skip_space();
          ++pos_;  // ':'
          pointer = top.pointer + "/" + pointer_segment(key);
        } else {
          pointer = top.pointer + "/" + std::to_string(top.index++);
        }
        break;
      }
    }
  }

 private:
  std::map<std::string, int>& lines_;
};

// Keys that repeat within one object, in the order they appear. Runs on every load, so it
// builds no pointers: each open object keeps its keys (views into the text, or into `decoded_`
// for escaped ones) on one shared stack and sorts them when it closes; only a duplicate's
// pointer is spelled out, from the keys and indices of the objects and arrays it sits in.
class DuplicateScanner : Cursor {
 public:
  DuplicateScanner(std::string_view text, std::vector<std::pair<std::string, int>>& duplicates)
      : Cursor(text), duplicates_(duplicates) {}

  void run() {
    for (;;) {
      skip_space();
      if (at_end()) break;
      const char c = text_[pos_];
      if (c == '{' || c == '[') {
        ++pos_;
        stack_.push_back(Frame{c == '{', 0, keys_.size()});
      } else {
        skip_scalar();
      }
      if (!next_value()) break;
    }
    std::sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) { return a.offset < b.offset; });
    for (auto& f : found_) duplicates_.emplace_back(std::move(f.pointer), f.line);
  }

 private:
  struct Frame {
    bool is_object;
    std::size_t elements;   // array elements begun so far
    std::size_t first_key;  // this object's keys are keys_[first_key, next frame's first_key)
  };
  struct Key {
    std::string_view name;
    std::size_t offset;
    int line;
  };
  struct Found {
    std::size_t offset;
    std::string pointer;
    int line;
  };

  // Closes finished containers and moves to the next value; false at the end of the text.
  bool next_value() {
    for (;;) {
      if (stack_.empty()) return false;
      Frame& top = stack_.back();
      const After after = after_value();
      if (after == After::end) return false;
      if (after == After::closed) {
        if (top.is_object) close_object();
        stack_.pop_back();
        continue;
      }
      if (top.is_object) {
        const std::size_t offset = pos_;
        const int line = line_;
        const auto raw = unescaped_string();
        keys_.push_back(Key{raw ? *raw : std::string_view(decoded_.emplace_back(read_string())), offset, line});
        skip_space();
        ++pos_;  // ':'
      } else {
        ++top.elements;
      }
      return true;
    }
  }

  void close_object() {
    const auto first = keys_.begin() + static_cast<std::ptrdiff_t>(stack_.back().first_key);
    if (keys_.end() - first > 1) {
      std::sort(first, keys_.end(), [](const Key& a, const Key& b) {
        return a.name != b.name ? a.name < b.name : a.offset < b.offset;
      });
      for (auto k = first + 1; k != keys_.end(); ++k)
        if (k->name == (k - 1)->name) found_.push_back(Found{k->offset, object_pointer() + "/" + pointer_segment(k->name), k->line});
    }
    keys_.erase(first, keys_.end());
  }

  // The pointer of the innermost open container.
  std::string object_pointer() const {
    std::string pointer;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      if (stack_[i].is_object) pointer += "/" + pointer_segment(keys_[stack_[i + 1].first_key - 1].name);
      else pointer += "/" + std::to_string(stack_[i].elements - 1);
    }
    return pointer;
  }

  std::vector<Frame> stack_;
  std::vector<Key> keys_;
  std::deque<std::string> decoded_;  // escaped keys, decoded; a deque keeps views valid
  std::vector<Found> found_;
  std::vector<std::pair<std::string, int>>& duplicates_;
};

}  // namespace

JsonPositions::JsonPositions(std::string_view text) : text_(text) { DuplicateScanner(text, duplicates_).run(); }

int JsonPositions::line_of(std::string pointer) const {
  std::call_once(lines_built_, [this] { LineScanner(text_, lines_).run(); });
  for (;;) {
    if (auto it = lines_.find(pointer); it != lines_.end()) return it->second;
    const auto slash = pointer.rfind('/');
    if (slash == std::string::npos) return 1;
    pointer.resize(slash);
  }
}

std::string pointer_segment(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

JsonShape json_shape(std::string_view text, int depth_limit, std::size_t width_limit) {
  JsonShape shape;
  std::vector<std::size_t> keys;  // per open container; arrays never count
  std::vector<bool> is_object;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      keys.push_back(0);
      is_object.push_back(c == '{');
      shape.depth = std::max(shape.depth, static_cast<int>(keys.size()));
      if (shape.depth > depth_limit) return shape;
    } else if ((c == '}' || c == ']') && !keys.empty()) {
      keys.pop_back();
      is_object.pop_back();
    } else if (c == ':' && !keys.empty() && is_object.back()) {
      shape.widest = std::max(shape.widest, ++keys.back());
      if (shape.widest > width_limit) return shape;
    }
  }
  return shape;
}

}  // namespace app::scenario
