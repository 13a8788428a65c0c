#include "app/scenario/read_context.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace app::scenario::detail {

void Context::error(const std::string& pointer, std::string message, std::string suggestion) {
  // A hostile file can hold millions of problems; the first kMaxDiagnostics are enough to act on.
  if (diagnostics_.size() >= kMaxDiagnostics) {
    ++dropped_;
    return;
  }
  Diagnostic d;
  d.file = file_;
  d.line = positions_ != nullptr ? positions_->line_of(pointer) : 0;
  d.pointer = pointer;
  d.message = std::move(message);
  d.suggestion = std::move(suggestion);
  diagnostics_.push_back(std::move(d));
}

// Plain decimal, never an exponent: quantity texts ("400000pages/s") must read back, and the
// quantity parser takes no exponent (issue 17: a sweep re-wrote 400000 as "4e+05"). The parser
// also takes at most kMaxFractionDigits after the point (quantity_text.cpp), so a value whose
// shortest form needs more (a fitted 1.06e-10 pages/s) is rounded there: the text then reads
// back to within 1e-18 of the value instead of not reading back at all.
std::string shortest_number(double value) {
  std::array<char, 400> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed);
  if (res.ec != std::errc()) res = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  std::string text(buf.data(), res.ptr);
  const auto point = text.find('.');
  if (point == std::string::npos || text.size() - point - 1 <= kMaxFractionDigits) return text;
  res = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed,
                      static_cast<int>(kMaxFractionDigits));
  text.assign(buf.data(), res.ptr);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "the number " + value.dump();
    case Json::value_t::string: {
      return "the string " + quote(value.get_ref<const std::string&>());
    }
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

std::vector<Diagnostic> Context::take_diagnostics() {
  if (dropped_ > 0) {
    Diagnostic d;
    d.file = file_;
    d.line = diagnostics_.empty() ? 0 : diagnostics_.back().line;
    d.message = "… and " + std::to_string(dropped_) + " more problem" + (dropped_ == 1 ? "" : "s") +
                " not shown (only the first " + std::to_string(kMaxDiagnostics) + " are listed)";
    diagnostics_.push_back(std::move(d));
    dropped_ = 0;
  }
  return std::move(diagnostics_);
}

namespace {
std::string interval(const Constraint& c) {
  return std::string(c.lo_open ? "(" : "[") + shortest_number(c.lo) + ", " + shortest_number(c.hi) + "]";
}
}  // namespace

bool check_number(Context& ctx, const std::string& pointer, double value, const Constraint& c,
                  std::string_view what, const std::string& shown) {
  const std::string w(what);
  // A literal like 1e400 reaches here as infinity: no field means that.
  if (!std::isfinite(value)) {
    ctx.error(pointer, "expected a finite " + w + "; found " + shown + " (out of the range of a double)");
    return false;
  }
  switch (c.kind) {
    case Constraint::Kind::positive:
      if (value > 0.0) return true;
      ctx.error(pointer, "expected a positive " + w + "; found " + shown);
      return false;
    case Constraint::Kind::non_negative:
      if (value >= 0.0) return true;
      ctx.error(pointer, "expected a non-negative " + w + "; found " + shown);
      return false;
    case Constraint::Kind::range: {
      const bool low_ok = c.lo_open ? value > c.lo : value >= c.lo;
      if (low_ok && value <= c.hi) return true;
      ctx.error(pointer, "expected " + std::string(w == "integer" ? "an " : "a ") + w + " in " +
                             interval(c) + "; found " + shown);
      return false;
    }
    default: return true;
  }
}

bool check_name(Context& ctx, const std::string& pointer, const std::string& name) {
  if (name.empty() || name.size() > 47) {
    ctx.error(pointer, "expected a name of 1 to 47 characters; found " + describe(Json(name)));
    return false;
  }
  for (const char c : name) {
    if (c == ',' || c == '/' || static_cast<unsigned char>(c) < 0x20) {
      ctx.error(pointer, "expected a name without commas, slashes or control characters; found " +
                             describe(Json(name)));
      return false;
    }
  }
  return true;
}

}  // namespace app::scenario::detail
