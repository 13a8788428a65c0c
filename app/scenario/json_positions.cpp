#include "app/scenario/json_positions.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

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

// A forward-only scanner over valid JSON. Nesting is handled with an explicit stack, so a
// hostile file cannot exhaust the C++ stack.
class Scanner {
 public:
  Scanner(std::string_view text, std::map<std::string, int>& lines,
          std::vector<std::pair<std::string, int>>& duplicates)
      : text_(text), lines_(lines), duplicates_(duplicates) {}

  void run() {
    struct Frame {
      std::string pointer;
      bool is_object;
      std::size_t index = 0;
      std::set<std::string> keys;
    };
    std::vector<Frame> stack;
    std::string pointer;  // pointer of the value about to be scanned
    for (;;) {
      skip_space();
      if (pos_ >= text_.size()) return;
      lines_.emplace(pointer, line_);
      const char c = text_[pos_];
      if (c == '{' || c == '[') {
        ++pos_;
        stack.push_back(Frame{pointer, c == '{', 0, {}});
      } else {
        skip_scalar();
      }
      // Close finished containers and find the pointer of the next value.
      for (;;) {
        if (stack.empty()) return;
        Frame& top = stack.back();
        skip_space();
        if (pos_ >= text_.size()) return;
        const char d = text_[pos_];
        if (d == ',') {
          ++pos_;
          skip_space();
        } else if (d == '}' || d == ']') {
          ++pos_;
          stack.pop_back();
          continue;
        }
        if (top.is_object) {
          const int key_line = line_;
          std::string key = read_string();
          skip_space();
          ++pos_;  // ':'
          pointer = top.pointer + "/" + pointer_segment(key);
          if (!top.keys.insert(key).second) duplicates_.emplace_back(pointer, key_line);
        } else {
          pointer = top.pointer + "/" + std::to_string(top.index++);
        }
        break;
      }
    }
  }

 private:
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
      read_string();
      return;
    }
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r') return;
      ++pos_;
    }
  }

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

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::map<std::string, int>& lines_;
  std::vector<std::pair<std::string, int>>& duplicates_;
};

}  // namespace

JsonPositions::JsonPositions(std::string_view text) { Scanner(text, lines_, duplicates_).run(); }

int JsonPositions::line_of(std::string pointer) const {
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
